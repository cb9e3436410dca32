import { describe, expect, it } from 'vitest';
import { findAccountById } from '../../../src/accounts/repository';
import { RECENT_FRANCECONNECT_MS, reauthenticationMode } from '../../../src/accounts/reauthentication';
import { TestBrowser } from '../../support/app';
import { auditTypes, logIn } from '../../support/accounts';
import { createLinkedAccount, franceConnectAs, useStandinApp } from '../../support/franceconnect';
import { location, submitRefused } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';

/**
 * An account created with FranceConnect has no password. Changing a credential then asks, instead
 * of the current password, for a FranceConnect login of the last 15 minutes.
 */
describe('re-authentication of an account without a password', () => {
  const session = (authMethod: 'password' | 'franceconnect', age: number) => ({
    createdAt: 1_000_000,
    data: { authMethod },
    now: 1_000_000 + age,
  });

  it('asks for the password when there is one, else for a recent FranceConnect login', () => {
    const s = session('franceconnect', 60_000);
    expect(reauthenticationMode({ password_hash: '$argon2id$…' }, s, s.now)).toBe('password');
    expect(reauthenticationMode({ password_hash: null }, s, s.now)).toBe('franceconnect_recent');
    const edge = session('franceconnect', RECENT_FRANCECONNECT_MS);
    expect(reauthenticationMode({ password_hash: null }, edge, edge.now)).toBe('franceconnect_recent');
    const old = session('franceconnect', RECENT_FRANCECONNECT_MS + 1);
    expect(reauthenticationMode({ password_hash: null }, old, old.now)).toBe('franceconnect_again');
    const byPassword = session('password', 0);
    expect(reauthenticationMode({ password_hash: null }, byPassword, byPassword.now)).toBe('franceconnect_again');
  });
});

describe('« Sécurité du compte » for an account created with FranceConnect', () => {
  const fc = useStandinApp();

  async function franceConnectOnlyAccount(citizenId: string, email: string) {
    const account = await createLinkedAccount(fc.t.ctx, citizenId, { contact_value: email, password_hash: null });
    const b = new TestBrowser(fc.t.app);
    expect(location((await franceConnectAs(b, { citizenId })).callback)).toBe('/mon-espace');
    return { account, b };
  }

  it('creates a first password without asking for one, right after a FranceConnect login; then the password logs in', async () => {
    const { account, b } = await franceConnectOnlyAccount('angela-dubois-paris', 'angela.reauth@example.fr');
    const overview = await b.get('/mon-espace/securite');
    expect(overview.body).toContain('Aucun\u00a0: vous vous connectez avec FranceConnect');
    expect(overview.body).toMatch(/href="\/mon-espace\/securite\/mot-de-passe">Créer<span class="govuk-visually-hidden"> un mot de passe/);

    const form = await b.get('/mon-espace/securite/mot-de-passe');
    expect(form.body).toContain('<h1 class="govuk-heading-l">Créer mon mot de passe</h1>');
    expect(form.body).not.toContain('name="currentPassword"');
    expect(form.body).toContain('aucune autre vérification n’est demandée');

    await submitRefused(b, '/mon-espace/securite/mot-de-passe', {
      password: 'Premier2026Mdp',
      passwordConfirmation: 'Autre2026Mdp',
    });
    const done = await b.post('/mon-espace/securite/mot-de-passe', { password: 'Premier2026Mdp', passwordConfirmation: 'Premier2026Mdp' });
    expect(location(done)).toBe('/mon-espace/securite');
    expect((await b.get('/mon-espace/securite')).body).toContain('Votre mot de passe a été créé.');
    expect((await findAccountById(fc.t.ctx.database.db, account.id))!.password_hash).toMatch(/^\$argon2id\$/);
    expect((await messagesTo(fc.t.ctx, 'angela.reauth@example.fr')).map((m) => m.subject)).toContain('Votre mot de passe a été créé');
    expect(await auditTypes(fc.t.ctx, account.id)).toContain('password_changed');

    const fresh = await findAccountById(fc.t.ctx.database.db, account.id);
    const other = new TestBrowser(fc.t.app);
    expect(location(await logIn(fc.t.ctx, other, fresh!, 'Premier2026Mdp'))).toBe('/mon-espace');
  });

  it('asks for a new FranceConnect login when the last one is older than 15 minutes, and changes nothing', async () => {
    const { account, b } = await franceConnectOnlyAccount('marie-ange-santoni-ajaccio-1981', 'jean.reauth@example.fr');
    fc.t.clock.advance(RECENT_FRANCECONNECT_MS + 60_000);
    const contact = await b.get('/mon-espace/securite/contact');
    expect(contact.statusCode).toBe(200);
    expect(contact.body).toContain('connectez-vous de nouveau avec FranceConnect');
    expect(contact.body).toContain('action="/franceconnect/connexion"');
    expect(contact.body).not.toContain('action="/mon-espace/securite/contact"');

    const refused = await b.post('/mon-espace/securite/contact', { kind: 'email', email: 'pirate@example.fr', currentPassword: '' });
    expect(refused.statusCode).toBe(403);
    expect(await messagesTo(fc.t.ctx, 'pirate@example.fr')).toEqual([]);
    const noPassword = await b.post('/mon-espace/securite/mot-de-passe', {
      password: 'Premier2026Mdp',
      passwordConfirmation: 'Premier2026Mdp',
    });
    expect(noPassword.statusCode).toBe(403);
    expect((await findAccountById(fc.t.ctx.database.db, account.id))!.password_hash).toBeNull();

    // A new FranceConnect login makes it recent again: the contact change goes ahead (code to the new address).
    expect(location((await franceConnectAs(b, { citizenId: 'marie-ange-santoni-ajaccio-1981' })).callback)).toBe('/mon-espace');
    await b.get('/mon-espace/securite/contact');
    const started = await b.post('/mon-espace/securite/contact', { kind: 'email', email: 'jean.nouveau@example.fr' });
    expect(location(started)).toBe('/mon-espace/securite/contact/code');
    expect(await lastCode(fc.t.ctx, 'jean.nouveau@example.fr')).toMatch(/^\d{6}$/);
  });
});
