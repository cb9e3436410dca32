import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, createTestAccount, logIn } from '../../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { postJson } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';

describe('« Mot de passe oublié ? » in JSON', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('identifier → code → new password; every session of the account ends', async () => {
    const account = await createTestAccount(t.ctx);
    const phone = new TestBrowser(t.app);
    await logIn(t.ctx, phone, account);
    const asked = await postJson(t.app, '/api/password-reset', { identifier: account.login_id });
    expect(asked.statusCode, asked.body).toBe(202);
    const { flowId } = asked.json();
    const code = await lastCode(t.ctx, account.contact_value);
    let res = await postJson(t.app, '/api/password-reset/password', {
      flowId,
      password: 'Nouveau2026Mdp',
      passwordConfirmation: 'Nouveau2026Mdp',
    });
    expect(res.json().error.code).toBe('FLOW_EXPIRED');
    res = await postJson(t.app, '/api/password-reset/code', { flowId, code });
    expect(res.json()).toEqual({ status: 'code_verified' });
    res = await postJson(t.app, '/api/password-reset/password', { flowId, password: 'court', passwordConfirmation: 'court' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'password', code: 'AUTH_PASSWORD_RULES' })]);
    res = await postJson(t.app, '/api/password-reset/password', {
      flowId,
      password: 'Nouveau2026Mdp',
      passwordConfirmation: 'Autre2026Mdp',
    });
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'passwordConfirmation' })]);
    res = await postJson(t.app, '/api/password-reset/password', {
      flowId,
      password: 'Nouveau2026Mdp',
      passwordConfirmation: 'Nouveau2026Mdp',
    });
    expect(res.json()).toEqual({ status: 'password_changed' });
    expect((await phone.get('/mon-espace')).statusCode).toBe(303);
    expect((await messagesTo(t.ctx, account.contact_value)).at(-1)?.subject).toBe('Votre mot de passe a été modifié');
    const login = await postJson(t.app, '/api/login', { identifier: account.login_id, password: 'Nouveau2026Mdp' });
    expect(login.json().status).toBe('code_sent');
    expect((await postJson(t.app, '/api/login', { identifier: account.login_id, password: PASSWORD })).statusCode).toBe(400);
  });

  it('answers an unknown identifier like a known one, and no code leads past it', async () => {
    const account = await createTestAccount(t.ctx);
    const known = await postJson(t.app, '/api/password-reset', { identifier: account.login_id });
    const unknown = await postJson(t.app, '/api/password-reset', { identifier: '199017512345678' });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(Object.keys(unknown.json()).sort()).toEqual(Object.keys(known.json()).sort());
    const wrong = await postJson(t.app, '/api/password-reset/code', { flowId: unknown.json().flowId, code: '123456' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].field).toBe('code');
  });

  it('refuses a missing identifier, an unknown flow and an early resend', async () => {
    const missing = await postJson(t.app, '/api/password-reset', { identifier: '  ' });
    expect(missing.json().error.fields).toEqual([expect.objectContaining({ field: 'identifier', code: 'LOGIN_IDENTIFIER_REQUIRED' })]);
    const unknown = await postJson(t.app, '/api/password-reset/code', { flowId: 'inconnu', code: '123456' });
    expect(unknown.json().error.code).toBe('FLOW_EXPIRED');
    const account = await createTestAccount(t.ctx);
    const { flowId } = (await postJson(t.app, '/api/password-reset', { identifier: account.login_id })).json();
    const early = await postJson(t.app, '/api/password-reset/code/resend', { flowId });
    expect(early.statusCode).toBe(429);
    t.clock.advance(61_000);
    expect((await postJson(t.app, '/api/password-reset/code/resend', { flowId })).statusCode).toBe(200);
  });
});
