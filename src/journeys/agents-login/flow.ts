import { defineFlowKind } from '../engine/flow';
import { defineMachine } from '../engine/machine';
import { flowStore } from '../engine/store';
import type { LoginData, LoginEvent, LoginState } from '../login/machine';

/**
 * The agent's login between password and code: a flow of its own kind (`agent_login`) in the
 * shared flows table, with the public login's states — so that a person's pending login can never
 * be finished on /gestion, nor an agent's on /connexion.
 */
export const agentLoginMachine = defineMachine<LoginState, LoginEvent>({
  name: 'agent_login',
  states: ['awaiting_code', 'signed_in'],
  initial: 'awaiting_code',
  final: ['signed_in'],
  transitions: { awaiting_code: { code_verified: 'signed_in' } },
});

export const agentLoginFlow = defineFlowKind<LoginData>()({
  machine: agentLoginMachine,
  ttlMs: 15 * 60_000,
  expiry: 'fixed',
  label: 'connexion à l’espace gestionnaire',
  restartPath: '/gestion/connexion',
});

export const agentLoginFlows = flowStore(agentLoginFlow);
