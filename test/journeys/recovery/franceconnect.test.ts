import { describe, expect, it } from 'vitest';
import { createAccount, findAccountById } from '../../../src/accounts/repository';
import { findCitizen } from '../../../src/franceconnect-standin';
import { PASSWORD, sampleAccount } from '../../support/accounts';
import { TestBrowser } from '../../support/app';
import { franceConnectAs, useStandinApp } from '../../support/franceconnect';
import { location } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';

/** Recovery through FranceConnect: an identity FranceConnect vouches for, matched as at sign-up, sets a new contact verified by a code. */
describe('recovery through FranceConnect', () => {
  const fc = useStandinApp();
  const HELENE = findCitizen('helene-lefevre-durand-accents')!;

  it('from « Vous avez déjà un compte », a new contact verified by a code; the old contact told; audited', async () => {
    const { t } = fc;
    const created = await createAccount(
      t.ctx.database.db,
      sampleAccount({
        login_id: HELENE.nir!,
        nir: HELENE.nir!,
        civility: 'MME',
        birth_name: 'LEFÈVRE-DURAND',
        given_names: 'Hélène Éloïse',
        birth_date: '1992-07-19',
        birth_place_code: '33063',
        birth_place_name: 'Bordeaux',
        contact_value: 'ancienne.helene@example.org',
        password_hash: await t.ctx.passwords.hash(PASSWORD),
      }),
      t.clock.now(),
    );
    if (!created.ok) throw new Error('fixture');
    const b = new TestBrowser(t.app);
    // Without a sign-up at that step: nothing starts.
    await b.get('/mot-de-passe-oublie/sans-contact');
    expect(location(await b.post('/franceconnect/recuperation', {}))).toBe('/mot-de-passe-oublie/sans-contact?expiree=1');

    expect(location((await franceConnectAs(b, { citizenId: HELENE.id })).callback)).toBe('/franceconnect/creation');
    await b.get('/franceconnect/creation');
    expect(location(await b.post('/franceconnect/creation', {}))).toBe('/franceconnect/compte-existant');
    const existing = await b.get('/franceconnect/compte-existant');
    expect(existing.body).toContain('action="/franceconnect/recuperation"');
    expect(location(await b.post('/franceconnect/recuperation', {}))).toBe('/recuperation/contact');
    await b.get('/recuperation/contact');
    expect(location(await b.post('/recuperation/contact', { kind: 'email', email: 'helene.nouvelle@example.org' }))).toBe(
      '/recuperation/contact/code',
    );
    await b.get('/recuperation/contact/code');
    const done = await b.post('/recuperation/contact/code', { code: await lastCode(t.ctx, 'helene.nouvelle@example.org') });
    expect(location(done)).toBe('/recuperation/termine');

    const after = (await findAccountById(t.ctx.database.db, created.account.id))!;
    expect(after.contact_value).toBe('helene.nouvelle@example.org');
    expect(after.password_hash).toBe(created.account.password_hash);
    const told = (await messagesTo(t.ctx, 'ancienne.helene@example.org')).at(-1)!;
    expect(told.text).toContain('avec FranceConnect');
    const audit = await t.ctx.database.db
      .selectFrom('audit_events')
      .select(['type', 'details'])
      .where('account_id', '=', created.account.id)
      .where('type', 'in', ['recovery_started', 'recovery_completed'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.type, JSON.parse(a.details).channel])).toEqual([
      ['recovery_started', 'franceconnect'],
      ['recovery_completed', 'franceconnect'],
    ]);
  });
});
