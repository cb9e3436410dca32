import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByNir } from '../../../src/accounts/repository';
import { flowId } from '../../../src/flows/store';
import { formatProvisionalId } from '../../../src/identity';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { location, submit, submitRefused, submitThrottled, text, visit } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';
import { ANA, ANGELA, freshMarie, MARIE, REGISTRATION_PASSWORD, walkTo } from '../../support/registration';

describe('Créer Mon Compte — pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.ctx.database.db;

  it('walks the whole journey with a NIR and an e-mail', async () => {
    const b = new TestBrowser(t.app);
    let page = await visit(b, '/creer-mon-compte/nouveau');
    expect(text(page.body)).toContain('Étape 1 sur 6 — État civil');
    let r = await submit(b, '/creer-mon-compte/etat-civil', MARIE);
    expect(r.to).toBe('/creer-mon-compte/titre-identite');
    expect(text(r.page.body)).toContain('Étape 2 sur 6 — Titre d’identité');
    r = await submit(b, '/creer-mon-compte/titre-identite', { documentKind: 'cni', 'documentNumber-cni': 'X4RTBPFW4' });
    expect(r.to).toBe('/creer-mon-compte/coordonnees');
    expect(text(r.page.body)).toContain(
      'En aucun cas votre numéro de téléphone portable ne sera transmis à des tiers ou utilisé à des fins commerciales.',
    );
    r = await submit(b, '/creer-mon-compte/coordonnees', { contactKind: 'email', email: 'Marie.Dupont@example.fr' });
    expect(r.to).toBe('/creer-mon-compte/code');
    expect(text(r.page.body)).toContain(
      'Nous venons de vous envoyer un code de vérification par mail à l’adresse suivante : marie.dupont@example.fr. Merci de le saisir.',
    );
    expect(text(r.page.body)).toContain('Vous pourrez demander un nouveau code dans 60 secondes.');
    expect(text(r.page.body)).toContain('Contactez l’équipe de votre Caf au 3230');
    const code = await lastCode(db(), 'marie.dupont@example.fr');
    r = await submit(b, '/creer-mon-compte/code', { code });
    expect(r.to).toBe('/creer-mon-compte/mot-de-passe');
    expect(text(r.page.body)).toContain('Mon mot de passe comporte : 10 à 64 caractères');
    r = await submit(b, '/creer-mon-compte/mot-de-passe', { password: REGISTRATION_PASSWORD, passwordConfirmation: REGISTRATION_PASSWORD });
    expect(r.to).toBe('/creer-mon-compte/recapitulatif');
    page = r.page;
    expect(text(page.body)).toContain('2 90 05 75 114 123');
    expect(text(page.body)).toContain('15 mai 1990');
    expect(text(page.body)).toContain('Paris 14e Arrondissement');
    expect(page.body).toContain('href="/creer-mon-compte/etat-civil"');
    r = await submit(b, '/creer-mon-compte/recapitulatif', {});
    expect(r.to).toBe('/creer-mon-compte/compte-cree');
    expect(text(r.page.body)).toContain('Votre demande de création de compte est enregistrée');
    expect(r.page.body).toContain('href="/connexion"');
    expect(r.page.body).not.toContain(REGISTRATION_PASSWORD);
    expect(r.page.body).not.toContain(code);
    const account = await findAccountByNir(db(), MARIE.nir);
    expect(account).toMatchObject({
      login_id: MARIE.nir,
      birth_name: 'DUPONT',
      given_names: 'Marie Claire',
      contact_kind: 'email',
      contact_value: 'marie.dupont@example.fr',
      identity_status: 'to_confirm',
      birth_place_code: '75114',
      identity_document_kind: 'cni',
    });
    expect(account?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await t.ctx.passwords.verify(account!.password_hash!, REGISTRATION_PASSWORD)).toBe(true);
    const flow = await db()
      .selectFrom('flows')
      .selectAll()
      .where('id', '=', flowId(b.cookie('mc_registration')!))
      .executeTakeFirstOrThrow();
    expect(flow.state).toBe('completed');
    expect(flow.data).not.toContain('argon2');
  });

  it('confirms the identity of a person the répertoire knows, with a checked document', async () => {
    const b = new TestBrowser(t.app);
    await walkTo(b, db(), 'completed', { person: ANGELA, document: { documentKind: 'passport', 'documentNumber-passport': '18AB12345' } });
    expect(await findAccountByNir(db(), ANGELA.nir)).toMatchObject({ identity_status: 'confirmed', identity_document_kind: 'passport' });
  });

  it('refuses a known NIR whose civil status does not match, without revealing the registered data', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const res = await submitRefused(b, '/creer-mon-compte/etat-civil', { ...ANGELA, givenNames: 'Béatrice', birthName: 'Durand' });
    expect(text(res.body)).toContain(
      'Les informations saisies ne correspondent pas à celles enregistrées pour ce numéro de sécurité sociale',
    );
    expect(res.body).not.toContain('Angela');
    expect(res.body).not.toContain('DUBOIS');
    expect(res.body).toContain('value="Béatrice"');
    expect(res.body).toContain('<a href="#nir">');
  });

  it('creates an account without NIR, by SMS, with a titre de séjour, and shows the identifiant provisoire', async () => {
    const b = new TestBrowser(t.app);
    await walkTo(b, db(), 'review', {
      person: ANA,
      document: { documentKind: 'titre-sejour', 'documentNumber-titre-sejour': '1234567890' },
      contact: { contactKind: 'sms', phone: '06 12 34 56 79' },
    });
    const sms = await messagesTo(db(), '+33612345679');
    expect(sms[0]).toMatchObject({ channel: 'sms' });
    expect(sms[0]!.text).toMatch(/votre code de vérification est \d{6}/);
    const review = await visit(b, '/creer-mon-compte/recapitulatif');
    expect(text(review.body)).toContain('Pas de numéro : un identifiant provisoire vous sera attribué');
    expect(text(review.body)).toContain('06 12 34 56 79');
    const r = await submit(b, '/creer-mon-compte/recapitulatif', {});
    const account = (await db().selectFrom('accounts').selectAll().where('contact_value', '=', '+33612345679').executeTakeFirstOrThrow())!;
    expect(account.nir).toBeNull();
    expect(account.login_id).toBe(account.provisional_id);
    expect(account.birth_place_kind).toBe('country');
    expect(account.birth_place_code).toBe('99416');
    expect(text(r.page.body)).toContain('Votre identifiant provisoire');
    expect(text(r.page.body)).toContain(formatProvisionalId(account.login_id));
    expect(text(r.page.body)).toContain('Notez-le et gardez-le précieusement');
    const welcome = (await messagesTo(db(), '+33612345679')).at(-1)!;
    expect(welcome.text).toContain(formatProvisionalId(account.login_id));
  });

  it('lets a person without a French identity document go on, with an identity to confirm', async () => {
    const b = new TestBrowser(t.app);
    const person = {
      ...ANGELA,
      nir: '281022A00403152',
      birthName: 'SANTONI',
      givenNames: 'Marie-Ange Dominique',
      'birthDate-day': '3',
      'birthDate-month': '2',
      'birthDate-year': '1981',
      communeQuery: 'Ajaccio',
      communeCode: '2A004',
    };
    await walkTo(b, db(), 'review', { person, document: { documentKind: 'none' } });
    const review = await visit(b, '/creer-mon-compte/recapitulatif');
    expect(text(review.body)).toContain('Pas de pièce d’identité française : identité à confirmer');
    const r = await submit(b, '/creer-mon-compte/recapitulatif', {});
    expect(text(r.page.body)).toContain('Votre identité est « à confirmer »');
    expect(await findAccountByNir(db(), '281022A00403152')).toMatchObject({ identity_status: 'to_confirm', identity_document_kind: null });
  });

  it('shows every error of an empty civil status at its field and in the summary, keeping what was typed', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const res = await submitRefused(b, '/creer-mon-compte/etat-civil', { birthName: 'Dupont<script>' });
    expect(res.body).toContain('<title>Erreur\u00a0: Votre état civil');
    expect(res.body).toContain('govuk-error-summary');
    for (const f of ['nir', 'civility', 'birthName', 'givenNames', 'birthDate', 'birthPlaceKind'])
      expect(res.body).toContain(`<a href="#${f}">`);
    expect(res.body).toContain('value="Dupont&lt;script&gt;"');
    expect(res.body).not.toContain('Dupont<script>');
  });

  it('a refused step answers 303 to its own page, which shows the errors and the answers once (sealed in between)', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const wrongKey = { ...MARIE, nir: `${MARIE.nir.slice(0, 13)}00` };
    const res = await b.post('/creer-mon-compte/etat-civil', wrongKey);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/creer-mon-compte/etat-civil');
    // Between the two requests, neither the NIR nor a name is readable where the answers wait.
    const waiting = await db().selectFrom('form_states').selectAll().execute();
    expect(waiting).toHaveLength(1);
    expect(JSON.stringify(waiting)).not.toContain(wrongKey.nir);
    expect(JSON.stringify(waiting)).not.toContain('Marie');
    const shown = await b.get('/creer-mon-compte/etat-civil');
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<title>Erreur\u00a0: Votre état civil');
    expect(shown.body).toContain('<a href="#nir">');
    expect(shown.body).toContain('id="nir-error"');
    // The NIR typed is shown again, as it always was, and the other answers too.
    expect(shown.body).toContain(`value="${wrongKey.nir}"`);
    expect(shown.body).toContain('value="Marie Claire"');
    expect(await db().selectFrom('form_states').selectAll().execute()).toHaveLength(0);
    // Once: a reload shows the step as the flow has it (nothing saved yet), without an error.
    const again = await b.get('/creer-mon-compte/etat-civil');
    expect(again.statusCode).toBe(200);
    expect(again.body).not.toContain('govuk-error-summary');
    expect(again.body).not.toMatch(/<title>Erreur/);
    expect(again.body).not.toContain('value="Marie Claire"');
  });

  it('checks the NIR key and cross-checks it with the civil status, at the right field', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    let res = await submitRefused(b, '/creer-mon-compte/etat-civil', { ...MARIE, nir: `${MARIE.nir.slice(0, 13)}00` });
    expect(text(res.body)).toContain('La clé du numéro de sécurité sociale ne correspond pas');
    expect(res.body).toContain('id="nir-error"');
    res = await submitRefused(b, '/creer-mon-compte/etat-civil', { ...MARIE, civility: 'M' });
    expect(res.body).toContain('id="civility-error"');
    res = await submitRefused(b, '/creer-mon-compte/etat-civil', { ...MARIE, 'birthDate-year': '1991' });
    expect(res.body).toContain('id="birthDate-error"');
    res = await submitRefused(b, '/creer-mon-compte/etat-civil', { ...MARIE, communeQuery: 'Bordeaux', communeCode: '33063' });
    expect(res.body).toContain('id="communeQuery-error"');
    res = await submitRefused(b, '/creer-mon-compte/etat-civil', { ...MARIE, 'birthDate-day': '31', 'birthDate-month': '2' });
    expect(text(res.body)).toContain('La date de naissance n’est pas valide');
  });

  it('searches communes without JavaScript, as they were at the birth date (historical codes)', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const bernard = {
      nir: '160077504408792',
      civility: 'M',
      birthName: 'Lefort',
      givenNames: 'Bernard André',
      'birthDate-day': '14',
      'birthDate-month': '7',
      'birthDate-year': '1960',
      birthPlaceKind: 'france',
      communeQuery: 'Levallois',
    };
    const res = await b.post('/creer-mon-compte/etat-civil', { ...bernard, action: 'rechercher-commune' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('name="communeCode" type="radio" value="75044"');
    expect(text(res.body)).toContain('Seine (75) — code INSEE 75044');
    expect(res.body).toContain('value="Bernard André"');
    // Several matches and none chosen: asked to choose.
    const many = await submitRefused(b, '/creer-mon-compte/etat-civil', { ...bernard, communeQuery: 'Saint-Denis' });
    expect(text(many.body)).toContain('Choisissez votre commune de naissance dans la liste.');
    const r = await submit(b, '/creer-mon-compte/etat-civil', { ...bernard, communeCode: '75044' });
    expect(r.to).toBe('/creer-mon-compte/titre-identite');
    const back = await visit(b, '/creer-mon-compte/etat-civil');
    expect(back.body).toMatch(/value="75044" checked/);
  });

  it('searches countries without JavaScript', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const res = await b.post('/creer-mon-compte/etat-civil', { ...ANA, countryQuery: 'Bré', countryCode: '', action: 'rechercher-pays' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('value="99416"');
  });

  it('counts wrong codes, then asks for a new one after 5', async () => {
    const b = new TestBrowser(t.app);
    const { to } = await walkTo(b, db(), 'code');
    const good = await lastCode(db(), to);
    const wrong = good === '000000' ? '111111' : '000000';
    let res = await submitRefused(b, '/creer-mon-compte/code', { code: wrong });
    expect(text(res.body)).toContain('Le code de vérification n’est pas le bon. Il vous reste 4 essais.');
    res = await submitRefused(b, '/creer-mon-compte/code', { code: '12' });
    expect(text(res.body)).toContain('Le code de vérification comporte 6 chiffres.');
    for (const left of [3, 2, 1]) {
      res = await submitRefused(b, '/creer-mon-compte/code', { code: wrong });
      expect(text(res.body)).toContain(`Il vous reste ${left} essai`);
    }
    res = await submitRefused(b, '/creer-mon-compte/code', { code: wrong });
    expect(text(res.body)).toContain('Vous avez saisi 5 codes erronés');
    res = await submitRefused(b, '/creer-mon-compte/code', { code: good });
    expect(text(res.body)).toContain('demandez un nouveau code');
    // A new code after the cooldown works.
    t.clock.advance(61_000);
    const resent = await submit(b, '/creer-mon-compte/code/renvoyer', {});
    expect(resent.to).toBe('/creer-mon-compte/code?renvoye=1');
    expect(text(resent.page.body)).toContain('Un nouveau code de vérification vous a été envoyé.');
    const r = await submit(b, '/creer-mon-compte/code', { code: await lastCode(db(), to) });
    expect(r.to).toBe('/creer-mon-compte/mot-de-passe');
  });

  it('refuses an early resend with the seconds left, then allows it after the cooldown', async () => {
    const b = new TestBrowser(t.app);
    const { to } = await walkTo(b, db(), 'code');
    t.clock.advance(20_000);
    const page = await visit(b, '/creer-mon-compte/code');
    expect(page.body).toContain('data-countdown="40"');
    const res = await submitThrottled(b, '/creer-mon-compte/code/renvoyer', {}, '/creer-mon-compte/code');
    expect(text(res.body)).toContain('Vous pourrez en demander un nouveau dans 40 secondes.');
    expect(res.body).toContain('<a href="#resend">');
    expect(await messagesTo(db(), to)).toHaveLength(1);
    t.clock.advance(41_000);
    expect(location(await b.post('/creer-mon-compte/code/renvoyer', {}))).toBe('/creer-mon-compte/code?renvoye=1');
    expect(await messagesTo(db(), to)).toHaveLength(2);
  });

  it('limits the codes sent to one address', async () => {
    const b = new TestBrowser(t.app);
    const { to } = await walkTo(b, db(), 'code', { contact: { contactKind: 'email', email: 'limite@example.fr' } });
    for (let i = 0; i < 4; i++) {
      t.clock.advance(61_000);
      location(await b.post('/creer-mon-compte/code/renvoyer', {}));
    }
    t.clock.advance(61_000);
    const res = await submitThrottled(b, '/creer-mon-compte/code/renvoyer', {}, '/creer-mon-compte/code');
    expect(text(res.body)).toContain('Trop de codes ont été envoyés');
    expect(await messagesTo(db(), to)).toHaveLength(5);
    t.clock.advance(60 * 60_000);
  });

  it('goes back to the contact step to change the details, keeping everything else', async () => {
    const b = new TestBrowser(t.app);
    const { to } = await walkTo(b, db(), 'code');
    const codePage = await visit(b, '/creer-mon-compte/code');
    expect(codePage.body).toContain('href="/creer-mon-compte/coordonnees"');
    const contact = await visit(b, '/creer-mon-compte/coordonnees');
    expect(contact.body).toContain(`value="${to}"`);
    const r = await submit(b, '/creer-mon-compte/coordonnees', { contactKind: 'sms', phone: '0692 12 34 56' });
    expect(r.to).toBe('/creer-mon-compte/code');
    expect(text(r.page.body)).toContain('par SMS au numéro suivant');
    // The code sent to the first address no longer works.
    await submitRefused(b, '/creer-mon-compte/code', { code: await lastCode(db(), to) });
    const ok = await submit(b, '/creer-mon-compte/code', { code: await lastCode(db(), '+262692123456') });
    expect(ok.to).toBe('/creer-mon-compte/mot-de-passe');
    const civil = await visit(b, '/creer-mon-compte/etat-civil');
    expect(civil.body).toContain('value="Marie Claire"');
    const doc = await visit(b, '/creer-mon-compte/titre-identite');
    expect(doc.body).toContain('value="X4RTBPFW4"');
  });

  it('rejects a wrong confirmation at the confirmation field, never echoing the password', async () => {
    const b = new TestBrowser(t.app);
    await walkTo(b, db(), 'password');
    let res = await submitRefused(b, '/creer-mon-compte/mot-de-passe', {
      password: REGISTRATION_PASSWORD,
      passwordConfirmation: 'Secret2026Cag',
    });
    expect(res.body).toContain('id="passwordConfirmation-error"');
    expect(text(res.body)).toContain('Les deux mots de passe ne sont pas identiques');
    expect(res.body).not.toContain(REGISTRATION_PASSWORD);
    expect(res.body).not.toContain('Secret2026Cag');
    res = await submitRefused(b, '/creer-mon-compte/mot-de-passe', { password: 'motdepasse-é', passwordConfirmation: 'motdepasse-é' });
    expect(text(res.body)).toContain(
      'Le mot de passe doit comporter au moins 1 chiffre, au moins 1 lettre majuscule et uniquement des chiffres et des lettres non accentuées',
    );
    expect(res.body).toContain('id="password-error"');
  });

  it('keeps the answers on reload, in a second tab and with « Retour »', async () => {
    const b = new TestBrowser(t.app);
    await walkTo(b, db(), 'contact');
    // Reload.
    const again = await visit(b, '/creer-mon-compte/titre-identite');
    expect(again.body).toMatch(/value="cni" checked/);
    // A second tab opening « Commencer » lands on the same flow, at the current step.
    const secondTab = await b.get('/creer-mon-compte/nouveau');
    expect(location(secondTab)).toBe('/creer-mon-compte/coordonnees');
    // « Retour » links to the previous step, which is pre-filled.
    const contact = await visit(b, '/creer-mon-compte/coordonnees');
    expect(contact.body).toContain('<a href="/creer-mon-compte/titre-identite" class="govuk-back-link">Retour</a>');
    const civil = await visit(b, '/creer-mon-compte/etat-civil');
    expect(civil.body).toContain('value="DUPONT"');
    expect(civil.body).toMatch(/value="MME" checked/);
    // Saving an earlier step goes to the next one, without losing the later answers.
    const r = await submit(b, '/creer-mon-compte/etat-civil', { ...MARIE, givenNames: 'Marie' });
    expect(r.to).toBe('/creer-mon-compte/titre-identite');
    expect(r.page.body).toContain('value="X4RTBPFW4"');
  });

  it('returns to the recap after « Modifier »', async () => {
    const b = new TestBrowser(t.app);
    await walkTo(b, db(), 'review', { person: freshMarie() });
    const r = await submit(b, '/creer-mon-compte/titre-identite', { documentKind: 'passport', 'documentNumber-passport': '12AB34567' });
    expect(r.to).toBe('/creer-mon-compte/recapitulatif');
    expect(text(r.page.body)).toContain('Passeport français n° 12AB34567');
  });

  it('guards the steps in one place: a step not reached yet sends to the current step', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    expect(location(await b.get('/creer-mon-compte/mot-de-passe'))).toBe('/creer-mon-compte/etat-civil');
    expect(location(await b.get('/creer-mon-compte/recapitulatif'))).toBe('/creer-mon-compte/etat-civil');
    expect(
      location(
        await b.post('/creer-mon-compte/mot-de-passe', { password: REGISTRATION_PASSWORD, passwordConfirmation: REGISTRATION_PASSWORD }),
      ),
    ).toBe('/creer-mon-compte/etat-civil');
    expect(location(await b.get('/creer-mon-compte/compte-cree'))).toBe('/creer-mon-compte/etat-civil');
    await submit(b, '/creer-mon-compte/etat-civil', freshMarie());
    expect(location(await b.get('/creer-mon-compte/code'))).toBe('/creer-mon-compte/titre-identite');
    const none = new TestBrowser(t.app);
    expect(location(await none.get('/creer-mon-compte/titre-identite'))).toBe('/creer-mon-compte');
  });

  it('expires after an hour without activity (sliding) and restarts cleanly with a message', async () => {
    const b = new TestBrowser(t.app);
    await walkTo(b, db(), 'contact');
    t.clock.advance(50 * 60_000);
    expect((await b.get('/creer-mon-compte/coordonnees')).statusCode).toBe(200);
    t.clock.advance(50 * 60_000);
    expect((await b.get('/creer-mon-compte/coordonnees')).statusCode).toBe(200);
    t.clock.advance(61 * 60_000);
    const res = await b.get('/creer-mon-compte/coordonnees');
    expect(location(res)).toBe('/creer-mon-compte?expiree=1');
    const start = await visit(b, '/creer-mon-compte?expiree=1');
    expect(text(start.body)).toContain('Votre session de création de compte a expiré');
    expect(b.cookie('mc_registration')).toBeUndefined();
    const fresh = await visit(b, '/creer-mon-compte/nouveau');
    expect(fresh.body).not.toContain('value="Dupont"');
    expect(text(fresh.body)).toContain('Étape 1 sur 6');
  });

  it('does not reveal a NIR that already has an account, and tells its owner', async () => {
    const first = new TestBrowser(t.app);
    const person = freshMarie();
    await walkTo(first, db(), 'completed', { person, contact: { contactKind: 'email', email: 'owner@example.fr' } });
    const owner = await findAccountByNir(db(), person.nir!);
    expect(owner).toBeDefined();

    const intruder = new TestBrowser(t.app);
    await walkTo(intruder, db(), 'review', { person, contact: { contactKind: 'email', email: 'intruder@example.fr' } });
    const res = await intruder.post('/creer-mon-compte/recapitulatif', {});
    expect(location(res)).toBe('/creer-mon-compte/compte-cree');
    const done = await visit(intruder, '/creer-mon-compte/compte-cree');
    const firstDone = await visit(first, '/creer-mon-compte/compte-cree');
    expect(text(done.body)).toBe(text(firstDone.body));
    // Words true in both cases: nothing says the account was created, nor that the password works.
    expect(text(done.body)).not.toContain('Votre compte est créé');
    expect(text(done.body)).toContain('aucun second compte n’a été créé et ce mot de passe ne fonctionnera pas');
    // Nothing created, nothing changed.
    const accounts = await db().selectFrom('accounts').selectAll().where('nir', '=', person.nir!).execute();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.contact_value).toBe('owner@example.fr');
    // The owner is told through their verified contact; the intruder gets the usual words.
    const toOwner = await messagesTo(db(), 'owner@example.fr');
    expect(toOwner.at(-1)!.text).toContain("Quelqu'un a tenté de créer un compte avec votre numéro de sécurité sociale");
    const toIntruder = await messagesTo(db(), 'intruder@example.fr');
    const toFirst = toOwner.filter((m) => m.subject === 'Votre compte Caf');
    expect(toIntruder.at(-1)!.text).toBe(toFirst[0]!.text);
    expect(toIntruder.at(-1)!.text).not.toContain('Vous pouvez vous connecter');
    expect(toIntruder.at(-1)!.text).toContain('« Mot de passe oublié ? »');
    expect(JSON.stringify(toIntruder)).not.toContain('owner@example.fr');
  });

  it('shows the confirmation again on reload, and no step once completed', async () => {
    const b = new TestBrowser(t.app);
    await walkTo(b, db(), 'completed', { person: freshMarie() });
    expect(text((await visit(b, '/creer-mon-compte/compte-cree')).body)).toContain('Votre demande de création de compte est enregistrée');
    expect(location(await b.get('/creer-mon-compte/etat-civil'))).toBe('/creer-mon-compte/compte-cree');
    // « Commencer » again starts a new flow.
    expect(location(await b.get('/creer-mon-compte/nouveau'))).toBe('/creer-mon-compte/etat-civil');
    expect((await b.get('/creer-mon-compte/etat-civil')).body).not.toContain('value="Marie Claire"');
  });

  it('remembers the prestation chosen through the whole journey', async () => {
    const b = new TestBrowser(t.app);
    const ask = await visit(b, '/aides-et-demarches/prestations/aide-au-logement/faire-la-demande');
    expect(text(ask.body)).toContain('Créer un compte');
    expect(ask.body).toContain('href="/connexion"');
    const start = await visit(b, '/creer-mon-compte');
    expect(text(start.body)).toContain('Votre demande en cours : Aide au logement');
    expect(start.body).toContain('href="/creer-mon-compte/nouveau"');
    await walkTo(b, db(), 'completed', { person: freshMarie() });
    const done = await visit(b, '/creer-mon-compte/compte-cree');
    expect(text(done.body)).toContain('vous pourrez faire votre demande : Aide au logement');
  });
});

describe('Entry pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('leads from « Aides et démarches » to a prestation and its request', async () => {
    const b = new TestBrowser(t.app);
    const aides = await visit(b, '/aides-et-demarches');
    expect(aides.body).toContain('href="/aides-et-demarches/mes-demarches"');
    const demarches = await visit(b, '/aides-et-demarches/mes-demarches');
    expect(text(demarches.body)).toContain('Faites une demande de prestation en ligne');
    for (const theme of ['Logement', 'Vie personnelle', 'Vie professionnelle', 'Accident de vie', 'Handicap'])
      expect(text(demarches.body)).toContain(theme);
    const logement = await visit(b, '/aides-et-demarches/mes-demarches/logement');
    expect(logement.body).toContain('href="/aides-et-demarches/prestations/aide-au-logement"');
    const p = await visit(b, '/aides-et-demarches/prestations/aide-au-logement');
    expect(text(p.body)).toContain('Faire la demande');
    expect((await b.get('/aides-et-demarches/mes-demarches/inconnu')).statusCode).toBe(404);
  });

  it('points handicap prestations to the MDPH', async () => {
    const b = new TestBrowser(t.app);
    const p = await visit(b, '/aides-et-demarches/prestations/aah');
    expect(text(p.body)).toContain('Maison départementale des personnes handicapées (MDPH)');
    expect(p.body).not.toContain('faire-la-demande');
    expect(location(await b.get('/aides-et-demarches/prestations/aah/faire-la-demande'))).toBe('/aides-et-demarches/prestations/aah');
  });

  it('offers to log in or to create the account straight at the civil-status step from « Mon Compte »', async () => {
    const b = new TestBrowser(t.app);
    const page = await visit(b, '/mon-compte');
    expect(page.body).toContain('href="/connexion"');
    expect(page.body).toContain('href="/creer-mon-compte/nouveau?depuis=mon-compte"');
    expect(location(await b.get('/creer-mon-compte/nouveau?depuis=mon-compte'))).toBe('/creer-mon-compte/etat-civil');
    const flow = await t.ctx.database.db
      .selectFrom('flows')
      .selectAll()
      .where('id', '=', flowId(b.cookie('mc_registration')!))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(flow.data)).toMatchObject({ origin: 'mon-compte' });
  });

  it('answers commune and country searches in JSON for the autocomplete', async () => {
    const communes = await t.app.inject({ url: '/api/communes?q=Levallois&date=1960-07-14' });
    expect(communes.json().results[0]).toMatchObject({
      code: '75044',
      name: 'Levallois-Perret',
      departement: { code: '75', name: 'Seine' },
    });
    const today = await t.app.inject({ url: '/api/communes?q=Levallois' });
    expect(today.json().results[0]).toMatchObject({ code: '92044' });
    const pays = await t.app.inject({ url: '/api/pays?q=bresil' });
    expect(pays.json().results[0]).toMatchObject({ code: '99416' });
    expect((await t.app.inject({ url: '/api/communes?q=a' })).json()).toEqual({ results: [] });
  });
});
