import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { findAccountByLoginId } from '../../../src/accounts/repository';
import type { AppContext } from '../../../src/context';
import { listDemarches } from '../../../src/demarches/repository';
import {
  confirmRegistration,
  startRegistration,
  submitContact,
  submitDocument,
  submitPassword,
  verifyCode,
} from '../../../src/journeys/registration/use-cases';
import { submitCivilStatus } from '../../../src/journeys/registration/civil-status';
import { testDatabases, withTestContext } from '../../support/databases';
import { lastCode } from '../../support/outbox';
import { freshMarie, REGISTRATION_PASSWORD, saved } from '../../support/registration';

/** « Créer Mon Compte » keeps the prestation of the flow as a démarche, in the account's transaction. */
describe.each(testDatabases)('registration → démarche on $name', ({ open }) => {
  const withContext = (run: Parameters<typeof withTestContext>[1]) => withTestContext(open, run);

  /** The whole flow through the use cases; returns the NIR used. */
  const register = async (
    ctx: AppContext,
    prestation: string | undefined,
    person = freshMarie(),
    email = `${Math.random().toString(36).slice(2, 10)}@example.fr`,
  ) => {
    const flow = await startRegistration(ctx, { prestation, origin: 'api' });
    await saved(submitCivilStatus(ctx, flow.token, { ...person, birthDate: '1990-05-15' }));
    await saved(submitDocument(ctx, flow.token, { documentKind: 'none' }));
    await saved(submitContact(ctx, flow.token, { contactKind: 'email', email }, { ip: '192.0.2.1' }));
    await saved(verifyCode(ctx, flow.token, { code: await lastCode(ctx.database.db, email) }));
    await saved(submitPassword(ctx, flow.token, { password: REGISTRATION_PASSWORD, passwordConfirmation: REGISTRATION_PASSWORD }));
    await saved(confirmRegistration(ctx, flow.token));
    return person.nir!;
  };

  it('records the prestation of the flow on the new account, dated with it', () =>
    withContext(async (ctx, clock) => {
      const nir = await register(ctx, 'allocations-familiales');
      const account = (await findAccountByLoginId(ctx.database.db, nir))!;
      expect(await listDemarches(ctx.database.db, account.id)).toEqual([
        expect.objectContaining({
          prestation: 'allocations-familiales',
          status: 'brouillon',
          created_at: clock.now(),
          updated_at: clock.now(),
        }),
      ]);
      expect(account.created_at).toBe(clock.now());
    }));

  it('in the same transaction as the account: if the démarche cannot be written, no account is created', () =>
    withContext(async (ctx) => {
      const person = freshMarie();
      // PostgreSQL refuses to drop a referenced table: `cascade` drops the other tables' foreign keys to it (not the tables).
      await sql.raw(`drop table demarches${ctx.database.dialect === 'postgres' ? ' cascade' : ''}`).execute(ctx.database.db);
      await expect(register(ctx, 'rsa', person)).rejects.toThrow();
      expect(await findAccountByLoginId(ctx.database.db, person.nir!)).toBeUndefined();
    }));

  it('records nothing without a prestation, or for one not asked for online (the JSON API accepts any slug of the catalogue)', () =>
    withContext(async (ctx) => {
      for (const prestation of [undefined, 'aah']) {
        const nir = await register(ctx, prestation);
        const account = (await findAccountByLoginId(ctx.database.db, nir))!;
        expect(await listDemarches(ctx.database.db, account.id)).toEqual([]);
      }
    }));

  it('adds nothing to the account of a NIR registered already (somebody else may be trying it)', () =>
    withContext(async (ctx) => {
      const person = freshMarie();
      await register(ctx, undefined, person);
      const owner = (await findAccountByLoginId(ctx.database.db, person.nir!))!;
      await register(ctx, 'rsa', person);
      expect(await listDemarches(ctx.database.db, owner.id)).toEqual([]);
      expect(await ctx.database.db.selectFrom('demarches').selectAll().execute()).toEqual([]);
    }));
});
