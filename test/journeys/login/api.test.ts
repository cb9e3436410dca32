import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, auditTypes, createTestAccount } from '../../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { postJson } from '../../support/http';
import { lastCode } from '../../support/outbox';

describe('« Se connecter » in JSON', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('logs in with the password then the code, and opens the same cookie session as the pages', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    const first = await b.postJson('/api/login', { identifier: account.login_id, password: PASSWORD });
    expect(first.statusCode, first.body).toBe(200);
    const started = first.json();
    expect(started).toMatchObject({ status: 'code_sent', contact: { kind: 'email', display: '…@exemple.fr' } });
    expect(started.flowId).toEqual(expect.any(String));
    expect(b.cookie('mc_session')).toBeUndefined();
    expect((await b.request({ url: '/api/session' })).statusCode).toBe(401);

    const code = await lastCode(t.ctx, account.contact_value);
    const second = await b.postJson('/api/login/code', { flowId: started.flowId, code });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({
      status: 'signed_in',
      account: { loginId: account.login_id, displayName: 'Marie DUPONT', hasPassword: true },
    });
    expect(b.cookie('mc_session')).toBeDefined();
    expect((await b.request({ url: '/api/session' })).json()).toMatchObject({
      status: 'signed_in',
      account: { loginId: account.login_id },
    });
    // The pages see the same session.
    expect((await b.get('/mon-espace')).statusCode).toBe(200);
    expect(await auditTypes(t.ctx, account.id)).toEqual(expect.arrayContaining(['code_sent', 'login_succeeded']));

    // The flow is spent: the same code cannot open a second session.
    const replay = await postJson(t.app, '/api/login/code', { flowId: started.flowId, code });
    expect(replay.statusCode).toBe(410);
    expect(replay.json().error.code).toBe('FLOW_EXPIRED');

    const out = await b.postJson('/api/logout');
    expect(out.statusCode).toBe(204);
    expect((await b.request({ url: '/api/session' })).json().error.code).toBe('AUTH_REQUIRED');
  });

  it('refuses missing fields, a wrong password and an unknown identifier alike', async () => {
    const account = await createTestAccount(t.ctx);
    const missing = await postJson(t.app, '/api/login', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.map((f: { code: string }) => f.code)).toEqual([
      'LOGIN_IDENTIFIER_REQUIRED',
      'LOGIN_PASSWORD_REQUIRED',
    ]);
    const wrong = await postJson(t.app, '/api/login', { identifier: account.login_id, password: 'Mauvais2026' });
    const unknown = await postJson(t.app, '/api/login', { identifier: '199017512345678', password: 'Mauvais2026' });
    expect(wrong.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error).toEqual({
      code: 'LOGIN_INVALID',
      message: 'Identifiant ou mot de passe incorrect.',
      fields: [expect.objectContaining({ field: 'identifier' })],
    });
  });

  it('refuses a wrong or malformed code at the code field, an unknown flow, and an early resend', async () => {
    const account = await createTestAccount(t.ctx);
    const { flowId } = (await postJson(t.app, '/api/login', { identifier: account.login_id, password: PASSWORD })).json();
    const malformed = await postJson(t.app, '/api/login/code', { flowId, code: '12ab' });
    expect(malformed.json().error.fields).toEqual([expect.objectContaining({ field: 'code', code: 'CODE_FORMAT' })]);
    const good = await lastCode(t.ctx, account.contact_value);
    const wrong = await postJson(t.app, '/api/login/code', { flowId, code: good === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0]).toMatchObject({
      field: 'code',
      code: 'CODE_WRONG',
      message: expect.stringContaining('Il vous reste 4 essais'),
    });
    const unknown = await postJson(t.app, '/api/login/code', { flowId: 'inconnu', code: good });
    expect(unknown.json().error.code).toBe('FLOW_EXPIRED');
    const early = await postJson(t.app, '/api/login/code/resend', { flowId });
    expect(early.statusCode).toBe(429);
    expect(early.json().error.code).toBe('CODE_RESEND_TOO_EARLY');
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(61_000);
    const resent = await postJson(t.app, '/api/login/code/resend', { flowId });
    expect(resent.statusCode, resent.body).toBe(200);
    expect(await lastCode(t.ctx, account.contact_value)).not.toBe(good);
  });

  it('keeps the CSRF rule of /api/: JSON only, from our own origin', async () => {
    const account = await createTestAccount(t.ctx);
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: `identifier=${account.login_id}&password=${PASSWORD}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(403);
    const crossSite = await postJson(
      t.app,
      '/api/login',
      { identifier: account.login_id, password: PASSWORD },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error.code).toBe('CSRF_INVALID');
  });
});
