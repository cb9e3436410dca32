import { describe, expect, it } from 'vitest';
import { actOnDemarche } from '../../../src/agents/instruction';
import { createAgent } from '../../../src/agents/repository';
import { findAccountByLoginId } from '../../../src/accounts/repository';
import { auditEventsOf } from '../../../src/auth/audit';
import type { AppContext } from '../../../src/context';
import { findDemarche, listDemarches } from '../../../src/demarches/repository';
import { demarchesOf } from '../../../src/demarches/service';
import { seedDemoData } from '../../../src/demo/seed';
import { DEMO_PEOPLE } from '../../../src/demo/people';
import { recentActivity } from '../../../src/household/activity';
import type { SeparationInput } from '../../../src/household/inputs';
import { currentAddress, findActor, listSeparations } from '../../../src/household/repository';
import { declareSeparation } from '../../../src/demarches/separation';
import type { TestClock } from '../../support/clock';
import { testDatabases, withTestContext } from '../../support/databases';

/**
 * A separation declared by a child over 15 or a personne à charge (the seed allows it): a
 * declaration the Caf checks — nothing changes and nobody else hears of it until an agent confirms
 * it; the declarer's new address never reaches the couple (messages, démarches, activity).
 */
const P = DEMO_PEOPLE;
const origin = { ip: '192.0.2.7', userAgent: 'vitest' };
const MORNING = Date.UTC(2026, 10, 30, 9, 0, 0);
const NEW_ADDRESS = { line1: '7 impasse Cachée', line2: null, postalCode: '49000', city: 'ANGERS' };

async function person(ctx: AppContext, nir: string) {
  const account = (await findAccountByLoginId(ctx.database.db, nir))!;
  const { session } = await ctx.sessions.create({ accountId: account.id, ...origin, data: { authMethod: 'password' } });
  const actor = await findActor(ctx.database.db, account.id);
  return { account, session, actor, dossier: actor.dossier! };
}

const outbox = (ctx: AppContext) => ctx.database.db.selectFrom('outbox_messages').select(['recipient', 'subject', 'text']).execute();
const input = (o: Partial<SeparationInput> = {}): SeparationInput => ({
  date: '2026-11-28',
  leaver: 'conjoint',
  children: 'responsable',
  newAddress: NEW_ADDRESS,
  ...o,
});
const newAgent = (ctx: AppContext) =>
  createAgent(
    ctx.database.db,
    {
      login_id: 'instructeur@caf.example.fr',
      display_name: 'Paul AGENT',
      email: 'instructeur@caf.example.fr',
      password_hash: 'x',
      roles: ['instruction'],
    },
    ctx.clock.now(),
  );

describe.each(testDatabases)('a separation declared by another member, checked by the Caf, on $name', { timeout: 120_000 }, ({ open }) => {
  const withDemo = (run: (ctx: AppContext, clock: TestClock) => Promise<void>) =>
    withTestContext(open, async (ctx, clock) => {
      clock.advance(MORNING - clock.now());
      await seedDemoData(ctx);
      clock.advance(60_000);
      await run(ctx, clock);
    });

  it('a child over 15 declares it: pending, nothing changes, nobody else is told; the Caf confirms: the conjoint leaves', () =>
    withDemo(async (ctx, clock) => {
      const hugo = await person(ctx, P.hugoMoreau.nir);
      const julien = await person(ctx, P.julienMoreau.nir);
      const lea = await person(ctx, P.leaMoreau.nir);
      const addressBefore = await currentAddress(ctx.database.db, hugo.dossier.householdId);
      const before = await outbox(ctx);

      const out = await declareSeparation(ctx, {
        accountId: hugo.account.id,
        sessionId: hugo.session.id,
        role: 'enfant',
        dossier: hugo.dossier,
        input: input(),
        origin,
      });
      expect(out.kind).toBe('submitted');
      const demarcheId = out.kind === 'submitted' ? out.demarcheId : '';
      // Nothing changed on the dossier: Léa keeps her place, her procuration and her session.
      expect((await findActor(ctx.database.db, lea.account.id)).membership).toEqual({
        role: 'conjoint',
        birthDate: P.leaMoreau.birthDate,
        hasProcuration: true,
      });
      expect((await ctx.sessions.activeOf(lea.account.id)).map((s) => s.id)).toEqual([lea.session.id]);
      expect(await currentAddress(ctx.database.db, hugo.dossier.householdId)).toEqual(addressBefore);
      // Nobody is told; the couple does not see the declaration among the household's démarches.
      expect(await outbox(ctx)).toEqual(before);
      for (const manager of [julien, lea]) {
        expect(
          (await demarchesOf({ db: ctx.database.db, now: () => ctx.clock.now() }, await findActor(ctx.database.db, manager.account.id)))
            .household,
        ).toEqual([]);
        expect(await recentActivity(ctx.database.db, manager.account.id)).toEqual([]);
      }
      expect((await listDemarches(ctx.database.db, hugo.account.id)).map((d) => [d.prestation, d.status])).toEqual([
        ['declaration-separation', 'envoyee'],
      ]);
      expect(await listSeparations(ctx.database.db, hugo.dossier.householdId)).toEqual([
        expect.objectContaining({ status: 'pending', declarer_role: 'enfant', leaver: 'conjoint', children: 'responsable' }),
      ]);
      // A second declaration while the first waits is not recorded.
      expect(
        await declareSeparation(ctx, {
          accountId: hugo.account.id,
          sessionId: hugo.session.id,
          role: 'enfant',
          dossier: hugo.dossier,
          input: input(),
          origin,
        }),
      ).toEqual({ kind: 'already_pending' });

      // The Caf confirms it.
      clock.advance(3600_000);
      const agent = await newAgent(ctx);
      let d = (await findDemarche(ctx.database.db, demarcheId))!;
      d = await actOnDemarche(ctx, { agent, demarcheId, event: 'start_instruction', version: d.version, origin });
      expect((await findActor(ctx.database.db, lea.account.id)).membership?.role).toBe('conjoint');
      await actOnDemarche(ctx, { agent, demarcheId, event: 'accept', reason: 'Séparation vérifiée.', version: d.version, origin });

      expect(await findActor(ctx.database.db, lea.account.id)).toEqual({ accountId: lea.account.id });
      expect(await ctx.sessions.activeOf(lea.account.id)).toEqual([]);
      expect((await findActor(ctx.database.db, julien.account.id)).membership?.role).toBe('responsable');
      expect((await listSeparations(ctx.database.db, hugo.dossier.householdId))[0]).toMatchObject({ status: 'confirmed' });
      const sent = (await outbox(ctx)).slice(before.length);
      const to = (r: string) => sent.filter((m) => m.recipient === r).map((m) => m.subject);
      expect(to('julien.moreau@example.fr')).toEqual(['La Caf a confirmé une séparation sur votre dossier']);
      expect(to('+33698765432')).toEqual(['La Caf a confirmé une séparation sur votre dossier']);
      expect(to('hugo.moreau@example.fr')).toContain('Votre déclaration a été confirmée');
      // What the couple reads names neither the declarer nor their new address.
      for (const m of sent.filter((x) => x.recipient !== 'hugo.moreau@example.fr')) {
        expect(`${m.subject} ${m.text}`).not.toMatch(/Hugo|Cachée|ANGERS|49000/i);
      }
      for (const manager of [julien, lea]) {
        const activity = await recentActivity(ctx.database.db, manager.account.id);
        expect(activity[activity.length - 1]?.text).toBe('La Caf a confirmé une séparation sur votre dossier.');
        const events = await auditEventsOf(ctx.database.db, manager.account.id, { limit: 50 });
        expect(JSON.stringify(events)).not.toMatch(/Cachée|ANGERS|49000/);
      }
      expect(
        (await demarchesOf({ db: ctx.database.db, now: () => ctx.clock.now() }, await findActor(ctx.database.db, julien.account.id)))
          .household,
      ).toEqual([]);
    }));

  it('classée sans suite: nothing changes on the dossier and the couple never hears of it', () =>
    withDemo(async (ctx) => {
      const jeanne = await person(ctx, P.jeanneLeroy.nir);
      // Jeanne's dossier (Marc LEROY alone) has no couple.
      expect(
        await declareSeparation(ctx, {
          accountId: jeanne.account.id,
          sessionId: jeanne.session.id,
          role: 'personne_a_charge',
          dossier: jeanne.dossier,
          input: input(),
          origin,
        }),
      ).toEqual({ kind: 'no_partner' });

      const hugo = await person(ctx, P.hugoMoreau.nir);
      const lea = await person(ctx, P.leaMoreau.nir);
      const before = await outbox(ctx);
      const out = await declareSeparation(ctx, {
        accountId: hugo.account.id,
        sessionId: hugo.session.id,
        role: 'enfant',
        dossier: hugo.dossier,
        input: input({ newAddress: null }),
        origin,
      });
      const demarcheId = out.kind === 'submitted' ? out.demarcheId : '';
      const agent = await newAgent(ctx);
      const d = (await findDemarche(ctx.database.db, demarcheId))!;
      await actOnDemarche(ctx, {
        agent,
        demarcheId,
        event: 'close',
        reason: 'Le couple vit toujours ensemble.',
        version: d.version,
        origin,
      });
      expect((await findActor(ctx.database.db, lea.account.id)).membership).toMatchObject({ role: 'conjoint', hasProcuration: true });
      expect((await ctx.sessions.activeOf(lea.account.id)).length).toBe(1);
      expect((await listSeparations(ctx.database.db, hugo.dossier.householdId))[0]).toMatchObject({ status: 'dismissed' });
      expect((await outbox(ctx)).slice(before.length).map((m) => [m.recipient, m.subject])).toEqual([
        ['hugo.moreau@example.fr', 'Votre déclaration a été classée sans suite'],
      ]);
    }));
});
