import { describe, expect, it } from 'vitest';
import { findAccountByLoginId } from '../../src/accounts/repository';
import type { AppContext } from '../../src/context';
import { listDemarches } from '../../src/demarches/repository';
import { DEMO_PASSWORD, seedDemoData } from '../../src/demo/seed';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { recentActivity } from '../../src/household/activity';
import { declareBankAccountChange } from '../../src/household/changes';
import { grantProcuration, revokeProcuration } from '../../src/household/procuration';
import { currentAddress, currentBankAccount, findActor, listSeparations } from '../../src/household/repository';
import { declareSeparation } from '../../src/demarches/separation';
import type { SeparationInput } from '../../src/household/inputs';
import type { TestClock } from '../support/clock';
import { testDatabases, withTestContext } from '../support/databases';

const P = DEMO_PEOPLE;
const origin = { ip: '192.0.2.7', userAgent: 'vitest' };
/** 2026-11-30, 10:00 in Paris (09:00 UTC). */
const MORNING = Date.UTC(2026, 10, 30, 9, 0, 0);

async function person(ctx: AppContext, nir: string) {
  const account = (await findAccountByLoginId(ctx.database.db, nir))!;
  const { session } = await ctx.sessions.create({ accountId: account.id, ...origin, data: { authMethod: 'password' } });
  const actor = await findActor(ctx.database.db, account.id);
  return { account, session, actor, dossier: actor.dossier! };
}

const messagesTo = (ctx: AppContext, to: string) =>
  ctx.database.db.selectFrom('outbox_messages').select(['subject', 'text']).where('recipient', '=', to).execute();
const separation = (o: Partial<SeparationInput> = {}): SeparationInput => ({
  date: '2026-11-30',
  leaver: 'partner',
  children: 'declarer',
  newAddress: null,
  ...o,
});

describe.each(testDatabases)('household rules on $name', { timeout: 120_000 }, ({ open }) => {
  const withDemo = (run: (ctx: AppContext, clock: TestClock) => Promise<void>) =>
    withTestContext(open, async (ctx, clock) => {
      clock.advance(MORNING - clock.now());
      await seedDemoData(ctx);
      clock.advance(60_000);
      await run(ctx, clock);
    });

  it('the responsable grants the autorisation de gestion after their password, the conjoint is told, then it is revoked', () =>
    withDemo(async (ctx) => {
      const thomas = await person(ctx, P.thomasPetit.nir);
      const nadia = await person(ctx, P.nadiaPetit.nir);
      expect(await grantProcuration(ctx, { ...thomas, currentPassword: 'PasLeBon2026', origin })).toEqual({ kind: 'wrong_password' });
      expect(await grantProcuration(ctx, { ...thomas, currentPassword: '', origin })).toEqual({ kind: 'password_missing' });
      expect((await findActor(ctx.database.db, nadia.account.id)).membership?.hasProcuration).toBe(false);
      expect(await messagesTo(ctx, '+33611223344')).toEqual([]);

      expect(await grantProcuration(ctx, { ...thomas, currentPassword: DEMO_PASSWORD, origin })).toEqual({ kind: 'done' });
      expect((await findActor(ctx.database.db, nadia.account.id)).membership?.hasProcuration).toBe(true);
      expect(await messagesTo(ctx, '+33611223344')).toEqual([
        expect.objectContaining({
          subject: 'Vous avez reçu l’autorisation de gestion du dossier',
          text: expect.stringContaining('n° 2345678'),
        }),
      ]);
      expect(await grantProcuration(ctx, { ...thomas, currentPassword: DEMO_PASSWORD, origin })).toEqual({
        kind: 'refused',
        code: 'HOUSEHOLD_PROCURATION_ALREADY',
        partner: 'MME',
      });

      expect(await revokeProcuration(ctx, { ...thomas, origin })).toEqual({ kind: 'done' });
      expect((await findActor(ctx.database.db, nadia.account.id)).membership?.hasProcuration).toBe(false);
      expect((await messagesTo(ctx, '+33611223344')).map((m) => m.subject)).toContain(
        'Votre autorisation de gestion du dossier a été retirée',
      );
      expect(await revokeProcuration(ctx, { ...thomas, origin })).toEqual({
        kind: 'refused',
        code: 'HOUSEHOLD_PROCURATION_NONE',
        partner: 'MME',
      });

      expect((await recentActivity(ctx.database.db, thomas.account.id)).map((a) => a.text)).toEqual([
        'Vous avez retiré l’autorisation de gestion à votre conjointe.',
        'Vous avez donné l’autorisation de gestion à votre conjointe.',
      ]);
      expect((await recentActivity(ctx.database.db, nadia.account.id)).map((a) => a.type)).toEqual([
        'procuration_revoked',
        'procuration_granted',
      ]);
    }));

  it('a separation the same day as a grant ends the procuration and the conjoint’s access and sessions at once', () =>
    withDemo(async (ctx, clock) => {
      const thomas = await person(ctx, P.thomasPetit.nir);
      const nadia = await person(ctx, P.nadiaPetit.nir);
      expect(await grantProcuration(ctx, { ...thomas, currentPassword: DEMO_PASSWORD, origin })).toEqual({ kind: 'done' });
      clock.advance(5 * 3600_000); // 15:00, the same day
      const out = await declareSeparation(ctx, {
        accountId: thomas.account.id,
        sessionId: thomas.session.id,
        role: 'responsable',
        dossier: thomas.dossier,
        input: separation(),
        origin,
      });
      expect(out).toMatchObject({ kind: 'declared', sessionsEnded: 1 });
      expect(await findActor(ctx.database.db, nadia.account.id)).toEqual({ accountId: nadia.account.id });
      expect(await ctx.sessions.activeOf(nadia.account.id)).toEqual([]);
      const open = await ctx.database.db
        .selectFrom('sessions')
        .select('id')
        .where('account_id', '=', thomas.account.id)
        .where('ended_at', 'is', null)
        .execute();
      expect(open.map((s) => s.id)).toEqual([thomas.session.id]);
      const member = await ctx.database.db
        .selectFrom('household_members')
        .selectAll()
        .where('account_id', '=', nadia.account.id)
        .executeTakeFirstOrThrow();
      expect(member).toMatchObject({ has_procuration: 0, procuration_granted_at: null, left_at: clock.now() });
      // Nothing to grant any more, the same day.
      expect(await grantProcuration(ctx, { ...thomas, currentPassword: DEMO_PASSWORD, origin })).toEqual({
        kind: 'refused',
        code: 'HOUSEHOLD_NO_CONJOINT',
      });
      // The démarche « Séparation déclarée » of the declarer, the declaration kept, the conjoint told.
      const [demarche] = await listDemarches(ctx.database.db, thomas.account.id);
      expect(demarche).toMatchObject({
        id: out.kind === 'declared' ? out.demarcheId : '',
        prestation: 'declaration-separation',
        status: 'envoyee',
      });
      expect(await listSeparations(ctx.database.db, thomas.dossier.householdId)).toEqual([
        expect.objectContaining({
          declared_by: thomas.account.id,
          former_member_id: member.id,
          leaver: 'partner',
          children: 'declarer',
          separation_date: '2026-11-30',
        }),
      ]);
      expect((await messagesTo(ctx, '+33611223344')).map((m) => m.subject)).toContain('Une séparation a été déclarée sur votre dossier');
      expect((await recentActivity(ctx.database.db, nadia.account.id)).map((a) => a.type)).toEqual([
        'household_left',
        'separation_declared',
        'procuration_granted',
      ]);
    }));

  it('a conjoint who declares that they leave loses the dossier but keeps the session they declared from', () =>
    withDemo(async (ctx) => {
      const nadia = await person(ctx, P.nadiaPetit.nir);
      const other = await ctx.sessions.create({ accountId: nadia.account.id, ...origin });
      const before = await currentAddress(ctx.database.db, nadia.dossier.householdId);
      const newAddress = { line1: '5 rue Neuve', line2: null, postalCode: '35200', city: 'RENNES' };
      const out = await declareSeparation(ctx, {
        accountId: nadia.account.id,
        sessionId: nadia.session.id,
        role: 'conjoint',
        dossier: nadia.dossier,
        input: separation({ leaver: 'declarer', children: 'alternate', newAddress }),
        origin,
      });
      expect(out).toMatchObject({ kind: 'declared', sessionsEnded: 1 });
      expect((await ctx.sessions.activeOf(nadia.account.id)).map((s) => s.id)).toEqual([nadia.session.id]);
      expect((await ctx.sessions.resolve(other.token)).status).not.toBe('active');
      expect((await findActor(ctx.database.db, nadia.account.id)).membership).toBeUndefined();
      // The dossier stays the responsable's, at its address; he is told.
      const thomas = await findAccountByLoginId(ctx.database.db, P.thomasPetit.nir);
      expect((await findActor(ctx.database.db, thomas!.id)).membership?.role).toBe('responsable');
      expect(await currentAddress(ctx.database.db, nadia.dossier.householdId)).toEqual(before);
      expect((await messagesTo(ctx, 'thomas.petit@example.fr')).map((m) => m.subject)).toEqual([
        'Une séparation a été déclarée sur votre dossier',
      ]);
      expect((await listDemarches(ctx.database.db, nadia.account.id)).map((d) => d.prestation)).toEqual(['declaration-separation']);
      expect(JSON.parse((await listSeparations(ctx.database.db, nadia.dossier.householdId))[0]!.new_address!)).toEqual(newAddress);
    }));

  it('a responsable who leaves the home takes the dossier to their new address', () =>
    withDemo(async (ctx) => {
      const julien = await person(ctx, P.julienMoreau.nir);
      const newAddress = { line1: '2 place Royale', line2: null, postalCode: '44000', city: 'NANTES' };
      await declareSeparation(ctx, {
        accountId: julien.account.id,
        sessionId: julien.session.id,
        role: 'responsable',
        dossier: julien.dossier,
        input: separation({ leaver: 'declarer', newAddress, date: '2026-11-20' }),
        origin,
      });
      expect(await currentAddress(ctx.database.db, julien.dossier.householdId)).toMatchObject({
        line1: '2 place Royale',
        since: '2026-11-20',
        recorded_by: julien.account.id,
      });
      const lea = await findAccountByLoginId(ctx.database.db, P.leaMoreau.nir);
      expect(await findActor(ctx.database.db, lea!.id)).toEqual({ accountId: lea!.id });
    }));

  it('a single parent has no partner to separate from', () =>
    withDemo(async (ctx) => {
      const sophie = await person(ctx, P.sophieGarnier.nir);
      expect(
        await declareSeparation(ctx, {
          accountId: sophie.account.id,
          sessionId: sophie.session.id,
          role: 'responsable',
          dossier: sophie.dossier,
          input: separation(),
          origin,
        }),
      ).toEqual({ kind: 'no_partner' });
      expect(await grantProcuration(ctx, { ...sophie, currentPassword: DEMO_PASSWORD, origin })).toEqual({
        kind: 'refused',
        code: 'HOUSEHOLD_NO_CONJOINT',
      });
    }));

  it('a new bank account is kept in the history and told to every manager of the dossier', () =>
    withDemo(async (ctx) => {
      const lea = await person(ctx, P.leaMoreau.nir);
      await declareBankAccountChange(
        ctx,
        { accountId: lea.account.id, dossier: lea.dossier, origin, proof: 'password' },
        { iban: 'DE89370400440532013000', holder: 'MOREAU Léa' },
      );
      expect(await currentBankAccount(ctx.database.db, lea.dossier.householdId)).toMatchObject({
        iban: 'DE89370400440532013000',
        holder: 'MOREAU Léa',
        recorded_by: lea.account.id,
      });
      for (const to of ['julien.moreau@example.fr', '+33698765432']) {
        expect(await messagesTo(ctx, to)).toEqual([
          expect.objectContaining({
            subject: 'Changement de compte bancaire déclaré sur votre dossier',
            text: expect.stringContaining('DE89 •••• •••• 3000'),
          }),
        ]);
      }
      for (const to of ['julien.moreau@example.fr', '+33698765432'])
        for (const m of await messagesTo(ctx, to)) expect(m.text).not.toContain('DE89370400440532013000');
      expect(await messagesTo(ctx, 'hugo.moreau@example.fr')).toEqual([]);
      expect((await recentActivity(ctx.database.db, lea.account.id))[0]?.text).toBe(
        'Vous avez déclaré un nouveau compte bancaire (DE89 •••• •••• 3000).',
      );
    }));
});
