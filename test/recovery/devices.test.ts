import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTypes, createTestAccount, logIn } from '../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { location, text } from '../support/http';
import { messagesTo } from '../support/outbox';

/** « Mes appareils » and the notice of a login from a new device. */
describe('devices', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());
  const notices = async (to: string) =>
    (await messagesTo(t.ctx, to)).filter((m) => m.subject === 'Nouvelle connexion à votre compte depuis un nouvel appareil');
  const FIREFOX = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0' };

  it('a login from a new device is told to the verified contact; the first login and a known device are not', async () => {
    const account = await createTestAccount(t.ctx);
    const home = new TestBrowser(t.app);
    await logIn(t.ctx, home, account);
    expect(await notices(account.contact_value)).toEqual([]);
    await home.post('/deconnexion', {});
    await logIn(t.ctx, home, account);
    expect(await notices(account.contact_value)).toEqual([]);

    const other = new TestBrowser(t.app);
    await logIn(t.ctx, other, account, undefined, FIREFOX);
    const [notice] = await notices(account.contact_value);
    expect(notice!.text).toContain('Firefox sous Windows');
    expect(await auditTypes(t.ctx, account.id)).toContain('new_device_login');
  });

  it('« Mes appareils » lists the devices, coarse (no address), and ends one or all the others', async () => {
    const account = await createTestAccount(t.ctx);
    const mine = new TestBrowser(t.app);
    await logIn(t.ctx, mine, account);
    const other = new TestBrowser(t.app);
    await logIn(t.ctx, other, account, undefined, FIREFOX);
    const page = await mine.get('/mon-espace/securite');
    const body = text(page.body);
    expect(body).toContain('Mes appareils');
    expect(body).toContain('Firefox sous Windows');
    expect(page.body).not.toContain('127.0.0.1');
    const ended = await mine.post('/mon-espace/securite/sessions/autres/fin', {});
    expect(location(ended)).toBe('/mon-espace/securite');
    expect(location(await other.get('/mon-espace'))).toMatch(/^\/connexion/);
    expect((await mine.get('/mon-espace')).statusCode).toBe(200);
  });
});
