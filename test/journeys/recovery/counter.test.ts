import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountById } from '../../../src/accounts/repository';
import type { Agent } from '../../../src/db/tables/agents.table';
import { bankChangeFrozenUntil } from '../../../src/household/bank';
import { createTestAgent, logInAgent } from '../gestion/helpers';
import { logIn } from '../../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { location, submitRefused } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';
import { responsableWithDossier } from '../../recovery/support';

/** Recovery at the counter, end to end: the agent's console, then the person's pages. */
describe('recovery at the counter', () => {
  let t: TestApp;
  let agent: Agent;
  beforeAll(async () => {
    t = await buildTestApp();
    agent = await createTestAgent(t.ctx, undefined, ['assistance']);
  });
  afterAll(() => t.close());

  it('the agent sends a code to the new contact; the person finishes with it and a new password; the old contact is told; bank changes frozen', async () => {
    const { account } = await responsableWithDossier(t.ctx);
    const elsewhere = new TestBrowser(t.app);
    await logIn(t.ctx, elsewhere, account);

    const g = new TestBrowser(t.app);
    await logInAgent(t.ctx, g, agent, undefined, '/gestion/comptes');
    await g.get('/gestion/comptes');
    await g.post(`/gestion/comptes/${account.id}/consulter`, { motif: 'Accueil, téléphone perdu' });
    await g.get(`/gestion/comptes/${account.id}/recuperation`);
    const started = await g.post(`/gestion/comptes/${account.id}/recuperation`, {
      piece: 'cni',
      verifiee: 'oui',
      kind: 'sms',
      phone: '07 81 22 33 44',
    });
    expect(location(started)).toBe(`/gestion/comptes/${account.id}`);
    const code = await lastCode(t.ctx, '+33781223344');

    const p = new TestBrowser(t.app);
    await p.get('/recuperation/guichet');
    // Another identifier with this code: refused.
    const refused = await submitRefused(p, '/recuperation/guichet', { identifier: '299999999999999', code });
    expect(refused.body).not.toContain(code);
    const proven = await p.post('/recuperation/guichet', { identifier: account.login_id, code });
    expect(location(proven)).toBe('/recuperation/mot-de-passe');
    await p.get('/recuperation/mot-de-passe');
    const done = await p.post('/recuperation/mot-de-passe', { password: 'GuichetSecret2027', passwordConfirmation: 'GuichetSecret2027' });
    expect(location(done)).toBe('/recuperation/termine');

    const after = (await findAccountById(t.ctx.database.db, account.id))!;
    expect([after.contact_kind, after.contact_value]).toEqual(['sms', '+33781223344']);
    const told = (await messagesTo(t.ctx, account.contact_value)).at(-1)!;
    expect(told.subject).toBe('L’accès à votre compte Mon Compte a été rétabli');
    expect(told.text).toContain('à l’accueil de votre Caf');
    expect(location(await elsewhere.get('/mon-espace'))).toMatch(/^\/connexion/);
    const now = t.ctx.clock.now();
    expect(await bankChangeFrozenUntil(t.ctx.database.db, [account.id], t.ctx.config.accountSafety.recoveryBankFreezeDays, now)).toBe(
      now + t.ctx.config.accountSafety.recoveryBankFreezeDays * 86_400_000,
    );
    // The console no longer shows it pending, and the code cannot serve twice.
    const page = await g.get(`/gestion/comptes/${account.id}`);
    expect(page.body).not.toContain('Guichet');
    await p.get('/recuperation/guichet');
    await submitRefused(p, '/recuperation/guichet', { identifier: account.login_id, code });
  });
});
