import { codeMachine } from '../../flows/machine';
import type { LoginData, LoginEvent, LoginState } from '../login/machine';

/**
 * The agent's login between password and code: a flow of its own kind (`agent_login`) in the
 * shared flows table, with the public login's states — so that a person's pending login can never
 * be finished on /gestion, nor an agent's on /connexion. Pure: the diagram is in ./README.md.
 */
export type AgentLoginState = LoginState;
export type AgentLoginEvent = LoginEvent;
/** Nothing about the agent is kept in the flow's data: the agent is the flow's `accountId`. */
export type AgentLoginData = LoginData;

export const agentLoginMachine = codeMachine('agent_login', 'signed_in');
