import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/repository';
import { actOnDemarche } from '../../src/agents/instruction';
import { createDraft, saveAnswers, submitDemarche } from '../../src/demarches/repository';
import { createHousehold, currentBankAccount, recordBankAccount } from '../../src/household/repository';
import { runPayments } from '../../src/payments/run';
import { createTestAccount, logIn } from '../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { text } from '../support/http';
import { testDatabases } from '../support/databases';
import { addAccountMember } from '../support/household';
import { createTestAgent, logInAgent } from '../journeys/gestion/helpers';
import type { Agent } from '../../src/db/tables/agents.table';

const DAY = 86_400_000;
/** the IBAN of the request form, as its engine stores it (src/forms/fields.ts: checked, electronic format) */
const ANSWERED = 'FR7610107001011234567890129';
const origin = { ip: null, userAgent: null };

/**
 * An acceptance by an agent: the IBAN typed in the request becomes the dossier's account when the
 * dossier has none (a newcomer's), confirmed by that agent, so the first payment is made on the 5th
 * — not held by the delay that guards a change of account. A dossier that has an account keeps it.
 */
describe.each(testDatabases)('the request’s bank account at acceptance on $name', { timeout: 120_000 }, ({ open }) => {
  const withApp = async (run: (t: TestApp) => Promise<void>) => {
    const t = await buildTestApp({ database: await open(), env: { LOGIN_SECOND_FACTOR: 'false' } });
    try {
      await run(t);
    } finally {
      await t.close();
    }
  };

  /** A request of aide au logement with the « Versement » answers, sent, then accepted from November 2026 at 245,50 €. */
  const acceptedRequest = async (
    t: TestApp,
    person: Account,
    householdId: string | null = null,
    beforeAcceptance?: (demarcheId: string, agent: Agent) => Promise<void>,
  ) => {
    const db = t.ctx.database.db;
    const now = t.clock.now();
    const draft = (await createDraft(db, { accountId: person.id, prestation: 'aide-au-logement', householdId, now }))!;
    const filled = await saveAnswers(db, {
      id: draft.id,
      version: draft.version,
      answers: { iban: ANSWERED, titulaire: 'Marie DUPONT' },
      now,
    });
    let d = await submitDemarche(db, { id: filled.id, accountId: person.id, version: filled.version, householdId, now });
    const agent = await createTestAgent(t.ctx);
    d = await actOnDemarche(t.ctx, { agent, demarcheId: d.id, event: 'start_instruction', version: d.version, origin });
    await beforeAcceptance?.(d.id, agent);
    d = await actOnDemarche(t.ctx, {
      agent,
      demarcheId: d.id,
      event: 'accept',
      version: d.version,
      droit: { amountCents: 24_550, firstMonth: '2026-11', lastMonth: null },
      origin,
    });
    return { d, agent };
  };

  it('a newcomer’s dossier takes the IBAN of the request, confirmed by the agent: the first payment is made, the IBAN shown masked', () =>
    withApp(async (t) => {
      const db = t.ctx.database.db;
      const person = await createTestAccount(t.ctx);
      // the agent reads, where the droit is entered, that the request's account becomes the dossier's: to be checked
      const { d, agent } = await acceptedRequest(t, person, null, async (id, agent) => {
        const b = new TestBrowser(t.app);
        await logInAgent(t.ctx, b, agent);
        const page = text((await b.get(`/gestion/demarches/${id}`)).body);
        expect(page).toContain('FR76 1010 7001 0112 3456 7890 129');
        expect(page).toContain(
          'Si le dossier n’a pas encore de compte bancaire, le compte indiqué dans la demande (IBAN et titulaire, section « Versement ») deviendra le sien dès votre acceptation',
        );
      });
      const householdId = (await db.selectFrom('demarches').select('household_id').where('id', '=', d.id).executeTakeFirstOrThrow())
        .household_id!;
      const account = (await currentBankAccount(db, householdId))!;
      expect(account).toMatchObject({
        iban: 'FR7610107001011234567890129',
        holder: 'Marie DUPONT',
        recorded_by: person.id,
        confirmed_by: agent.id,
        confirmed_at: t.clock.now(),
      });
      // the payment day of November (5 December 2026): paid to that account, not held
      t.clock.advance(9 * DAY + 3_600_000);
      expect(await runPayments(db, t.clock.now())).toMatchObject({ created: 1, held: 0 });
      const payment = await db.selectFrom('payments').selectAll().where('household_id', '=', householdId).executeTakeFirstOrThrow();
      expect([payment.month, payment.status, payment.bank_account_id]).toEqual(['2026-11', 'verse', account.id]);
      const b = new TestBrowser(t.app);
      await logIn(t.ctx, b, person);
      const page = text((await b.get('/mon-espace/paiements')).body);
      expect(page).toContain('Les paiements sont versés sur le compte FR76 •••• •••• 0129.');
      expect(page).not.toContain('En attente');
      expect(page).not.toContain('1010 7001');
      // nothing says a new account was declared: it is the first one, not a change
      expect(text((await b.get('/mon-espace/foyer')).body)).not.toContain('Nouveau compte déclaré');
      // Accepted without a motif: « Suivi de la demande » and « Mes droits » say the same — no motif quoted.
      expect(text((await b.get(`/mon-espace/demarches/${d.id}`)).body)).toContain('La Caf n’a pas indiqué de motif.');
      const droits = text((await b.get('/mon-espace/droits')).body);
      expect(droits).toContain('droit ouvert à partir de novembre 2026, 245,50 € par mois, à la suite de la demande acceptée.');
      expect(droits).not.toContain('Motif');
    }));

  it('a dossier that already has an account keeps it: the IBAN of a request does not replace it', () =>
    withApp(async (t) => {
      const db = t.ctx.database.db;
      const person = await createTestAccount(t.ctx);
      const householdId = await createHousehold(db, '7000026', t.clock.now() - 400 * DAY);
      await addAccountMember(db, householdId, person, {
        role: 'responsable',
        birth_date: person.birth_date,
        joined_at: t.clock.now() - 400 * DAY,
      });
      const known = await recordBankAccount(
        db,
        householdId,
        { iban: 'FR7630006000011234567890189', holder: 'DUPONT Marie' },
        null,
        t.clock.now() - 300 * DAY,
      );
      await acceptedRequest(t, person, householdId);
      expect(await db.selectFrom('household_bank_accounts').selectAll().where('household_id', '=', householdId).execute()).toEqual([known]);
    }));
});
