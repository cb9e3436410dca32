import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, ageOn, can, type Membership, mayHaveAccount, offered } from '../../src/household/permissions';

const TODAY = '2026-11-30';
const adult = '1985-04-02';
const member = (role: Membership['role'], o: Partial<Membership> = {}): Membership => ({
  role,
  birthDate: adult,
  hasProcuration: false,
  ...o,
});

/**
 * A 16-year-old and a personne à charge: their own data, individual prestations, and declaring a
 * separation (the seed allows it; the Caf checks it) — nothing of the household's management.
 */
const ONLY_OWN_AFFAIRS: Record<Action, boolean> = {
  consult_personal_data: true,
  modify_contact: true,
  declare_separation: true,
  request_individual_prestation: true,
  request_household_prestation: false,
  manage_dossier: false,
  view_household_demarches: false,
  view_household_payments: false,
  manage_procuration: false,
  issue_attestation: false,
};

/** Every role × action: true = allowed. A cell changed by mistake fails here. */
const TABLE: [string, Membership | undefined, Record<Action, boolean>][] = [
  [
    'responsable',
    member('responsable'),
    {
      consult_personal_data: true,
      modify_contact: true,
      declare_separation: true,
      request_individual_prestation: true,
      request_household_prestation: true,
      manage_dossier: true,
      view_household_demarches: true,
      view_household_payments: true,
      manage_procuration: true,
      issue_attestation: true,
    },
  ],
  [
    'conjoint avec procuration',
    member('conjoint', { hasProcuration: true }),
    {
      consult_personal_data: true,
      modify_contact: true,
      declare_separation: true,
      request_individual_prestation: true,
      request_household_prestation: true,
      manage_dossier: true,
      view_household_demarches: true,
      view_household_payments: true,
      manage_procuration: false,
      issue_attestation: true,
    },
  ],
  [
    'conjoint sans procuration',
    member('conjoint'),
    {
      consult_personal_data: true,
      modify_contact: true,
      declare_separation: true,
      request_individual_prestation: true,
      request_household_prestation: false,
      manage_dossier: false,
      view_household_demarches: false,
      view_household_payments: false,
      manage_procuration: false,
      issue_attestation: false,
    },
  ],
  ['enfant de 16 ans', member('enfant', { birthDate: '2010-01-15' }), ONLY_OWN_AFFAIRS],
  [
    'enfant de 12 ans',
    member('enfant', { birthDate: '2014-06-01' }),
    {
      consult_personal_data: false,
      modify_contact: false,
      declare_separation: false,
      request_individual_prestation: false,
      request_household_prestation: false,
      manage_dossier: false,
      view_household_demarches: false,
      view_household_payments: false,
      manage_procuration: false,
      issue_attestation: false,
    },
  ],
  ['personne à charge', member('personne_a_charge', { birthDate: '1940-03-03' }), ONLY_OWN_AFFAIRS],
  [
    'pas encore allocataire',
    undefined,
    {
      consult_personal_data: true,
      modify_contact: true,
      declare_separation: false,
      request_individual_prestation: true,
      request_household_prestation: true,
      manage_dossier: false,
      view_household_demarches: false,
      view_household_payments: false,
      manage_procuration: false,
      issue_attestation: false,
    },
  ],
];

describe('can(): every role × action', () => {
  for (const [name, membership, row] of TABLE) {
    for (const action of ACTIONS) {
      it(`${name} — ${action}: ${row[action] ? 'autorisé' : 'refusé'}`, () => {
        const d = can({ membership }, action, TODAY);
        expect(d.allowed).toBe(row[action]);
        if (!d.allowed) expect(d.who).toMatch(/peut/);
      });
    }
  }

  it('a procuration given to a child or a personne à charge grants nothing more', () => {
    expect(can({ membership: member('enfant', { birthDate: '2008-01-01', hasProcuration: true }) }, 'manage_dossier', TODAY).allowed).toBe(
      false,
    );
    expect(can({ membership: member('personne_a_charge', { hasProcuration: true }) }, 'request_household_prestation', TODAY).allowed).toBe(
      false,
    );
  });
});

describe('ages on the day', () => {
  it('counts full years; the birthday counts from its first day', () => {
    expect(ageOn('2011-11-30', '2026-11-29')).toBe(14);
    expect(ageOn('2011-11-30', '2026-11-30')).toBe(15);
    expect(ageOn('2011-12-01', '2026-11-30')).toBe(14);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('a child may have an account from their 15th birthday, not the day before', () => {
    const child = member('enfant', { birthDate: '2011-11-30' });
    expect(mayHaveAccount(child, '2026-11-29')).toBe(false);
    expect(mayHaveAccount(child, '2026-11-30')).toBe(true);
    expect(can({ membership: child }, 'modify_contact', '2026-11-29').allowed).toBe(false);
    expect(can({ membership: child }, 'modify_contact', '2026-11-30').allowed).toBe(true);
  });
});

describe('offered: what a menu shows', () => {
  it('is what can() allows, but the actions about the couple only in a dossier that counts one', () => {
    const responsable = member('responsable');
    for (const a of ACTIONS) {
      expect(offered({ membership: responsable, couple: true }, a, TODAY)).toBe(can({ membership: responsable }, a, TODAY).allowed);
    }
    expect(offered({ membership: responsable, couple: false }, 'manage_procuration', TODAY)).toBe(false);
    expect(offered({ membership: responsable, couple: false }, 'declare_separation', TODAY)).toBe(false);
    expect(offered({ membership: responsable, couple: false }, 'manage_dossier', TODAY)).toBe(true);
    expect(offered({ membership: member('personne_a_charge'), couple: false }, 'declare_separation', TODAY)).toBe(false);
    expect(offered({ membership: member('personne_a_charge'), couple: true }, 'declare_separation', TODAY)).toBe(true);
  });
});
