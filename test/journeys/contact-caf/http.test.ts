import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBrowser } from '../../support/app';
import { auditTypes } from '../../support/accounts';
import { location, submitRefused, submitThrottled, text } from '../../support/http';
import { messagesTo } from '../../support/outbox';
import { sampleExe, samplePdf } from '../../justificatifs/files';
import { multipart } from '../../justificatifs/support';
import { MAX_JUSTIFICATIF_BYTES } from '../../../src/justificatifs/validation';
import { accountOf, api, demoApp, signedIn } from '../../household/support';
import { buildTestApp, TestBrowser as Browser, type TestApp } from '../../support/app';
import { createTestAgent, logInAgent } from '../gestion/helpers';

/** « Contacter ma Caf » through HTTP: a thread person → agent → person, who reads what, errors at the field, files, JSON. */
const NADIA = '286115935011745'; // PETIT, conjointe sans procuration
const THOMAS = '183063523804274'; // PETIT, responsable
const JULIEN = '182094410901740'; // MOREAU, responsable
const LEA = '284019204403314'; // MOREAU, conjointe avec procuration
const HUGO = '109064410915239'; // MOREAU, enfant de plus de 15 ans

describe('Contacter ma Caf', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  });
  afterAll(() => t.close());

  const write = async (b: TestBrowser, fields: Record<string, string>) => {
    await b.get('/mon-espace/messages/nouveau');
    return b.post('/mon-espace/messages/nouveau', fields);
  };
  const threadIdOf = (res: LightMyRequestResponse) => {
    const m = /^\/mon-espace\/messages\/([^?/]+)$/.exec(location(res));
    if (!m) throw new Error(`not a new thread: ${res.statusCode} ${location(res)}`);
    return m[1]!;
  };
  const attach = (b: TestBrowser, url: string, file: { filename: string; bytes: Buffer }) => {
    const body = multipart({ _csrf: b.csrfToken() }, { name: 'fichier', ...file });
    return b.request({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, 'sec-fetch-site': 'same-origin' } });
  };

  it('a person writes, an agent answers, the person is told without the content and reads the answer', async () => {
    const nadia = await signedIn(t, NADIA);
    const typed = 'Bonjour,\nmon adresse a changé <script>alert(1)</script> voir https://exemple.invalid/piege\n\nMerci';
    const sent = await write(nadia, { subject: 'dossier', message: typed });
    expect(sent.statusCode).toBe(303);
    const id = threadIdOf(sent);
    const page = await nadia.get(`/mon-espace/messages/${id}`);
    expect(text(page.body)).toContain('Message envoyé');
    // a one-time notice: a reload shows the thread without it
    expect(text((await nadia.get(`/mon-espace/messages/${id}`)).body)).not.toContain('Message envoyé');
    // Plain text: escaped, line breaks kept, the address not made a link.
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toContain('href="https://exemple.invalid');
    expect(page.body).toContain('Bonjour,<br>mon adresse');
    expect(await auditTypes(t.ctx, (await accountOf(t, NADIA)).id)).toContain('caf_message_sent');

    const agent = await createTestAgent(t.ctx);
    const caf = new Browser(t.app);
    await logInAgent(t.ctx, caf, agent);
    const inbox = await caf.get('/gestion/messages?non-lus=oui');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain(`href="/gestion/messages/${id}"`);
    expect(text(inbox.body)).toContain('Nadia PETIT');
    const opened = await caf.get(`/gestion/messages/${id}`);
    expect(opened.body).toContain('&lt;script&gt;');
    expect(await auditTypes(t.ctx, agent.id)).toContain('agent_caf_thread_viewed');
    // Read by an agent: no longer in the unread filter.
    expect((await caf.get('/gestion/messages?non-lus=oui')).body).not.toContain(`/gestion/messages/${id}"`);

    const contact = (await accountOf(t, NADIA)).contact_value;
    const before = (await messagesTo(t.ctx, contact)).length;
    await caf.get(`/gestion/messages/${id}`);
    // A refused answer goes back to the thread (303) with what was typed, shown once; a refused file too.
    const blank = await submitRefused(caf, `/gestion/messages/${id}`, { message: '   ' });
    expect(text(blank.body)).toContain('Écrivez votre message.');
    const long = 'é'.repeat(2001);
    const tooLong = await submitRefused(caf, `/gestion/messages/${id}`, { message: long });
    expect(text(tooLong.body)).toContain('2 000 caractères au plus');
    expect(tooLong.body).toContain(`${long}</textarea>`);
    expect((await caf.get(`/gestion/messages/${id}`)).body).not.toContain(long);
    const badFile = await attach(caf, `/gestion/messages/${id}/fichiers`, { filename: 'facture.pdf', bytes: sampleExe() });
    expect(location(badFile)).toBe(`/gestion/messages/${id}`);
    // (the agent has not answered yet: nothing to join it to)
    expect(text((await caf.get(`/gestion/messages/${id}`)).body)).toContain('Écrivez d’abord un message : le fichier y sera joint.');
    const answered = await caf.post(`/gestion/messages/${id}`, { message: 'Bonjour Madame, nous avons bien noté votre nouvelle adresse.' });
    expect(location(answered)).toBe(`/gestion/messages/${id}`);
    expect(text((await caf.get(`/gestion/messages/${id}`)).body)).toContain('la personne en est prévenue');
    expect(text((await caf.get(`/gestion/messages/${id}?repondu=1`)).body)).not.toContain('la personne en est prévenue');
    expect(await auditTypes(t.ctx, agent.id)).toContain('agent_caf_message_sent');
    const notices = (await messagesTo(t.ctx, contact)).slice(before);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toBe('Vous avez un nouveau message dans Mon Compte');
    expect(notices[0]!.text).not.toContain('nouvelle adresse');

    const home = await nadia.get('/mon-espace');
    expect(text(home.body)).toContain('Mes messages 1 nouvelle réponse');
    const list = await nadia.get('/mon-espace/messages');
    expect(text(list.body)).toContain('Nouvelle réponse');
    const thread = await nadia.get(`/mon-espace/messages/${id}`);
    expect(text(thread.body)).toContain('Votre Caf, le');
    expect(text(thread.body)).toContain('nous avons bien noté votre nouvelle adresse');
    expect(text((await nadia.get('/mon-espace')).body)).not.toContain('nouvelle réponse');

    // The person answers in the same thread.
    const again = await nadia.post(`/mon-espace/messages/${id}`, { message: 'Merci beaucoup.' });
    expect(location(again)).toBe(`/mon-espace/messages/${id}`);
  });

  it('a thread is its author’s alone unless shared with those who manage the dossier, who may read it but not answer', async () => {
    const hugo = await signedIn(t, HUGO);
    const secret = threadIdOf(await write(hugo, { subject: 'autre', message: 'Une question pour moi seul.' }));
    const shared = threadIdOf(await write(hugo, { subject: 'dossier', message: 'Une question pour le foyer.', share: 'oui' }));

    const julien = await signedIn(t, JULIEN);
    const list = await julien.get('/mon-espace/messages');
    expect(list.body).toContain(`/mon-espace/messages/${shared}"`);
    expect(list.body).not.toContain(secret);
    expect((await julien.get(`/mon-espace/messages/${secret}`)).statusCode).toBe(404);
    const read = await julien.get(`/mon-espace/messages/${shared}`);
    expect(read.statusCode).toBe(200);
    expect(text(read.body)).toContain('vous pouvez le lire, pas y répondre');
    expect(read.body).not.toContain('Envoyer ma réponse');
    expect((await julien.post(`/mon-espace/messages/${shared}`, { message: 'Je réponds à sa place' })).statusCode).toBe(404);

    const lea = await signedIn(t, LEA); // conjointe avec procuration: manages the dossier
    expect((await lea.get(`/mon-espace/messages/${shared}`)).statusCode).toBe(200);
    expect((await lea.get(`/mon-espace/messages/${secret}`)).statusCode).toBe(404);
    const thomas = await signedIn(t, THOMAS); // another dossier
    expect((await thomas.get(`/mon-espace/messages/${shared}`)).statusCode).toBe(404);
    expect((await api(thomas, 'GET', `/api/messages/${shared}`)).statusCode).toBe(404);
  });

  it('refuses at the field and keeps what was typed: back to the form (303), which shows it once', async () => {
    const nadia = await signedIn(t, NADIA);
    const refused = async (fields: Record<string, string>) => {
      await nadia.get('/mon-espace/messages/nouveau');
      return submitRefused(nadia, '/mon-espace/messages/nouveau', fields);
    };
    const empty = await refused({ subject: '', message: '   ' });
    expect(text(empty.body)).toContain('Choisissez l’objet de votre message.');
    expect(text(empty.body)).toContain('Écrivez votre message.');
    const long = 'é'.repeat(2001);
    const tooLong = await refused({ subject: 'paiements', message: long, share: 'oui' });
    expect(text(tooLong.body)).toContain('2 000 caractères au plus');
    expect(tooLong.body).toContain(`${long}</textarea>`);
    expect(tooLong.body).toContain('value="paiements" checked');
    // Shown once: a reload is the clean form.
    const reloaded = await nadia.get('/mon-espace/messages/nouveau');
    expect(reloaded.body).not.toContain('govuk-error-summary');
    expect(reloaded.body).not.toContain(long);
    const foreign = await refused({ subject: 'demande', demarche: 'pas-une-demarche', message: 'Où en est-elle ?' });
    expect(text(foreign.body)).toContain('Choisissez une démarche dans la liste');
    expect(foreign.body).toContain('Où en est-elle ?</textarea>');

    // An empty answer in a thread: the same, on the thread's page.
    const id = threadIdOf(await write(nadia, { subject: 'dossier', message: 'Première question.' }));
    await nadia.get(`/mon-espace/messages/${id}`);
    const blank = await submitRefused(nadia, `/mon-espace/messages/${id}`, { message: '  ' });
    expect(text(blank.body)).toContain('Écrivez votre message.');
    expect(text(blank.body)).toContain('Première question.');
  });

  it('joins a checked file to the author’s last message; a refused file is said at the field; the file is theirs and the Caf’s only', async () => {
    const nadia = await signedIn(t, NADIA);
    const id = threadIdOf(await write(nadia, { subject: 'dossier', message: 'Voici mon justificatif de domicile.' }));
    await nadia.get(`/mon-espace/messages/${id}`);
    const bad = await attach(nadia, `/mon-espace/messages/${id}/fichiers`, { filename: 'facture.pdf', bytes: sampleExe() });
    expect(bad.statusCode).toBe(303);
    expect(location(bad)).toBe(`/mon-espace/messages/${id}`);
    const badPage = await nadia.get(`/mon-espace/messages/${id}`);
    expect(badPage.body).toMatch(/<title>Erreur[\u00a0 ]: /);
    expect(text(badPage.body)).toContain('doit être un PDF, un JPEG ou un PNG');
    const ok = await attach(nadia, `/mon-espace/messages/${id}/fichiers`, { filename: 'quittance.pdf', bytes: samplePdf() });
    expect(location(ok)).toBe(`/mon-espace/messages/${id}`);
    const page = await nadia.get(`/mon-espace/messages/${id}`);
    const href = /href="(\/mon-espace\/messages\/[^"]+\/fichiers\/[^"]+)" download>quittance\.pdf/.exec(page.body)?.[1];
    expect(href).toBeDefined();
    const download = await nadia.get(href!);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect((await (await signedIn(t, THOMAS)).get(href!)).statusCode).toBe(404);
  });

  it('answers an upload that cannot be read as a refusal, on both sides: a malformed form is a 400, a file too large a 413', async () => {
    const nadia = await signedIn(t, NADIA);
    const id = threadIdOf(await write(nadia, { subject: 'dossier', message: 'Je joins un fichier.' }));
    await nadia.get(`/mon-espace/messages/${id}`);
    const agent = await createTestAgent(t.ctx);
    const caf = new Browser(t.app);
    await logInAgent(t.ctx, caf, agent);
    await caf.get(`/gestion/messages/${id}`);
    for (const [b, url] of [
      [nadia, `/mon-espace/messages/${id}/fichiers`],
      [caf, `/gestion/messages/${id}/fichiers`],
    ] as const) {
      const malformed = await b.request({
        method: 'POST',
        url,
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'sec-fetch-site': 'same-origin' },
        payload: '--x\r\nContent-Disposition: form-data; name="fichier"\r\n\r\nabc',
      });
      expect(malformed.statusCode).toBe(400);
      const tooLarge = await attach(b, url, { filename: 'gros.pdf', bytes: Buffer.alloc(MAX_JUSTIFICATIF_BYTES + 1, 0x25) });
      expect(tooLarge.statusCode).toBe(413);
    }
  });

  it('in JSON: lists, starts, reads and answers a thread; unknown threads are 404', async () => {
    const nadia = await signedIn(t, NADIA);
    const created = await api(nadia, 'POST', '/api/messages', { subject: 'paiements', message: 'Quand serai-je payée ?' });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    const list = await api(nadia, 'GET', '/api/messages');
    expect(list.json().threads.some((x: { id: string }) => x.id === id)).toBe(true);
    const one = await api(nadia, 'GET', `/api/messages/${id}`);
    expect(one.json()).toMatchObject({
      subject: 'paiements',
      own: true,
      shared: false,
      messages: [{ author: 'person', body: 'Quand serai-je payée ?' }],
    });
    expect((await api(nadia, 'POST', `/api/messages/${id}`, { message: 'Précision : en avril.' })).statusCode).toBe(201);
    const refused = await api(nadia, 'POST', '/api/messages', { subject: 'nimporte', message: '' });
    expect(refused.statusCode).toBe(400);
    expect(
      refused
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['message', 'subject']);
    expect((await api(nadia, 'GET', '/api/messages/inconnu')).statusCode).toBe(404);
  });
});

describe('Contacter ma Caf: limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { LOGIN_SECOND_FACTOR: 'false' } });
  });
  afterAll(() => t.close());

  it('a person not yet allocataire may write too; ten new threads a day at most, then a clear 429', async () => {
    const { createTestAccount, logIn } = await import('../../support/accounts');
    const person = await createTestAccount(t.ctx);
    const b = new Browser(t.app);
    await logIn(t.ctx, b, person);
    const form = await b.get('/mon-espace/messages/nouveau');
    expect(form.body).not.toContain('name="share"');
    for (let i = 0; i < 10; i++) {
      const r = await b.post('/mon-espace/messages/nouveau', { subject: 'autre', message: `Question ${i}` });
      expect(r.statusCode).toBe(303);
      await b.get('/mon-espace/messages/nouveau');
    }
    // Back to the form (303), which answers 429 with Retry-After (the day's limit ends 24 hours after the first).
    const eleventh = await submitThrottled(b, '/mon-espace/messages/nouveau', { subject: 'autre', message: 'Encore une' });
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    expect(text(eleventh.body)).toContain('Vous avez déjà écrit 10 nouveaux messages aujourd’hui');
    expect(eleventh.body).toContain('Encore une</textarea>');
  });

  it('the Caf side’s inbox needs an agent', async () => {
    const b = new Browser(t.app);
    expect(location(await b.get('/gestion/messages'))).toBe('/gestion/connexion');
  });
});
