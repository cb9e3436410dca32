import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/accounts/repository';
import { demarcheNotification } from '../../../src/agents/messages';
import type { Agent } from '../../../src/db/tables/agents.table';
import { actOnDemarche } from '../../../src/agents/instruction';
import { receiptMessage } from '../../../src/demarches/messages';
import { findDemarche, type Demarche } from '../../../src/demarches/repository';
import { listJustificatifs } from '../../../src/justificatifs/repository';
import { auditTypes, createTestAccount, logIn } from '../../support/accounts';
import { useAppWithAgent } from '../../support/agents';
import { TestBrowser, type TestApp } from '../../support/app';
import { location, text } from '../../support/http';
import { messagesTo } from '../../support/outbox';
import { readPdfTags, readPdfText } from '../../support/tagged-pdf';
import { samplePdf } from '../../justificatifs/files';
import { sentDemarche, upload } from '../../justificatifs/support';

/**
 * After sending, and after the decision, through HTTP: the piece asked named in the message, in
 * « À transmettre » and on « Mon espace »; a file added but not sent said so, removable, flagged;
 * the recent activity; the decision to read, its page, its JSON and its PDF (tagged, with the motif
 * and the route to contest a refusal); and messages that carry nothing personal.
 */
describe('after sending, and after the decision', () => {
  let t: TestApp;
  let agent: Agent;
  useAppWithAgent((app, a) => {
    t = app;
    agent = a;
  });
  const origin = { ip: '127.0.0.1', userAgent: null };
  const act = async (d: Demarche, event: 'start_instruction' | 'request_documents' | 'refuse' | 'accept', reason?: string) => {
    const fresh = (await findDemarche(t.ctx.database.db, d.id))!;
    // An acceptance of a paid prestation records its droit (issue 25): an amount and a first month.
    const droit = event === 'accept' ? { amountCents: 24_550, firstMonth: '2026-11', lastMonth: null } : undefined;
    return actOnDemarche(t.ctx, {
      agent,
      demarcheId: d.id,
      event,
      reason: reason ?? null,
      version: fresh.version,
      origin,
      ...(droit ? { droit } : {}),
    });
  };
  const home = async (b: TestBrowser) => {
    const r = await b.get('/mon-espace');
    expect(r.statusCode).toBe(200);
    return r.body;
  };

  it('names the piece asked in the e-mail, in « À transmettre » and on « Mon espace », one click from sending it', async () => {
    const person = await createTestAccount(t.ctx, { contact_kind: 'email', contact_value: 'piece@example.fr' });
    const d = await sentDemarche(t.ctx, person);
    await act(d, 'start_instruction');
    await act(d, 'request_documents', 'Votre dernier avis d’imposition');
    const mail = (await messagesTo(t.ctx, person.contact_value)).at(-1)!;
    expect(mail.subject).toBe('Un justificatif est demandé');
    expect(mail.text).toContain('La Caf vous demande : Votre dernier avis d’imposition');

    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, person);
    const space = await home(b);
    expect(text(space)).toContain('Ce qui vous attend');
    expect(text(space)).toContain(
      `La Caf vous demande pour la demande « Aide au logement » (référence ${d.reference}) : Votre dernier avis d’imposition`,
    );
    expect(space).toContain(
      `href="/mon-espace/demarches/${d.id}/justificatifs">Transmettre le justificatif de la demande Aide au logement</a>`,
    );
    for (const url of ['/mon-espace/demarches', `/mon-espace/demarches/${d.id}`]) {
      const page = await b.get(url);
      expect(page.body).toContain('<strong class="govuk-tag govuk-tag--orange">À transmettre</strong>');
      expect(page.body).toContain('<li>Votre dernier avis d’imposition</li>');
      expect(page.body).toContain(`href="/mon-espace/demarches/${d.id}/justificatifs">Transmettre un justificatif</a>`);
    }
  });

  it('an SMS names no piece (it is read on a locked screen): « Mes démarches » does', () => {
    const sms = demarcheNotification(
      { contact_kind: 'sms', contact_value: '+33612345678' },
      { prestationTitle: 'Aide au logement', reference: 'MC-1', motif: 'Votre bail signé' },
      'request_documents',
      'https://moncompte.example',
    );
    expect(sms.text).not.toContain('bail');
    expect(sms.text).toContain('« Mes démarches »');
  });

  it('shows a file added but not sent as such, lets the person remove it, and flags it on « Mon espace » until it is sent', async () => {
    const person = await createTestAccount(t.ctx);
    const other = await createTestAccount(t.ctx);
    const d = await sentDemarche(t.ctx, person);
    const elsewhere = await sentDemarche(t.ctx, other);
    for (const x of [d, elsewhere]) {
      await act(x, 'start_instruction');
      await act(x, 'request_documents', 'Votre bail signé');
    }
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, person);
    expect(location(await upload(b, d.id, { filename: 'bail.pdf', bytes: samplePdf() }))).toBe(
      `/mon-espace/demarches/${d.id}/justificatifs`,
    );
    const [file] = await listJustificatifs(t.ctx.database.db, d.id);

    const pieces = await b.get(`/mon-espace/demarches/${d.id}/justificatifs`);
    expect(text(pieces.body)).toContain('Fichiers pas encore envoyés');
    expect(text(pieces.body)).toContain('Ce fichier est ajouté mais la Caf ne l’a pas encore reçu');
    expect(pieces.body).toContain('<strong class="govuk-tag govuk-tag--yellow">Pas encore envoyé</strong>');
    expect(pieces.body).toContain(`action="/mon-espace/demarches/${d.id}/justificatifs/retirer"`);
    expect(pieces.body).toContain(`name="fichier" value="${file!.id}"`);
    expect(text(pieces.body)).toContain('Retirer le fichier bail.pdf');
    expect(text(pieces.body)).toContain('Envoyer à la Caf');

    // Left unsent: flagged on « Mon espace » and on the démarche, with the way to send it.
    const space = await home(b);
    expect(space).toContain('<strong class="govuk-tag govuk-tag--red">Fichiers pas encore envoyés</strong>');
    expect(text(space)).toContain('Vous avez ajouté 1 fichier sans l’envoyer à la Caf pour la demande « Aide au logement »');
    expect(space).toContain(
      `href="/mon-espace/demarches/${d.id}/justificatifs">Envoyer à la Caf les fichiers de la demande Aide au logement</a>`,
    );
    expect(text(space)).toContain('Vous avez ajouté le fichier « bail.pdf » à votre demande « Aide au logement »');
    expect(text((await b.get(`/mon-espace/demarches/${d.id}`)).body)).toContain('1 fichier ajouté n’est pas encore envoyé à la Caf.');

    // Removing: only a file of this démarche still unsent; never another's, never without CSRF.
    expect((await b.post(`/mon-espace/demarches/${d.id}/justificatifs/retirer`, { fichier: file!.id }, { csrf: false })).statusCode).toBe(
      403,
    );
    expect((await b.post(`/mon-espace/demarches/${elsewhere.id}/justificatifs/retirer`, { fichier: file!.id })).statusCode).toBe(404);
    expect((await b.post(`/mon-espace/demarches/${d.id}/justificatifs/retirer`, { fichier: 'inconnu' })).statusCode).toBe(404);
    const removed = await b.post(`/mon-espace/demarches/${d.id}/justificatifs/retirer`, { fichier: file!.id });
    expect(location(removed)).toBe(`/mon-espace/demarches/${d.id}/justificatifs`);
    expect(await listJustificatifs(t.ctx.database.db, d.id)).toEqual([]);
    expect(await t.ctx.justificatifStorage.get(file!.storage_key)).toBeUndefined();
    expect(await auditTypes(t.ctx, person.id)).toContain('justificatif_removed');
    expect(text((await b.get(`/mon-espace/demarches/${d.id}/justificatifs`)).body)).toContain('Fichier retiré');
    expect(await home(b)).not.toContain('Fichiers pas encore envoyés');
    expect((await b.post(`/mon-espace/demarches/${d.id}/justificatifs/retirer`, { fichier: file!.id })).statusCode).toBe(404);

    // Added again and sent: nothing waits any more, and a sent file can no longer be removed.
    await upload(b, d.id, { filename: 'bail.pdf', bytes: samplePdf() });
    const [again] = await listJustificatifs(t.ctx.database.db, d.id);
    expect(location(await b.post(`/mon-espace/demarches/${d.id}/justificatifs/envoyer`, {}))).toBe(
      `/mon-espace/demarches/${d.id}/justificatifs`,
    );
    const after = await home(b);
    expect(after).not.toContain('Fichiers pas encore envoyés');
    expect(after).not.toContain('À transmettre');
    expect(text(after)).toContain('Vous avez envoyé vos justificatifs à la Caf pour votre demande « Aide au logement »');
    expect((await b.post(`/mon-espace/demarches/${d.id}/justificatifs/retirer`, { fichier: again!.id })).statusCode).toBe(404);
    expect(await listJustificatifs(t.ctx.database.db, d.id)).toHaveLength(1);
  });

  it('a decision: « à lire » on « Mon espace », its page (motif, route, date), its JSON, its tagged PDF; read once opened', async () => {
    const person = await createTestAccount(t.ctx, { given_names: 'Lina', birth_name: 'DECIDE' });
    const d = await sentDemarche(t.ctx, person, { prestation: 'rsa' });
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, person);
    // Not decided yet: no PDF, no decision in JSON.
    expect((await b.get(`/mon-espace/demarches/${d.id}/notification-de-decision.pdf`)).statusCode).toBe(404);
    expect((await b.get(`/api/demarches/${d.id}`)).json().decision).toBeNull();
    expect(text(await home(b))).toContain(
      `Vous avez envoyé votre demande « Revenu de solidarité active (RSA) » (référence ${d.reference}).`,
    );

    await act(d, 'start_instruction');
    t.clock.advance(86_400_000);
    await act(d, 'refuse', 'Vos ressources dépassent le plafond du RSA.');
    await logIn(t.ctx, b, person);
    const space = await home(b);
    expect(space).toContain('<strong class="govuk-tag govuk-tag--blue">Décision à lire</strong>');
    expect(text(space)).toContain(
      `La Caf a pris une décision sur votre demande « Revenu de solidarité active (RSA) » (référence ${d.reference}) : demande refusée.`,
    );
    expect(space).toContain(`href="/mon-espace/demarches/${d.id}">Lire la décision sur la demande Revenu de solidarité active (RSA)</a>`);
    expect(text(space)).toContain('Décision de la Caf sur votre demande « Revenu de solidarité active (RSA) »');

    const page = await b.get(`/mon-espace/demarches/${d.id}`);
    const shown = text(page.body);
    expect(shown).toContain('Décision de la Caf');
    expect(shown).toContain('Demande refusée le 27 novembre 2026');
    expect(shown).toContain('Motif : Vos ressources dépassent le plafond du RSA.');
    expect(shown).toContain('président du conseil départemental');
    expect(shown).toContain('deux mois');
    expect(page.body).toContain(
      `href="/mon-espace/demarches/${d.id}/notification-de-decision.pdf" download>Télécharger la notification de décision (PDF)</a>`,
    );
    // Opened: no longer « à lire ».
    expect(await home(b)).not.toContain('Décision à lire');

    const json = (await b.get(`/api/demarches/${d.id}`)).json();
    expect(json.decision).toMatchObject({
      status: 'refusee',
      label: 'Demande refusée',
      motif: 'Vos ressources dépassent le plafond du RSA.',
      pdf: `/mon-espace/demarches/${d.id}/notification-de-decision.pdf`,
      appeal: {
        before: 'le président du conseil départemental de votre département',
        source: 'Code de l’action sociale et des familles, article L. 262-47',
      },
    });
    expect(Date.parse(json.decision.at)).toBe(t.clock.now());

    const pdf = await b.get(json.decision.pdf);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="notification-de-decision-${d.reference}.pdf"`);
    expect(await readPdfTags(pdf.rawPayload)).toMatchObject({ marked: true, lang: 'fr-FR', displayDocTitle: true, untaggedTexts: 0 });
    const words = (await readPdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(words).toContain('Notification de décision');
    expect(words).toContain('Revenu de solidarité active (RSA)');
    expect(words).toContain(`Référence : ${d.reference}`);
    expect(words).toContain('Demande refusée');
    expect(words).toContain('Demande faite par Lina DECIDE');
    expect(words).toContain('Date de la décision : 27 novembre 2026');
    expect(words).toContain('Vos ressources dépassent le plafond du RSA.');
    expect(words).toContain(
      'Recours administratif préalable obligatoire devant le président du conseil départemental de votre département.',
    );
    expect(words).toContain('Délai : deux mois à compter de la notification de la décision.');

    // Nobody else gets it: the same answer as for a démarche that does not exist.
    const stranger = new TestBrowser(t.app);
    await logIn(t.ctx, stranger, await createTestAccount(t.ctx));
    expect((await stranger.get(`/mon-espace/demarches/${d.id}/notification-de-decision.pdf`)).statusCode).toBe(404);
    expect((await new TestBrowser(t.app).get(`/mon-espace/demarches/${d.id}/notification-de-decision.pdf`)).statusCode).not.toBe(200);
  });

  it('an acceptance: its PDF says so, without a route to contest; downloading it reads the decision too', async () => {
    const person = await createTestAccount(t.ctx);
    const d = await sentDemarche(t.ctx, person);
    await act(d, 'start_instruction');
    await act(d, 'accept');
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, person);
    expect(await home(b)).toContain('Décision à lire');
    const pdf = await b.get(`/mon-espace/demarches/${d.id}/notification-de-decision.pdf`);
    const words = (await readPdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(words).toContain('Demande acceptée');
    expect(words).not.toContain('contester');
    expect(await home(b)).not.toContain('Décision à lire');
  });
});

describe('messages of a démarche carry nothing personal beyond the reference and the prestation', () => {
  const answers = {
    adresse: '12 rue des Lilas',
    bailleur_nom: 'SCI Les Tilleuls',
    revenus: 1_834_00,
    iban: 'FR7630006000011234567890189',
  };
  const d = { reference: 'MC-2026-ABCD-EFGH', submitted_at: Date.parse('2026-11-26T09:30:00Z'), updated_at: 0, answers };
  for (const to of [
    { contact_kind: 'email', contact_value: 'marie@example.fr' },
    { contact_kind: 'sms', contact_value: '+33612345678' },
  ] as Pick<Account, 'contact_kind' | 'contact_value'>[]) {
    it(`the accusé de réception (${to.contact_kind})`, () => {
      const m = receiptMessage(to, { title: 'Aide au logement' }, d, '3230');
      expect(m.text).toContain('« Aide au logement »');
      expect(m.text).toContain('MC-2026-ABCD-EFGH');
      for (const v of ['Lilas', 'Tilleuls', '1834', '1 834', 'FR76', '0189']) expect(m.text).not.toContain(v);
    });
  }
});
