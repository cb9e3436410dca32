import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WrongStateError } from '../../src/flows/machine';
import {
  DEMARCHE_EVENTS,
  DEMARCHE_STATUSES,
  EVENT_ACTOR,
  demarcheMachine,
  type DemarcheEvent,
  type DemarcheStatus,
} from '../../src/demarches/machine';

/** Every allowed transition; every other (status, event) pair must be refused. */
const ALLOWED: [DemarcheStatus, DemarcheEvent, DemarcheStatus][] = [
  ['brouillon', 'submit', 'envoyee'],
  ['envoyee', 'start_instruction', 'en_instruction'],
  ['envoyee', 'close', 'classee_sans_suite'],
  ['en_instruction', 'request_documents', 'en_attente_de_pieces'],
  ['en_instruction', 'accept', 'acceptee'],
  ['en_instruction', 'refuse', 'refusee'],
  ['en_instruction', 'close', 'classee_sans_suite'],
  ['en_attente_de_pieces', 'provide_documents', 'en_instruction'],
  ['en_attente_de_pieces', 'resume_instruction', 'en_instruction'],
  ['en_attente_de_pieces', 'close', 'classee_sans_suite'],
];

const allPairs = DEMARCHE_STATUSES.flatMap((s) => DEMARCHE_EVENTS.map((e) => [s, e] as const));
const refused = allPairs.filter(([s, e]) => !ALLOWED.some(([as, ae]) => as === s && ae === e));

describe('the démarche machine', () => {
  it.each(ALLOWED)('%s —%s→ %s', (from, event, to) => {
    expect(demarcheMachine.can(from, event)).toBe(true);
    expect(demarcheMachine.next(from, event)).toBe(to);
  });

  it.each(refused)('refuses %s in %s', (from, event) => {
    expect(demarcheMachine.can(from, event)).toBe(false);
    expect(() => demarcheMachine.next(from, event)).toThrow(WrongStateError);
  });

  it('covers every pair once (allowed + refused = states × events)', () => {
    expect(ALLOWED.length + refused.length).toBe(DEMARCHE_STATUSES.length * DEMARCHE_EVENTS.length);
  });

  it('starts as a brouillon and ends in a decision', () => {
    expect(demarcheMachine.initial).toBe('brouillon');
    expect(DEMARCHE_STATUSES.filter((s) => demarcheMachine.isFinal(s))).toEqual(['acceptee', 'refusee', 'classee_sans_suite']);
  });

  it('the person sends and answers; the Caf does the rest', () => {
    expect(DEMARCHE_EVENTS.filter((e) => EVENT_ACTOR[e] === 'person')).toEqual(['submit', 'provide_documents']);
  });

  it('the README shows the diagram of the code', () => {
    const readme = readFileSync(new URL('../../src/demarches/README.md', import.meta.url), 'utf8');
    expect(readme).toContain('```mermaid\n' + demarcheMachine.diagram() + '\n```');
  });
});
