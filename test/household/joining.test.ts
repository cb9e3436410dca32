import { describe, expect, it } from 'vitest';
import { findAccountByNir } from '../../src/accounts/repository';
import type { AppContext } from '../../src/context';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { seedDemoData } from '../../src/demo/seed';
import { submitIdentity, type FranceConnectDeps } from '../../src/journeys/franceconnect/use-cases';
import { signupRefusal } from '../../src/journeys/franceconnect/replies';
import type { Signup } from '../../src/journeys/franceconnect/store';
import { findCitizen } from '../../src/franceconnect-standin';
import { UNDER_15_MESSAGE } from '../../src/household/errors';
import { addMember, createHousehold, findActor } from '../../src/household/repository';
import {
  confirmRegistration,
  startRegistration,
  submitContact,
  submitDocument,
  submitPassword,
  verifyCode,
} from '../../src/journeys/registration/use-cases';
import { submitCivilStatus } from '../../src/journeys/registration/civil-status';
import { TestBrowser } from '../support/app';
import { testDatabases, withTestContext } from '../support/databases';
import { franceConnectAs, useStandinApp } from '../support/franceconnect';
import { location, text } from '../support/http';
import { lastCode } from '../support/outbox';
import { REGISTRATION_PASSWORD as PASSWORD, saved } from '../support/registration';

const registrationCode = lastCode;

const P = DEMO_PEOPLE;
/** Lucas Garnier (born 2015-02-08) turns 15 on 2030-02-08: the day before and the day itself, at noon in Paris. */
const EVE_OF_15 = Date.UTC(2030, 1, 7, 11, 0, 0);
const DAY_OF_15 = Date.UTC(2030, 1, 8, 11, 0, 0);

const lucas = {
  nir: P.lucasGarnier.nir,
  civility: 'M',
  birthName: 'Garnier',
  givenNames: 'Lucas',
  birthDate: '2015-02-08',
  birthPlaceKind: 'france',
  communeCode: '31555',
};
const ines = {
  nir: P.inesPetit.nir,
  civility: 'MME',
  birthName: 'Petit',
  givenNames: 'Inès',
  birthDate: '2008-04-02',
  birthPlaceKind: 'france',
  communeCode: '35238',
};

/** « Créer Mon Compte » through its use cases, up to the account. */
async function register(ctx: AppContext, person: Record<string, string>, email: string) {
  const flow = await startRegistration(ctx, { origin: 'api' });
  await saved(submitCivilStatus(ctx, flow.token, person));
  await saved(submitDocument(ctx, flow.token, { documentKind: 'none' }));
  await saved(submitContact(ctx, flow.token, { contactKind: 'email', email }, { ip: '192.0.2.9' }));
  await saved(verifyCode(ctx, flow.token, { code: await registrationCode(ctx.database.db, email) }));
  await saved(submitPassword(ctx, flow.token, { password: PASSWORD, passwordConfirmation: PASSWORD }));
  await saved(confirmRegistration(ctx, flow.token));
  return findAccountByNir(ctx.database.db, person.nir!);
}

describe.each(testDatabases)('joining a dossier at « Créer Mon Compte » on $name', { timeout: 120_000 }, ({ open }) => {
  it('links a member over 15 known by the répertoire to their new account, silently', () =>
    withTestContext(open, async (ctx) => {
      await seedDemoData(ctx);
      const account = await register(ctx, ines, 'ines.petit@example.fr');
      expect((await findActor(ctx.database.db, account!.id)).membership).toEqual({
        role: 'enfant',
        birthDate: '2008-04-02',
        hasProcuration: false,
      });
      const messages = await ctx.database.db
        .selectFrom('outbox_messages')
        .select('text')
        .where('recipient', '=', 'ines.petit@example.fr')
        .execute();
      // Nothing sent on the way names the household or its members.
      for (const m of messages) expect(m.text).not.toMatch(/PETIT|Thomas|Nadia|2345678/i);
    }));

  it('refuses a child under 15 at the birth date, the day before their 15th birthday, and accepts them on the day', () =>
    withTestContext(open, async (ctx, clock) => {
      await seedDemoData(ctx);
      clock.advance(EVE_OF_15 - clock.now());
      const flow = await startRegistration(ctx, { origin: 'api' });
      expect(await submitCivilStatus(ctx, flow.token, lucas)).toMatchObject({
        kind: 'refused',
        refusal: { error: { status: 400, fields: [{ field: 'birthDate', code: 'HOUSEHOLD_UNDER_15', message: UNDER_15_MESSAGE }] } },
      });
      clock.advance(DAY_OF_15 - EVE_OF_15);
      const account = await register(ctx, lucas, 'lucas.garnier@example.fr');
      expect((await findActor(ctx.database.db, account!.id)).membership?.role).toBe('enfant');
    }));
});

describe('joining at the FranceConnect sign-up', () => {
  const fc = useStandinApp();
  const ANGELA = findCitizen('angela-dubois-paris')!;

  it('a certified identity under 15 is refused with a page that says why and what the parents can do', async () => {
    const d = { clock: { now: () => Date.UTC(2026, 10, 30, 12) } } as FranceConnectDeps;
    const signup = { id: 's', sub: 'x', step: 'identity', data: { identity: { birthdate: '2012-01-01' } } } as unknown as Signup;
    const r = await submitIdentity(d, signup, undefined);
    expect(r).toEqual({ kind: 'under_15' });
    // The page and its status, through the journey's one outcome → reply mapping.
    expect(r.kind === 'under_15' && signupRefusal(r).error).toMatchObject({ code: 'HOUSEHOLD_UNDER_15', status: 403 });
  });

  it('links the new account to the member the répertoire knows, and lands in the space of their role', async () => {
    const { ctx } = fc.t;
    const householdId = await createHousehold(ctx.database.db, '7777777', ctx.clock.now());
    await addMember(ctx.database.db, {
      household_id: householdId,
      account_id: null,
      nir: null,
      civility: 'M',
      birth_name: 'DUBOIS',
      given_names: 'Marc',
      birth_date: '1960-01-01',
      role: 'responsable',
      joined_at: ctx.clock.now(),
    });
    await addMember(ctx.database.db, {
      household_id: householdId,
      account_id: null,
      nir: ANGELA.nir!,
      civility: 'MME',
      birth_name: 'DUBOIS',
      given_names: 'Angela Claire Louise',
      birth_date: '1962-08-24',
      role: 'conjoint',
      joined_at: ctx.clock.now(),
    });
    const b = new TestBrowser(fc.t.app);
    const { callback } = await franceConnectAs(b, { citizenId: ANGELA.id });
    expect(location(callback)).toBe('/franceconnect/creation');
    // Before the identity is proven and the account made, nothing names the household.
    expect(text((await b.get('/franceconnect/creation')).body)).not.toMatch(/7777777|\bMarc\b/);
    expect(location(await b.post('/franceconnect/creation', {}))).toBe('/franceconnect/coordonnees');
    await b.get('/franceconnect/coordonnees');
    expect(location(await b.post('/franceconnect/coordonnees', { contactKind: 'email', email: 'angela.foyer@example.org' }))).toBe(
      '/franceconnect/code',
    );
    await b.get('/franceconnect/code');
    expect(location(await b.post('/franceconnect/code', { code: await lastCode(ctx.database.db, 'angela.foyer@example.org') }))).toBe(
      '/franceconnect/compte-cree',
    );
    const space = text((await b.get('/mon-espace')).body);
    expect(space).toContain('Dossier allocataire n° 7777777 — Conjointe, sans autorisation de gestion.');
    expect(space).toContain('Déclarer une séparation');
    expect(space).not.toContain('Déclarer un changement');
  });
});
