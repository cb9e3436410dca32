import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/demo/seed';
import { DEMO_PEOPLE } from '../../../src/demo/people';
import { householdApiRoutes } from '../../../src/journeys/household/api';
import type { TestApp } from '../../support/app';
import { lastCode } from '../../support/outbox';
import { api, demoApp, signedIn } from '../../household/support';

const P = DEMO_PEOPLE;

describe('the household’s JSON routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('each route is declared once, with the action can() is asked and, for a POST, the zod schema of its body', () => {
    const seen = new Set<string>();
    for (const r of householdApiRoutes) {
      expect(seen.has(`${r.method} ${r.url}`)).toBe(false);
      seen.add(`${r.method} ${r.url}`);
      expect(r.url.startsWith('/api/household/')).toBe(true);
      if (r.method === 'POST') expect(r.body).toBeDefined();
      expect(r.summary.length).toBeGreaterThan(10);
    }
  });

  it('me, activity, dossier: what the person may see', async () => {
    const lea = await signedIn(t, P.leaMoreau.nir);
    const me = (await api(lea, 'GET', '/api/household/me')).json();
    expect(me.household).toEqual({ dossierNumber: '1234567', role: 'conjoint', hasProcuration: true });
    expect(me.rights).toMatchObject({ manage_dossier: true, manage_procuration: false });
    const dossier = (await api(lea, 'GET', '/api/household/dossier')).json();
    expect(dossier.members.map((m: { name: string; role: string; hasAccount: boolean }) => [m.name, m.role, m.hasAccount])).toEqual([
      ['Julien MOREAU', 'responsable', true],
      ['Léa MOREAU', 'conjoint', true],
      ['Hugo MOREAU', 'enfant', true],
      ['Jade MOREAU', 'enfant', false],
    ]);
    expect(dossier.bankAccount).toEqual({ iban: 'FR76 •••• •••• 0189', holder: 'M. ou Mme MOREAU Julien' });
  });

  it('procuration: refusals as fields, then grant and revoke, read back', async () => {
    const thomas = await signedIn(t, P.thomasPetit.nir);
    const wrong = await api(thomas, 'POST', '/api/household/procuration/grant', { currentPassword: 'Faux2026Faux' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'AUTH_CURRENT_PASSWORD_WRONG', fields: [{ field: 'currentPassword' }] });
    expect((await api(thomas, 'POST', '/api/household/procuration/grant', { currentPassword: DEMO_PASSWORD })).json()).toEqual({
      hasProcuration: true,
    });
    expect((await api(thomas, 'GET', '/api/household/procuration')).json().conjoint).toMatchObject({
      name: 'Nadia PETIT',
      hasAccount: true,
      hasProcuration: true,
    });
    expect((await api(thomas, 'POST', '/api/household/procuration/revoke', {})).json()).toEqual({ hasProcuration: false });
    const again = await api(thomas, 'POST', '/api/household/procuration/revoke', {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('HOUSEHOLD_PROCURATION_NONE');
    const activity = (await api(thomas, 'GET', '/api/household/activity')).json();
    expect(activity.items.map((i: { type: string }) => i.type)).toEqual(['procuration_revoked', 'procuration_granted']);
  });

  it('changes and separation: 400 with the fields, then 201', async () => {
    const marc = await signedIn(t, P.marcLeroy.nir);
    const bad = await api(marc, 'POST', '/api/household/changes/bank-account/code', { iban: 'GB00 1234', holder: 'x'.repeat(71) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['holder']);
    const iban = { iban: 'GB29 NWBK 6016 1331 9268 19', holder: 'LEROY Marc' };
    // The change itself asks for the password and the code sent to the verified contact.
    const bare = await api(marc, 'POST', '/api/household/changes/bank-account', iban);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['code']);
    const sent = await api(marc, 'POST', '/api/household/changes/bank-account/code', iban);
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ codeSent: true, destination: 'par mail à l’adresse …@example.fr' });
    const code = await lastCode(t.ctx, 'marc.leroy@example.fr');
    const wrong = await api(marc, 'POST', '/api/household/changes/bank-account', { ...iban, currentPassword: 'Mauvais2026', code });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'AUTH_CURRENT_PASSWORD_WRONG', fields: [{ field: 'currentPassword' }] });
    const done = await api(marc, 'POST', '/api/household/changes/bank-account', { ...iban, currentPassword: DEMO_PASSWORD, code });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toEqual({
      bankAccount: { iban: 'GB29 •••• •••• 6819', holder: 'LEROY Marc' },
      payableFrom: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      message: expect.stringContaining('Le nouveau compte recevra les paiements à partir du'),
    });
    const again = await api(marc, 'POST', '/api/household/changes/bank-account', { ...iban, currentPassword: DEMO_PASSWORD, code });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('CODE_EXPIRED');
    expect(
      (
        await api(marc, 'POST', '/api/household/changes/address', {
          line1: '1 rue A',
          postalCode: '44000',
          city: 'Nantes',
          since: '2026-11-02',
        })
      ).json(),
    ).toEqual({
      address: { line1: '1 rue A', line2: null, postalCode: '44000', city: 'NANTES', since: '2026-11-02' },
    });
    const single = await api(marc, 'POST', '/api/household/separation', { date: '2026-11-02', leaver: 'partner', children: 'none' });
    expect(single.statusCode).toBe(409);
    expect(single.json().error.code).toBe('HOUSEHOLD_NO_CONJOINT');

    const nadia = await signedIn(t, P.nadiaPetit.nir);
    const sep = await api(nadia, 'POST', '/api/household/separation', { date: '2026-11-02', leaver: 'partner', children: 'declarer' });
    expect(sep.statusCode).toBe(201);
    expect(sep.json()).toMatchObject({ title: 'Séparation déclarée', demarcheId: expect.any(String) });
    expect((await api(nadia, 'GET', '/api/household/me')).json().household).toBeNull();
  });
});
