import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountById } from '../../../src/accounts/repository';
import { PASSWORD, createTestAccount, logIn } from '../../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { postJson } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';

describe('« Modifier mes coordonnées de contact » in JSON', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const signedIn = async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    return { account, b };
  };

  it('needs the session', async () => {
    const res = await postJson(t.app, '/api/account/contact', { contactKind: 'sms', phone: '06 11 22 33 44', currentPassword: PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('sends a code to the new contact, which replaces the old one once the code is typed', async () => {
    const { account, b } = await signedIn();
    const started = await b.postJson('/api/account/contact', { contactKind: 'sms', phone: '06 11 22 33 44', currentPassword: PASSWORD });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ status: 'code_sent', contact: { kind: 'sms', display: '06 •• •• •• 44' } });
    const { flowId } = started.json();
    const code = await lastCode(t.ctx, '+33611223344');
    const wrong = await b.postJson('/api/account/contact/code', { flowId, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0]).toMatchObject({ field: 'code', code: 'CODE_WRONG' });
    const stranger = await signedIn();
    const notTheirs = await stranger.b.postJson('/api/account/contact/code', { flowId, code });
    expect(notTheirs.statusCode).toBe(410);
    const done = await b.postJson('/api/account/contact/code', { flowId, code });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ status: 'contact_changed', contact: { kind: 'sms', display: '06 •• •• •• 44' } });
    expect(await findAccountById(t.ctx.database.db, account.id)).toMatchObject({ contact_kind: 'sms', contact_value: '+33611223344' });
    expect((await messagesTo(t.ctx, account.contact_value)).at(-1)?.subject).not.toContain('code');
    const again = await b.postJson('/api/account/contact/code', { flowId, code });
    expect(again.json().error.code).toBe('FLOW_EXPIRED');
  });

  it('refuses a wrong current password, a malformed number and a missing choice at their fields', async () => {
    const { b } = await signedIn();
    let res = await b.postJson('/api/account/contact', {
      contactKind: 'email',
      email: 'nouvelle@example.fr',
      currentPassword: 'Mauvais2026',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'currentPassword', code: 'AUTH_CURRENT_PASSWORD_WRONG' })]);
    res = await b.postJson('/api/account/contact', { contactKind: 'sms', phone: '01 23 45 67 89', currentPassword: PASSWORD });
    expect(res.json().error.fields, res.body).toEqual([expect.objectContaining({ field: 'phone' })]);
    res = await b.postJson('/api/account/contact', { currentPassword: PASSWORD });
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'contactKind', code: 'CONTACT_KIND_REQUIRED' })]);
    res = await b.postJson('/api/account/contact/code', { flowId: 'inconnu', code: '123456' });
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('FLOW_EXPIRED');
  });
});
