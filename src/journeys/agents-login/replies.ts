import { AppError } from '../../errors/app-error';
import { passwordRefusal } from '../login/replies';
import type { Refusal } from '../refusal';
import type { AgentPasswordStep } from './use-cases';

/**
 * The outcome → reply mapping of the agents' login (./pages.ts; no JSON API on this side): the
 * person's login's (src/journeys/login/replies.ts) at the `login` field, with the agents' wording for
 * a wrong address or password. The code step answers as the person's (`codeRefusal`).
 */
export function agentPasswordRefusal(r: Extract<AgentPasswordStep, { kind: 'throttled' | 'invalid' }>): Refusal {
  if (r.kind === 'invalid') return { error: new AppError('AGENT_LOGIN_INVALID', 'login') };
  return passwordRefusal(r, 'login');
}

export { codeRefusal as agentCodeRefusal } from '../login/replies';
