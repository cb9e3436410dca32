/**
 * One way to declare a state machine, for every journey (registration, login, password reset,
 * FranceConnect sign-up, contact change) and every long-lived object with a status (a démarche).
 * Pure: no I/O, no clock. Each kind declares its machine in its own `machine.ts` and keeps the
 * diagram printed by `diagram()` in the README beside it (a test checks they agree).
 *
 * After the idea of Ory Kratos's self-service flows: states in one order, transitions named by the
 * event that causes them, one error when an event is not allowed in the current state.
 */

export interface MachineDefinition<S extends string, E extends string> {
  /** the kind of flow or object, as stored (`registration`, `login`, `demarche`…) */
  name: string;
  /** every state, in the order a person meets them */
  states: readonly S[];
  initial: NoInfer<S>;
  /** states with no way out (completed, consumed, decided…) */
  final: readonly NoInfer<S>[];
  /** for each state, the events it accepts and the state each one leads to */
  transitions: { readonly [K in NoInfer<S>]?: { readonly [Ev in E]?: NoInfer<S> } };
}

export interface Machine<S extends string, E extends string> {
  readonly name: string;
  readonly states: readonly S[];
  readonly initial: S;
  isState(value: unknown): value is S;
  isFinal(state: S): boolean;
  /** whether `event` is allowed in `state` */
  can(state: S, event: E): boolean;
  /** the events `state` accepts (for pages that offer one button per allowed action) */
  events(state: S): E[];
  /** the state `event` leads to from `state`; throws `WrongStateError` when it is not allowed */
  next(state: S, event: E): S;
  /** the machine as a Mermaid `stateDiagram-v2`, for the README beside it */
  diagram(): string;
}

/** An event that the current state does not accept (a stale page, a replayed request, two tabs). */
export class WrongStateError extends Error {
  constructor(
    readonly machine: string,
    readonly state: string,
    readonly event: string,
  ) {
    super(`${machine}: event "${event}" not allowed in state "${state}"`);
    this.name = 'WrongStateError';
  }
}

export function defineMachine<const S extends string, const E extends string>(d: MachineDefinition<S, E>): Machine<S, E> {
  const known = new Set<string>(d.states);
  for (const [from, edges] of Object.entries(d.transitions) as [string, Record<string, string>][]) {
    if (!known.has(from)) throw new Error(`${d.name}: transition from unknown state "${from}"`);
    if (d.final.includes(from as S) && Object.keys(edges).length > 0) throw new Error(`${d.name}: final state "${from}" has transitions`);
    for (const to of Object.values(edges)) if (!known.has(to)) throw new Error(`${d.name}: transition to unknown state "${to}"`);
  }
  const edgesOf = (s: S): Partial<Record<E, S>> => (d.transitions[s] ?? {}) as Partial<Record<E, S>>;
  return {
    name: d.name,
    states: d.states,
    initial: d.initial,
    isState: (value): value is S => typeof value === 'string' && known.has(value),
    isFinal: (s) => d.final.includes(s),
    can: (s, e) => edgesOf(s)[e] !== undefined,
    events: (s) => Object.keys(edgesOf(s)) as E[],
    next(s, e) {
      const to = edgesOf(s)[e];
      if (to === undefined) throw new WrongStateError(d.name, s, e);
      return to;
    },
    diagram() {
      const lines = ['stateDiagram-v2', `    [*] --> ${d.initial}`];
      for (const s of d.states) for (const [e, to] of Object.entries(edgesOf(s))) lines.push(`    ${s} --> ${to}: ${e}`);
      for (const s of d.final) lines.push(`    ${s} --> [*]`);
      return lines.join('\n');
    },
  };
}

/**
 * The machine of a flow that waits for one code (login, an agent's login, a contact change): in
 * `awaiting_code` until the right code is typed, then `done`, where it ends (the flow is consumed).
 */
export function codeMachine<const D extends string>(name: string, done: D): Machine<'awaiting_code' | D, 'code_verified'> {
  type S = 'awaiting_code' | D;
  // TypeScript cannot check a literal against a mapped type over the generic `D`: said once here.
  const transitions = { awaiting_code: { code_verified: done } } as MachineDefinition<S, 'code_verified'>['transitions'];
  return defineMachine<S, 'code_verified'>({ name, states: ['awaiting_code', done], initial: 'awaiting_code', final: [done], transitions });
}
