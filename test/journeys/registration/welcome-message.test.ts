import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProvisionalId } from '../../../src/identity';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { messagesTo } from '../../support/outbox';
import { ANA, freshMarie, walkTo } from '../../support/registration';

/**
 * The message sent at the end of « Créer Mon Compte »: true in every case. An identifiant provisoire
 * is always a new account; with a NIR, the same words whether an account was created or already
 * existed (no enumeration), never « it did not work, so an account existed » (a mistyped password
 * does not work either).
 */
describe('the welcome message of a new account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.ctx.database.db;
  const welcome = async (to: string) => (await messagesTo(db(), to)).at(-1)!;
  const phone = (p: string) => `+33${p.replace(/\s/g, '').slice(1)}`;

  it('without a NIR, by SMS: the account is created, the identifiant provisoire to keep, no word of an earlier account', async () => {
    await walkTo(new TestBrowser(t.app), db(), 'completed', {
      person: ANA,
      document: { documentKind: 'titre-sejour', 'documentNumber-titre-sejour': '1234567890' },
      contact: { contactKind: 'sms', phone: '06 12 34 56 80' },
    });
    const account = await db()
      .selectFrom('accounts')
      .selectAll()
      .where('contact_value', '=', phone('06 12 34 56 80'))
      .executeTakeFirstOrThrow();
    const sms = await welcome(account.contact_value);
    expect(sms.channel).toBe('sms');
    expect(sms.text).toContain('votre compte est créé');
    expect(sms.text).toContain(`Votre identifiant provisoire : ${formatProvisionalId(account.login_id)}`);
    expect(sms.text).toContain('Mot de passe oublié ?');
    expect(sms.text).not.toMatch(/existait|ne fonctionne pas/);
  });

  it('without a NIR, by mail: the same, in full sentences', async () => {
    const { to } = await walkTo(new TestBrowser(t.app), db(), 'completed', {
      person: { ...ANA, givenNames: 'Ana Lúcia' },
      document: { documentKind: 'titre-sejour', 'documentNumber-titre-sejour': '1234567891' },
    });
    const account = await db().selectFrom('accounts').selectAll().where('contact_value', '=', to).executeTakeFirstOrThrow();
    const mail = await welcome(to);
    expect(mail.text).toContain('Votre compte Mon Compte est créé.');
    expect(mail.text).toContain(formatProvisionalId(account.login_id));
    expect(mail.text).not.toMatch(/existait|ne fonctionnera pas/);
  });

  it('with a NIR, by SMS: what to do if an account already existed, without calling a failed password proof of it', async () => {
    await walkTo(new TestBrowser(t.app), db(), 'completed', {
      person: freshMarie(),
      contact: { contactKind: 'sms', phone: '06 12 34 56 81' },
    });
    const sms = await welcome(phone('06 12 34 56 81'));
    expect(sms.text).toContain('votre demande de création de compte est enregistrée');
    expect(sms.text).toContain("Si un compte existait déjà avec ce numéro, aucun second compte n'a été créé");
    expect(sms.text).not.toContain('S’il ne fonctionne pas');
    expect(sms.text).not.toContain("S'il ne fonctionne pas");
  });
});
