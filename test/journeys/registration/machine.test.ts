import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SAVED,
  STEPS,
  registrationMachine,
  type RegistrationEvent,
  afterSubmit,
  backStep,
  canOpen,
  guard,
  nextStep,
  stepNumber,
  type FlowState,
  type Step,
} from '../../../src/journeys/registration/machine';
import { identityStatus } from '../../../src/journeys/registration/data';
import { matchesRepertoire } from '../../../src/identity/repertoire';
import { readDate } from '../../../src/journeys/registration/civil-status';
import { passwordRulesMessage } from '../../../src/auth/password-rules';
import { repertoirePeople } from '../../../src/demo/people';
import { parseNir } from '../../../src/identity';

const NOW = Date.UTC(2026, 10, 26);
const states: FlowState[] = [...STEPS, 'completed'];
const arbState = fc.constantFrom(...states);
const arbStep = fc.constantFrom(...STEPS);

/** The furthest of the state and the step after `step`: where saving `step` leads. */
const furthest = (state: Step, step: Step): Step => {
  const next = nextStep(step);
  return STEPS.indexOf(next) > STEPS.indexOf(state) ? next : state;
};

describe('registration state machine', () => {
  it('takes a step’s event exactly where the guard opens it, and moves to the furthest step reached', () => {
    const saved = { civil_status: SAVED.civil_status, identity_document: SAVED.identity_document, password: SAVED.password } as const;
    for (const state of STEPS) {
      for (const [step, event] of Object.entries(saved) as [Step, RegistrationEvent][]) {
        expect(registrationMachine.can(state, event)).toBe(canOpen(state, step));
        if (canOpen(state, step)) expect(registrationMachine.next(state, event)).toBe(furthest(state, step));
      }
      if (canOpen(state, 'contact')) expect(registrationMachine.next(state, 'contact_saved')).toBe('code');
    }
    expect(registrationMachine.next('code', 'code_verified')).toBe(furthest('code', 'code'));
    expect(registrationMachine.next('review', 'confirmed')).toBe('completed');
    expect(registrationMachine.events('completed')).toEqual([]);
  });

  it('numbers the steps « Étape n sur 6 »', () => {
    expect(stepNumber('civil_status')).toEqual({ current: 1, total: 6, title: 'État civil' });
    expect(stepNumber('identity_document')).toEqual({ current: 2, total: 6, title: 'Titre d’identité' });
    expect(stepNumber('review')).toEqual({ current: 6, total: 6, title: 'Récapitulatif' });
  });

  it('opens the current step and the ones passed, never a later one', () => {
    expect(canOpen('contact', 'civil_status')).toBe(true);
    expect(canOpen('contact', 'contact')).toBe(true);
    expect(canOpen('contact', 'code')).toBe(false);
    expect(canOpen('completed', 'civil_status')).toBe(false);
  });

  it('guards: later step → current step; completed → confirmation; verified code → next', () => {
    const f = { contactVerified: false };
    expect(guard('civil_status', 'password', f)).toBe('civil_status');
    expect(guard('review', 'civil_status', f)).toBeNull();
    expect(guard('completed', 'review', f)).toBe('completed');
    expect(guard('password', 'code', { contactVerified: true })).toBe('password');
    expect(guard('review', 'code', { contactVerified: true })).toBe('review');
    expect(guard('code', 'code', { contactVerified: false })).toBeNull();
  });

  it('never lets the guard send a person forward past their state (property)', () => {
    fc.assert(
      fc.property(arbState, arbStep, fc.boolean(), (state, step, contactVerified) => {
        const to = guard(state, step, { contactVerified });
        if (to === null) return canOpen(state, step);
        if (state === 'completed') return to === 'completed';
        return to !== 'completed' && STEPS.indexOf(to) <= STEPS.indexOf(state);
      }),
    );
  });

  it('advances to the next step, and never backwards (property)', () => {
    expect(registrationMachine.next('civil_status', SAVED.civil_status)).toBe('identity_document');
    expect(registrationMachine.next('review', SAVED.civil_status)).toBe('review');
    const saved = [SAVED.civil_status, SAVED.identity_document, SAVED.password] as const;
    fc.assert(
      fc.property(arbStep, fc.constantFrom(...saved), (state, event) => {
        fc.pre(registrationMachine.can(state, event));
        const next = registrationMachine.next(state, event) as Step;
        return STEPS.indexOf(next) >= STEPS.indexOf(state);
      }),
    );
  });

  it('sends the flow back to the code step when the contact changes after verification', () => {
    expect(registrationMachine.next('review', 'contact_saved')).toBe('code');
    expect(registrationMachine.next('password', 'contact_saved')).toBe('code');
    expect(registrationMachine.next('contact', 'contact_saved')).toBe('code');
    expect(registrationMachine.next('code', 'contact_saved')).toBe('code');
  });

  it('returns to the recap after an edit made from it', () => {
    expect(afterSubmit('review', 'civil_status')).toBe('review');
    expect(afterSubmit('password', 'civil_status')).toBe('identity_document');
    expect(afterSubmit('completed', 'review')).toBe('completed');
  });

  it('skips the code step on « Retour » once the contact is verified', () => {
    expect(backStep('password', { contactVerified: true })).toBe('contact');
    expect(backStep('password', { contactVerified: false })).toBe('code');
    expect(backStep('civil_status', { contactVerified: false })).toBeUndefined();
  });
});

describe('registration rules', () => {
  it('reads birth dates from parts or ISO, refusing impossible and future dates', () => {
    expect(readDate({ day: '5', month: '6', year: '1985' }, NOW)).toEqual({ ok: true, value: '1985-06-05' });
    expect(readDate('1985-06-05', NOW)).toEqual({ ok: true, value: '1985-06-05' });
    expect(readDate({ day: '', month: '', year: '' }, NOW)).toEqual({ ok: false, code: 'BIRTH_DATE_REQUIRED' });
    expect(readDate({ day: '29', month: '2', year: '2001' }, NOW)).toEqual({ ok: false, code: 'BIRTH_DATE_INVALID' });
    expect(readDate({ day: '1', month: '1', year: '2030' }, NOW)).toEqual({ ok: false, code: 'BIRTH_DATE_OUT_OF_RANGE' });
    expect(readDate({ day: '1', month: '1', year: '1850' }, NOW)).toEqual({ ok: false, code: 'BIRTH_DATE_OUT_OF_RANGE' });
  });

  it('accepts every real date between 1900 and now (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(NOW), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-');
        const r = readDate({ day: String(Number(day)), month: String(Number(m)), year: y }, NOW);
        return r.ok && r.value === iso;
      }),
    );
  });

  it('says which password rules are broken, in French', () => {
    expect(passwordRulesMessage(['digit'])).toBe('Le mot de passe doit comporter au moins 1 chiffre.');
    expect(passwordRulesMessage(['length', 'upper'])).toBe(
      'Le mot de passe doit comporter entre 10 et 64 caractères et au moins 1 lettre majuscule.',
    );
  });

  it('matches the répertoire on sex, birth name, first given name and birth date — accents and case aside', () => {
    const p = {
      nir: '292073306315042',
      sex: 'F' as const,
      birthName: 'LEFÈVRE-DURAND',
      givenNames: 'Hélène Éloïse',
      birthDate: '1992-07-19',
    };
    expect(matchesRepertoire(p, { sex: 'F', birthName: 'Lefevre Durand', givenNames: 'helene', birthDate: '1992-07-19' })).toBe(true);
    expect(matchesRepertoire(p, { sex: 'M', birthName: 'Lefevre Durand', givenNames: 'Hélène', birthDate: '1992-07-19' })).toBe(false);
    expect(matchesRepertoire(p, { sex: 'F', birthName: 'Durand', givenNames: 'Hélène', birthDate: '1992-07-19' })).toBe(false);
    expect(matchesRepertoire(p, { sex: 'F', birthName: 'Lefèvre-Durand', givenNames: 'Éloïse', birthDate: '1992-07-19' })).toBe(false);
    expect(matchesRepertoire(p, { sex: 'F', birthName: 'Lefèvre-Durand', givenNames: 'Hélène', birthDate: '1992-07-20' })).toBe(false);
    const unknownMonth = { ...p, birthDate: '1975-00-00' };
    expect(matchesRepertoire(unknownMonth, { sex: 'F', birthName: 'Lefèvre-Durand', givenNames: 'Hélène', birthDate: '1975-03-12' })).toBe(
      true,
    );
  });

  it('holds répertoire people whose NIR is valid', () => {
    for (const p of repertoirePeople) expect(parseNir(p.nir).ok, p.nir).toBe(true);
  });

  it('confirms the identity only with a checked document and a NIR the répertoire knows (or no NIR)', () => {
    const cs = (repertoire: 'known' | 'unknown' | 'no_nir') => ({
      nir: null,
      civility: 'M' as const,
      birthName: 'X',
      givenNames: 'Y',
      birthDate: '1990-01-01',
      birthPlace: { kind: 'country' as const, code: '99416', name: 'BRESIL' },
      repertoire,
    });
    const doc = { kind: 'cni' as const, number: 'X4RTBPFW4', status: 'valid' as const };
    expect(identityStatus({ origin: 'api', civilStatus: cs('known'), document: doc })).toBe('confirmed');
    expect(identityStatus({ origin: 'api', civilStatus: cs('no_nir'), document: doc })).toBe('confirmed');
    expect(identityStatus({ origin: 'api', civilStatus: cs('unknown'), document: doc })).toBe('to_confirm');
    expect(identityStatus({ origin: 'api', civilStatus: cs('known'), document: { kind: 'none', number: null, status: 'none' } })).toBe(
      'to_confirm',
    );
  });
});
