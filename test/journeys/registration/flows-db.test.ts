import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PROVISIONAL_ID, demoAccounts, seedDemoData } from '../../../src/demo/seed';
import { FLOW_SWEEP_GRACE_MS, sweepExpiredFlows } from '../../../src/flows/store';
import {
  confirmRegistration,
  flows,
  startRegistration,
  submitContact,
  submitDocument,
  submitPassword,
  verifyCode,
} from '../../../src/journeys/registration/use-cases';
import { submitCivilStatus } from '../../../src/journeys/registration/civil-status';
import { registrationRefusal } from '../../../src/journeys/registration/replies';
import { findAccountByLoginId } from '../../../src/accounts/repository';
import { testDatabases, withTestContext } from '../../support/databases';
import { lastCode } from '../../support/outbox';
import { freshMarie, REGISTRATION_PASSWORD, saved } from '../../support/registration';

describe.each(testDatabases)('registration flows on $name', ({ open }) => {
  const withContext = (run: Parameters<typeof withTestContext>[1]) => withTestContext(open, run);

  it('stores, reads and updates a flow with optimistic versions', () =>
    withContext(async (ctx) => {
      const db = ctx.database.db;
      const { token, flow: f } = await flows.create(db, { data: { origin: 'api', prestation: 'rsa' } }, 1);
      expect(await flows.findLive(db, token, 2)).toEqual({ ...f });
      const read = await flows.find(db, token, 1);
      expect((await flows.save(db, read, { state: 'identity_document', data: { origin: 'api' } }, 2)).version).toBe(2);
      // A second writer still holding version 1 is refused.
      await expect(flows.save(db, read, { state: 'contact', data: { origin: 'api' } }, 3)).rejects.toMatchObject({ code: 'FLOW_CONFLICT' });
      expect(await flows.findLive(db, token, 3)).toMatchObject({ state: 'identity_document', version: 2, expiresAt: 3_600_002 });
      expect(await sweepExpiredFlows(db, 4_000_000 + FLOW_SWEEP_GRACE_MS)).toBe(1);
      expect(await flows.findLive(db, token, 3)).toBeUndefined();
    }));

  it('runs the whole registration use cases and creates the account', () =>
    withContext(async (ctx, clock) => {
      const person = freshMarie();
      const flow = await startRegistration(ctx, { origin: 'api' });
      await saved(submitCivilStatus(ctx, flow.token, { ...person, birthDate: '1990-05-15' }));
      await saved(submitDocument(ctx, flow.token, { documentKind: 'none' }));
      await saved(submitContact(ctx, flow.token, { contactKind: 'email', email: 'db@example.fr' }, { ip: '192.0.2.1' }));
      await saved(verifyCode(ctx, flow.token, { code: await lastCode(ctx.database.db, 'db@example.fr') }));
      await saved(submitPassword(ctx, flow.token, { password: REGISTRATION_PASSWORD, passwordConfirmation: REGISTRATION_PASSWORD }));
      clock.advance(1000);
      const done = await saved(confirmRegistration(ctx, flow.token));
      expect(done.flow.state).toBe('completed');
      expect(await findAccountByLoginId(ctx.database.db, person.nir!)).toMatchObject({
        identity_status: 'to_confirm',
        contact_value: 'db@example.fr',
      });
      const stored = await flows.findLive(ctx.database.db, flow.token, clock.now());
      expect(stored?.data.passwordHash).toBeUndefined();
      // Confirming twice creates nothing more.
      const again = await confirmRegistration(ctx, flow.token);
      expect(again).toMatchObject({ kind: 'elsewhere', to: 'completed' });
      if (again.kind === 'saved') throw new Error('confirmed twice');
      expect(registrationRefusal(again).error).toMatchObject({ code: 'REGISTRATION_FLOW_COMPLETED' });
    }));

  it('seeds the demo accounts once, with the household and its procuration', () =>
    withContext(async (ctx) => {
      expect(await seedDemoData(ctx)).toBe(demoAccounts.length);
      expect(await seedDemoData(ctx)).toBe(0);
      const ana = await findAccountByLoginId(ctx.database.db, DEMO_PROVISIONAL_ID);
      expect(ana).toMatchObject({ nir: null, identity_status: 'to_confirm' });
      expect(await ctx.passwords.verify(ana!.password_hash!, DEMO_PASSWORD)).toBe(true);
      const members = await ctx.database.db
        .selectFrom('household_members')
        .selectAll()
        .where('household_id', '=', 'demo-foyer-1234567')
        .orderBy('role')
        .orderBy('birth_date')
        .execute();
      expect(members.map((m) => [m.role, Number(m.has_procuration), m.account_id !== null])).toEqual([
        ['conjoint', 1, true],
        ['enfant', 0, true],
        ['enfant', 0, false],
        ['responsable', 0, true],
      ]);
    }));
});
