import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PROVISIONAL_ID, demoAccounts, seedDemoData } from '../../src/demo/seed';
import { findFlow, insertFlow, updateFlow, deleteExpiredFlows } from '../../src/flows/registration/repository';
import { RegistrationService } from '../../src/flows/registration/service';
import { registrationService } from '../../src/http/pages/registration/routes';
import { findAccountByLoginId } from '../../src/accounts/repository';
import { testDatabases, withTestContext } from '../support/databases';
import { PASSWORD, freshMarie, lastCode } from './support';

describe.each(testDatabases)('registration flows on $name', ({ open }) => {
  const withContext = (run: Parameters<typeof withTestContext>[1]) => withTestContext(open, run);

  it('stores, reads and updates a flow with optimistic versions', () =>
    withContext(async (ctx) => {
      const db = ctx.database.db;
      const f = { id: 'flow-1', state: 'civil_status' as const, data: { origin: 'api' as const, prestation: 'rsa' }, version: 1, createdAt: 1, updatedAt: 1, expiresAt: 3_600_001 };
      await insertFlow(db, f);
      expect(await findFlow(db, 'flow-1')).toEqual(f);
      expect(await updateFlow(db, { id: 'flow-1', state: 'identity_document', data: { origin: 'api' }, expectedVersion: 1, now: 2, expiresAt: 3_600_002 })).toBe(true);
      // A second writer still holding version 1 is refused.
      expect(await updateFlow(db, { id: 'flow-1', state: 'contact', data: { origin: 'api' }, expectedVersion: 1, now: 3, expiresAt: 3_600_003 })).toBe(false);
      expect(await findFlow(db, 'flow-1')).toMatchObject({ state: 'identity_document', version: 2, expiresAt: 3_600_002 });
      expect(await deleteExpiredFlows(db, 4_000_000)).toBe(1);
      expect(await findFlow(db, 'flow-1')).toBeUndefined();
    }));

  it('runs the whole registration use cases and creates the account', () =>
    withContext(async (ctx, clock) => {
      const service: RegistrationService = registrationService(ctx);
      const person = freshMarie();
      const flow = await service.start({ origin: 'api' });
      await service.submitCivilStatus(flow.id, { ...person, birthDate: '1990-05-15' });
      await service.submitDocument(flow.id, { documentKind: 'none' });
      await service.submitContact(flow.id, { contactKind: 'email', email: 'db@example.fr' }, { ip: '192.0.2.1' });
      await service.verifyCode(flow.id, { code: await lastCode(ctx.database.db, 'db@example.fr') });
      await service.submitPassword(flow.id, { password: PASSWORD, passwordConfirmation: PASSWORD });
      clock.advance(1000);
      const done = await service.confirm(flow.id);
      expect(done.flow.state).toBe('completed');
      expect(await findAccountByLoginId(ctx.database.db, person.nir!)).toMatchObject({ identity_status: 'to_confirm', contact_value: 'db@example.fr' });
      const stored = await findFlow(ctx.database.db, flow.id);
      expect(stored?.data.passwordHash).toBeUndefined();
      // Confirming twice creates nothing more.
      await expect(service.confirm(flow.id)).rejects.toMatchObject({ code: 'REGISTRATION_FLOW_COMPLETED' });
    }));

  it('seeds the demo accounts once, with the household and its procuration', () =>
    withContext(async (ctx) => {
      expect(await seedDemoData(ctx)).toBe(demoAccounts.length);
      expect(await seedDemoData(ctx)).toBe(0);
      const ana = await findAccountByLoginId(ctx.database.db, DEMO_PROVISIONAL_ID);
      expect(ana).toMatchObject({ nir: null, identity_status: 'to_confirm' });
      expect(await ctx.passwords.verify(ana!.password_hash!, DEMO_PASSWORD)).toBe(true);
      const members = await ctx.database.db.selectFrom('household_members').selectAll().where('household_id', '=', 'demo-foyer-1234567').orderBy('role').orderBy('birth_date').execute();
      expect(members.map((m) => [m.role, Number(m.has_procuration), m.account_id !== null])).toEqual([
        ['conjoint', 1, true],
        ['enfant', 0, true],
        ['enfant', 0, false],
        ['responsable', 0, true],
      ]);
    }));
});
