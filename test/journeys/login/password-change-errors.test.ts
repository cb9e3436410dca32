import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/demo/seed';
import { DEMO_PEOPLE } from '../../../src/demo/people';
import { findAccountById } from '../../../src/accounts/repository';
import { TestBrowser, type TestApp } from '../../support/app';
import { createTestAccount, logIn, PASSWORD } from '../../support/accounts';
import { submitRefused, text } from '../../support/http';
import { demoApp, signedIn } from '../../household/support';

/** The errors of « Modifier mon mot de passe » and of the password asked before giving the autorisation de gestion. */
describe('a password asked again: each empty field, the same password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 60_000);
  afterAll(() => t?.close());

  const errorsOf = (body: string) =>
    [...body.matchAll(/<p id="([\w-]+)-error" class="govuk-error-message">([\s\S]*?)<\/p>/g)].map((m) => `${m[1]}: ${text(m[2]!)}`);

  it('refuses the current password as the new one, and keeps it', async () => {
    const account = await createTestAccount(t.ctx);
    const me = new TestBrowser(t.app);
    await logIn(t.ctx, me, account);
    await me.get('/mon-espace/securite/mot-de-passe');
    const same = await submitRefused(me, '/mon-espace/securite/mot-de-passe', {
      currentPassword: PASSWORD,
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
    });
    expect(errorsOf(same.body)).toEqual(['password: Erreur : Le nouveau mot de passe doit être différent de l’actuel.']);
    expect((await findAccountById(t.ctx.database.db, account.id))?.password_hash).toBe(account.password_hash);
  });

  it('an empty form: an error at each empty field, and no failed attempt counted', async () => {
    const account = await createTestAccount(t.ctx);
    const me = new TestBrowser(t.app);
    await logIn(t.ctx, me, account);
    await me.get('/mon-espace/securite/mot-de-passe');
    const empty = await submitRefused(me, '/mon-espace/securite/mot-de-passe', {
      currentPassword: '',
      password: '',
      passwordConfirmation: '',
    });
    expect(errorsOf(empty.body)).toEqual([
      'currentPassword: Erreur : Saisissez votre mot de passe actuel.',
      'password: Erreur : Saisissez votre nouveau mot de passe.',
      'passwordConfirmation: Erreur : Confirmez votre nouveau mot de passe.',
    ]);
    expect(empty.body).not.toContain('Votre mot de passe actuel est incorrect.');
  });

  it('« Donner l’autorisation de gestion » with an empty password asks for it', async () => {
    const thomas = await signedIn(t, DEMO_PEOPLE.thomasPetit.nir);
    await thomas.get('/mon-espace/foyer/autorisation-de-gestion');
    const empty = await submitRefused(
      thomas,
      '/mon-espace/foyer/autorisation-de-gestion/donner',
      { currentPassword: '' },
      '/mon-espace/foyer/autorisation-de-gestion',
    );
    expect(text(empty.body)).toContain('Saisissez votre mot de passe actuel.');
    expect(text(empty.body)).not.toContain('Votre mot de passe actuel est incorrect.');
    const granted = await thomas.post('/mon-espace/foyer/autorisation-de-gestion/donner', { currentPassword: DEMO_PASSWORD });
    expect(granted.headers.location).toBe('/mon-espace/foyer/autorisation-de-gestion');
  });
});
