import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByNir } from '../../../src/accounts/repository';
import { buildTestApp, type TestApp } from '../../support/app';
import { postJson } from '../../support/http';
import { lastCode } from '../../support/outbox';
import { freshMarie, REGISTRATION_PASSWORD } from '../../support/registration';

describe('Créer Mon Compte — JSON API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown = {}) => postJson(t.app, url, payload);
  const civil = (p: Record<string, string>) => ({
    nir: p.nir,
    civility: p.civility,
    birthName: p.birthName,
    givenNames: p.givenNames,
    birthDate: `${p['birthDate-year']}-${p['birthDate-month']!.padStart(2, '0')}-${p['birthDate-day']!.padStart(2, '0')}`,
    birthPlaceKind: 'france',
    communeCode: p.communeCode,
  });

  it('walks the whole journey in JSON, showing only a safe subset', async () => {
    const person = freshMarie();
    const created = await post('/api/registration/flows', { prestation: 'rsa' });
    expect(created.statusCode).toBe(201);
    const flow = created.json();
    expect(flow).toMatchObject({ state: 'civil_status', data: { prestation: 'rsa', civilStatus: null } });
    expect(new Date(flow.expiresAt).getTime()).toBe(t.clock.now() + 60 * 60_000);
    const base = `/api/registration/flows/${flow.id}`;

    let res = await post(`${base}/civil-status`, civil(person));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      state: 'identity_document',
      next: 'identity_document',
      data: { civilStatus: { hasNir: true, birthName: 'DUPONT', birthPlace: { kind: 'commune', code: '75114' } } },
    });
    expect(res.body).not.toContain(person.nir!);
    res = await post(`${base}/identity-document`, { documentKind: 'cni', documentNumber: '880692310285' });
    expect(res.json()).toMatchObject({ state: 'contact', data: { document: { kind: 'cni', checked: true } } });
    res = await post(`${base}/contact`, { contactKind: 'sms', phone: '07 80 11 22 33' });
    expect(res.json()).toMatchObject({ state: 'code', data: { contact: { kind: 'sms', value: '07 80 11 22 33', verified: false } } });
    res = await post(`${base}/code`, { code: await lastCode(t.ctx.database.db, '+33780112233') });
    expect(res.json()).toMatchObject({ state: 'password', data: { contact: { verified: true } } });
    res = await post(`${base}/password`, { password: REGISTRATION_PASSWORD, passwordConfirmation: REGISTRATION_PASSWORD });
    expect(res.json()).toMatchObject({ state: 'review', data: { passwordChosen: true, identityStatus: 'to_confirm' } });
    expect(res.body).not.toContain('argon2');
    res = await post(`${base}/confirm`);
    expect(res.json()).toMatchObject({ state: 'completed', next: 'completed', data: { result: { provisionalId: null } } });
    expect(await findAccountByNir(t.ctx.database.db, person.nir!)).toMatchObject({ contact_kind: 'sms', contact_value: '+33780112233' });
    const again = await t.app.inject({ url: base });
    expect(again.json().state).toBe('completed');
  });

  it('answers errors from the catalogue: fields (400), guard (409), unknown (404), expired (410)', async () => {
    const { id } = (await post('/api/registration/flows')).json();
    const base = `/api/registration/flows/${id}`;
    let res = await post(`${base}/civil-status`, { nir: '1234', civility: 'X' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['nir', 'civility', 'birthName', 'givenNames', 'birthDate', 'birthPlaceKind']),
    );
    expect(body.error.fields.find((f: { field: string }) => f.field === 'civility').message).toBe('Indiquez votre civilité.');

    res = await post(`${base}/password`, { password: REGISTRATION_PASSWORD, passwordConfirmation: REGISTRATION_PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('REGISTRATION_STEP_NOT_REACHABLE');

    res = await post('/api/registration/flows/inconnu/civil-status', {});
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('FLOW_NOT_FOUND');

    t.clock.advance(61 * 60_000);
    res = await t.app.inject({ url: base });
    expect(res.statusCode).toBe(410);
    expect(res.json().error.message).toContain('Votre session de création de compte a expiré');
  });

  it('refuses an early resend and wrong codes like the pages', async () => {
    const person = freshMarie();
    const { id } = (await post('/api/registration/flows')).json();
    const base = `/api/registration/flows/${id}`;
    await post(`${base}/civil-status`, civil(person));
    await post(`${base}/identity-document`, { documentKind: 'none' });
    await post(`${base}/contact`, { contactKind: 'email', email: 'api.code@example.fr' });
    let res = await post(`${base}/code/resend`);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('CODE_RESEND_TOO_EARLY');
    const good = await lastCode(t.ctx.database.db, 'api.code@example.fr');
    res = await post(`${base}/code`, { code: good === '999999' ? '111111' : '999999' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({
      field: 'code',
      code: 'CODE_WRONG',
      message: 'Le code de vérification n’est pas le bon. Il vous reste 4 essais.',
    });
  });

  it('does not reveal an existing NIR through the API either', async () => {
    const person = freshMarie();
    const run = async (email: string) => {
      const { id } = (await post('/api/registration/flows')).json();
      const base = `/api/registration/flows/${id}`;
      await post(`${base}/civil-status`, civil(person));
      await post(`${base}/identity-document`, { documentKind: 'none' });
      await post(`${base}/contact`, { contactKind: 'email', email });
      await post(`${base}/code`, { code: await lastCode(t.ctx.database.db, email) });
      await post(`${base}/password`, { password: REGISTRATION_PASSWORD, passwordConfirmation: REGISTRATION_PASSWORD });
      const res = await post(`${base}/confirm`);
      const { id: _id, expiresAt: _e, ...rest } = res.json();
      return { status: res.statusCode, rest: { ...rest, data: { ...rest.data, contact: null } } };
    };
    const a = await run('api.first@example.fr');
    const b = await run('api.second@example.fr');
    expect(b).toEqual(a);
    expect(await t.ctx.database.db.selectFrom('accounts').select('id').where('nir', '=', person.nir!).execute()).toHaveLength(1);
  });

  it('takes only JSON (CSRF)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/registration/flows',
      payload: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(403);
  });
});
