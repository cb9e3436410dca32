import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountById } from '../../../src/accounts/repository';
import { checkSymbol, formatCode, newAttestationId } from '../../../src/attestations/code';
import { qrTarget } from '../../../src/attestations/pdf';
import { issuePaymentAttestation } from '../../../src/attestations/issue';
import { PRIVATE_BY_DEFAULT } from '../../../src/attestations/privacy';
import { revokeMine } from '../../../src/attestations/manage';
import { CHECKS_PER_CODE_PER_HOUR, CHECKS_PER_IP_PER_HOUR } from '../../../src/attestations/verify';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { dossierWithPayments } from '../../attestations/support';
import { location, text } from '../../support/http';
import { FORM_STATE_TTL_MS } from '../../../src/http/form-state';

/** « Vérifier une attestation », the public page: answers, what it never reveals, its headers, its limits. */
describe('the public verification page', () => {
  let t: TestApp;
  let ipSeq = 0;
  const freshIp = () => `198.51.100.${++ipSeq}`;

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  async function issued(o: { birthName?: string; usageName?: string } = {}) {
    const d = await dossierWithPayments(t.ctx, {
      birthName: o.birthName ?? 'LE GALL',
      usageName: o.usageName ?? null,
      paid: [{ prestation: 'aide-au-logement', months: ['2026-09', '2026-10'], cents: 24_550 }],
    });
    const r = await issuePaymentAttestation(
      { db: t.ctx.database.db, now: t.clock.now(), payments: t.ctx.attestations.payments, resources: t.ctx.attestations.resources },
      {
        account: (await findAccountById(t.ctx.database.db, d.account.id))!,
        householdId: d.householdId,
        dossierNumber: d.dossierNumber,
        origin: { ip: null, userAgent: null },
      },
      { from: '2026-09', to: '2026-10', choices: PRIVATE_BY_DEFAULT },
    );
    if (r.kind !== 'issued') throw new Error('not issued');
    return { ...d, id: r.id, code: formatCode(r.id) };
  }

  async function verify(code: string, surname: string, ip = freshIp(), b = new TestBrowser(t.app)): Promise<LightMyRequestResponse> {
    await b.request({ method: 'GET', url: '/verifier-une-attestation', remoteAddress: ip });
    const params = new URLSearchParams({ _csrf: b.csrfToken(), code, surname });
    return b.request({
      method: 'POST',
      url: '/verifier-une-attestation',
      payload: params.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      remoteAddress: ip,
    });
  }

  /** A check refused at its fields: a 303 back to the page, which shows the errors and what was typed once. */
  async function refusedCheck(code: string, surname: string): Promise<LightMyRequestResponse> {
    const ip = freshIp();
    const b = new TestBrowser(t.app);
    const res = await verify(code, surname, ip, b);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    expect(res.headers.location).toBe('/verifier-une-attestation');
    expect(res.headers['cache-control']).toBe('no-store');
    // What the page keeps for its next view is sealed: neither the code nor the surname is stored readable.
    const kept = await t.ctx.database.db.selectFrom('form_states').select(['page', 'sealed']).execute();
    expect(kept.map((r) => r.page)).toContain('/verifier-une-attestation');
    for (const r of kept)
      expect(Buffer.from(r.sealed, 'base64url').toString('latin1')).not.toMatch(new RegExp(`${surname}|${code.slice(0, 9)}`));
    const page = await b.request({ method: 'GET', url: '/verifier-une-attestation', remoteAddress: ip });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('govuk-error-summary');
    expect(page.body).toMatch(/<title>Erreur[\u00a0 ]: /);
    const again = await b.request({ method: 'GET', url: '/verifier-une-attestation', remoteAddress: ip });
    expect(again.body).not.toContain('govuk-error-summary');
    return page;
  }

  /** The answer block of the page, without what the verifier typed (echoed in the fields) nor the form's token. */
  const verdict = (res: LightMyRequestResponse) =>
    /<h1 class="govuk-heading-l">Vérifier une attestation<\/h1>\s*([\s\S]*?)<p class="govuk-body">Vous avez reçu/.exec(res.body)?.[1] ?? '';

  it('answers « conforme » to the code and the surname (any case, accents, hyphens), then shows what it certifies', async () => {
    const a = await issued({ birthName: 'LE GALL' });
    const res = await verify(a.code.toLowerCase(), 'le-gall');
    expect(res.statusCode).toBe(200);
    expect(verdict(res)).toContain('Conforme');
    expect(res.body).toContain('Marie Claire LE GALL');
    expect(res.body).toContain('de septembre 2026 à octobre 2026');
    expect(res.body).toMatch(/491,00\s€/);
    expect(res.body).toContain('ne prouve pas que la personne qui vous présente le papier en est le titulaire');
    expect(res.body).toContain('http://localhost:3000/verifier-une-attestation');
    const row = await t.ctx.database.db
      .selectFrom('attestations')
      .select(['checked_count', 'refused_count'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ checked_count: 1, refused_count: 0 });
  });

  it('keeps the French punctuation with its word: no line of the page starts with « : », « ; » or « ? »', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/verifier-une-attestation' });
    expect(res.statusCode).toBe(200);
    const main = res.body.slice(res.body.indexOf('<main'), res.body.indexOf('</main>'));
    // a plain space before the sign lets the browser break the line there; &nbsp; (or a narrow one) does not
    expect(main.replace(/<[^>]+>/g, '')).not.toMatch(/[^\s] [:;?!](\s|$)/);
  });

  it('says truly what it keeps: the surname only to show the form again after an error, two minutes at most, never who you are', async () => {
    const form = text((await t.app.inject({ method: 'GET', url: '/verifier-une-attestation' })).body).replace(/&nbsp;/g, ' ');
    expect(form).not.toContain('ne garde ni le nom saisi');
    expect(form).toContain(
      'Cette page ne garde pas votre identité. Le nom saisi n’est gardé que pour vous réafficher le formulaire après une erreur : chiffré, 2 minutes au plus, et jamais relié à qui vous êtes.',
    );
    expect(FORM_STATE_TTL_MS).toBe(2 * 60_000);
    // What it says is what it does: the kept answers carry neither an account, an address nor a session.
    const b = new TestBrowser(t.app);
    expect((await verify('7K2Q-M9XD-4TRB', 'LE GALL', freshIp(), b)).statusCode).toBe(303);
    const kept = await t.ctx.database.db.selectFrom('form_states').selectAll().where('page', '=', '/verifier-une-attestation').execute();
    expect(kept.length).toBeGreaterThan(0);
    for (const row of kept) expect(Object.keys(row).sort()).toEqual(['expires_at', 'id', 'page', 'sealed']);
    // Kept at most the time said: later, the page does not show it any more.
    t.clock.advance(FORM_STATE_TTL_MS + 1);
    const later = await b.get('/verifier-une-attestation');
    expect(later.body).not.toContain('value="LE GALL"');
    expect(later.body).not.toContain('govuk-error-summary');
  });

  it('says in the hint and in the error that the code’s last character may be « * », « ~ », « $ » or « = »', async () => {
    const signs = 'le dernier caractère peut aussi être l’un des signes « * », « ~ », « $ » ou « = »';
    const form = (await t.app.inject({ method: 'GET', url: '/verifier-une-attestation' })).body;
    expect(text(form)).toContain(`17 caractères, par exemple 7K2Q-M9XD-4TRB-E81H-M : des lettres et des chiffres, et ${signs}`);
    const wrong = await refusedCheck('7K2Q-M9XD-4TRB', 'DURAND');
    expect(text(wrong.body)).toContain(
      `Le code de vérification compte 17 caractères, par exemple 7K2Q-M9XD-4TRB-E81H-M : des lettres et des chiffres, et ${signs}. Vérifiez ce que vous avez saisi.`,
    );
    expect(text(wrong.body)).not.toContain('(lettres et chiffres)');
  });

  it('accepts the usage name as well as the birth name', async () => {
    const a = await issued({ birthName: 'MARTIN', usageName: 'Bérard' });
    expect(verdict(await verify(a.code, 'BERARD'))).toContain('Conforme');
    expect(verdict(await verify(a.code, 'Martin'))).toContain('Conforme');
  });

  it('gives the same answer, status and work to a wrong surname and to a code that names nothing', async () => {
    const a = await issued();
    const before = await t.ctx.database.db.selectFrom('attestation_checks').select('id').execute();
    const wrongSurname = await verify(a.code, 'DURAND');
    // a valid code (its check symbol is right) that no attestation has
    const unknownId = a.id.startsWith('0') ? `1${a.id.slice(1)}` : `0${a.id.slice(1)}`;
    const unknown = await verify(formatCode(unknownId), 'LE GALL');
    expect(wrongSurname.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(verdict(wrongSurname)).toBe(verdict(unknown));
    expect(verdict(unknown)).toContain('Non conforme');
    expect(unknown.body).not.toContain('Marie Claire');
    expect(wrongSurname.body).not.toContain('Marie Claire');
    const after = await t.ctx.database.db.selectFrom('attestation_checks').selectAll().execute();
    expect(after.length - before.length).toBe(2);
    const row = await t.ctx.database.db
      .selectFrom('attestations')
      .select(['checked_count', 'refused_count'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ checked_count: 0, refused_count: 1 });
  });

  it('refuses an altered code at its check character, before any look-up', async () => {
    const a = await issued();
    const chars = a.code.split('');
    chars[2] = chars[2] === '7' ? '8' : '7';
    const altered = chars.join('');
    const res = await refusedCheck(altered, 'LE GALL');
    expect(res.body).toContain('un caractère a sans doute été mal recopié');
    expect(res.body).toContain(`value="${altered}"`);
    expect(res.body).toContain('value="LE GALL"');
    expect(verdict(res)).not.toMatch(/onforme/);
  });

  it('says « révoquée » and « expirée », with the right surname only', async () => {
    const revoked = await issued();
    await revokeMine(
      { db: t.ctx.database.db, now: t.clock.now() },
      { accountId: revoked.account.id, id: revoked.id, origin: { ip: null, userAgent: null } },
    );
    expect(verdict(await verify(revoked.code, 'LE GALL'))).toContain('attestation révoquée');
    expect(verdict(await verify(revoked.code, 'DURAND'))).not.toContain('révoquée');

    const expiring = await issued();
    expect(verdict(await verify(expiring.code, 'LE GALL'))).toContain('Conforme');
    t.clock.advance(93 * 24 * 60 * 60_000); // payment attestations: three months
    const expired = await verify(expiring.code, 'LE GALL');
    expect(verdict(expired)).toContain('attestation expirée');
    expect(expired.body).not.toContain('491,00');
    expect(verdict(await verify(expiring.code, 'DURAND'))).not.toContain('expirée');
  });

  it('is not cached, not indexed, sends no referrer and loads nothing from elsewhere', async () => {
    const refused = await refusedCheck('ABCD-EFGH', 'DUPONTEL');
    for (const res of [await t.app.inject({ url: '/verifier-une-attestation?code=ABCD' }), refused]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-robots-tag']).toContain('noindex');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.body).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(res.body).toContain('<meta name="referrer" content="no-referrer">');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      for (const m of res.body.matchAll(/(?:src|href)="([^"]+)"/g)) expect(m[1]).toMatch(/^(\/|#)/);
    }
  });

  it('takes its own form posted with « Origin: null » (its no-referrer policy) when the browser says same-origin, never otherwise', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/verifier-une-attestation');
    const post = (headers: Record<string, string>, token = b.csrfToken()) =>
      b.request({
        method: 'POST',
        url: '/verifier-une-attestation',
        payload: new URLSearchParams({ _csrf: token, code: '7K2Q-M9XD-4TRB-E81H-V', surname: 'X' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', ...headers },
        remoteAddress: freshIp(),
      });
    expect((await post({ 'sec-fetch-site': 'same-origin' })).statusCode).not.toBe(403);
    expect((await post({})).statusCode).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-origin' }, 'not-the-token')).statusCode).toBe(403);
  });

  it('fills in the code from the QR code’s address, and still asks for the surname', async () => {
    const res = await t.app.inject({ url: '/verifier-une-attestation?code=7K2Q-M9XD-4TRB-E81H-V' });
    expect(res.body).toContain('value="7K2Q-M9XD-4TRB-E81H-V"');
    expect(verdict(res)).not.toMatch(/onforme/);
  });

  it.each(['*', '~', '$', '='])(
    'a code ending in « %s »: the QR code’s address fills it in whole, and it is « conforme »',
    async (symbol) => {
      const a = await issued();
      // The same attestation under an identifier whose check symbol is this one (1 in 37 are).
      let id = newAttestationId();
      while (checkSymbol(id) !== symbol) id = newAttestationId();
      await t.ctx.database.db.updateTable('attestations').set({ id }).where('id', '=', a.id).execute();
      const code = formatCode(id);
      const address = new URL(qrTarget('http://localhost:3000/verifier-une-attestation', id));
      expect(address.search.slice('?code='.length)).not.toContain(symbol);
      // Followed as printed in the QR code, or with the symbol left as is by whatever typed or copied it.
      for (const url of [`${address.pathname}${address.search}`, `${address.pathname}?code=${code}`]) {
        const res = await t.app.inject({ url, remoteAddress: freshIp() });
        expect(res.statusCode, url).toBe(200);
        const filled = /id="code" name="code" type="text" value="([^"]*)"/.exec(res.body)?.[1];
        expect(filled, url).toBe(code);
      }
      const res = await verify(code, 'LE GALL');
      expect(res.statusCode).toBe(200);
      expect(verdict(res)).toContain('Conforme');
    },
  );

  it(`limits the checks of one code to ${CHECKS_PER_CODE_PER_HOUR} an hour, whatever the address`, async () => {
    const a = await issued();
    for (let i = 0; i < CHECKS_PER_CODE_PER_HOUR; i++) expect((await verify(a.code, `NOM${i}`)).statusCode).toBe(200);
    const b = new TestBrowser(t.app);
    const ip = freshIp();
    // Back to the page (303), which answers 429 with Retry-After and says the wait once.
    const posted = await verify(a.code, 'LE GALL', ip, b);
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/verifier-une-attestation');
    const refused = await b.request({ method: 'GET', url: '/verifier-une-attestation', remoteAddress: ip });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.body).toContain('Trop de vérifications');
    expect(refused.body).toMatch(/Vous pourrez réessayer à partir de /);
    expect(verdict(refused)).not.toMatch(/onforme/);
    expect(refused.body).not.toContain('Marie Claire');
    // A reload is a GET: nothing checked again, the error gone.
    const reloaded = await b.request({ method: 'GET', url: '/verifier-une-attestation', remoteAddress: ip });
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.body).not.toContain('govuk-error-summary');
  });

  it(`limits the checks from one address to ${CHECKS_PER_IP_PER_HOUR} an hour`, async () => {
    const ip = freshIp();
    const a = await issued();
    for (let i = 0; i < CHECKS_PER_IP_PER_HOUR; i++)
      expect((await verify(formatCode(a.id.replace(/^./, String(i % 10))), 'X', ip)).statusCode).not.toBe(429);
    const b = new TestBrowser(t.app);
    expect(location(await verify(a.code, 'LE GALL', ip, b))).toBe('/verifier-une-attestation');
    expect((await b.request({ method: 'GET', url: '/verifier-une-attestation', remoteAddress: ip })).statusCode).toBe(429);
  });

  it('answers the same in JSON, and the route is in the OpenAPI document', async () => {
    const a = await issued();
    const post = (body: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/attestations/verification', payload: body as object, remoteAddress: freshIp() });
    const ok = await post({ code: a.code, surname: 'Le Gall' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(ok.json()).toMatchObject({ result: 'conforme', kind: 'paiement' });
    expect(ok.json().certified).toContainEqual({ key: 'Période', value: 'de septembre 2026 à octobre 2026' });
    const wrong = await post({ code: a.code, surname: 'Durand' });
    expect(wrong.json()).toEqual({
      result: 'non_conforme',
      serviceUrl: 'http://localhost:3000/verifier-une-attestation',
      notProven: expect.any(String),
    });
    expect((await post({ code: 'ABCD', surname: 'Durand' })).json().error.fields[0].code).toBe('ATTESTATION_CODE_FORMAT');
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/attestations/verification',
        '/api/attestations',
        '/api/attestations/paiement',
        '/api/attestations/quotient-familial',
      ]),
    );
  });
});
