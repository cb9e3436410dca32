import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { createTestAccount, logIn, PASSWORD } from '../../support/accounts';
import { lastCode } from '../../support/outbox';

describe('audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('records every security event with time, account, IP and user agent — and no secret', async () => {
    const account = await createTestAccount(t.ctx);
    const ua = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' };
    const b = new TestBrowser(t.app);
    await b.get('/connexion', ua);
    await b.post('/connexion', { identifier: account.login_id, password: 'PasLeBon2026' }, { headers: ua });
    await logIn(t.ctx, b, account, PASSWORD, ua);
    await b.get('/mon-espace/securite/mot-de-passe', ua);
    await b.post(
      '/mon-espace/securite/mot-de-passe',
      { currentPassword: PASSWORD, password: 'NouveauMdp2027', passwordConfirmation: 'NouveauMdp2027' },
      { headers: ua },
    );
    await b.get('/mon-espace/securite/contact', ua);
    await b.post(
      '/mon-espace/securite/contact',
      { kind: 'email', email: 'nouvelle@exemple.fr', currentPassword: 'NouveauMdp2027' },
      { headers: ua },
    );
    const code = await lastCode(t.ctx, 'nouvelle@exemple.fr');
    await b.get('/mon-espace/securite/contact/code', ua);
    await b.post('/mon-espace/securite/contact/code', { code }, { headers: ua });
    await b.get('/mon-espace', ua);
    await b.post('/deconnexion', {}, { headers: ua });

    const events = await t.ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('account_id', '=', account.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'login_failed',
      'code_sent',
      'login_succeeded',
      'password_changed',
      'code_sent',
      'contact_changed',
      'logout',
    ]);
    for (const e of events) {
      expect(e.at).toBe(t.clock.now());
      expect(e.ip).toBe('127.0.0.1');
      expect(e.user_agent).toBe(ua['user-agent']);
      for (const secret of [PASSWORD, 'PasLeBon2026', 'NouveauMdp2027', code, account.login_id, b.cookie('mc_csrf') ?? '-'])
        expect(e.details).not.toContain(secret);
    }
    expect(JSON.parse(events[0]!.details)).toEqual({ identifier: `${account.login_id.slice(0, 5)}**********`, reason: 'wrong_password' });
    expect(JSON.parse(events[2]!.details)).toEqual({ method: 'password' });
  });
});
