import type { AuditOrigin } from '../../auth/audit';
import type { CodeStepRefused } from '../../auth/verification-codes';
import type { JourneyDeps } from '../deps';
import type { Flow } from '../../flows/flow';
import type { LoginData, LoginState } from '../login/machine';
import { flowStore } from '../../flows/store';
import { agentLoginFlow } from '../kinds';
import { agentLoginCodeMessage } from '../../agents/messages';
import { findActiveAgentById, findActiveAgentByLogin, normaliseAgentLogin } from '../../agents/repository';
import type { Agent } from '../../db/tables/agents.table';
import type { CodeEntry } from '../contact-verification/code-failed';
import { passwordRefused } from '../login/password-refused';
import { loginCodeStep, type CodeWaiting, type ResendStep } from '../login/code-step';

/** What these use cases need, handed down by the composition root (src/journeys/deps.ts). */
export type AgentLoginDeps = Pick<JourneyDeps, 'clock' | 'codes' | 'database' | 'loginThrottle' | 'passwordCheck' | 'rateLimiter'>;

/**
 * The login of a Caf agent on /gestion: e-mail + password, then a 6-digit code sent to the agent's
 * e-mail — always (no configuration turns the second factor off on this side). The same pieces as
 * the public login (src/journeys/login): the persisted flow (`flows`, kind `agent_login`), the
 * one-time codes, the throttle, the audit; but the agents' own table, so that a person's NIR and
 * password never open /gestion and an agent's never open /mon-espace.
 *
 * No enumeration either: an unknown e-mail is throttled under the same keys as a known one, costs a
 * dummy verification and gets the same answer.
 */
export type AgentPasswordStep =
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'invalid'; retryAfterMs: number }
  | { kind: 'code_sent'; flowToken: string };

export type AgentCodeStep = CodeStepRefused | { kind: 'throttled'; retryAfterMs: number } | { kind: 'signed_in'; agent: Agent };

/** Pending agents' logins (password right, code sent): the flow engine's `agent_login` kind, 15 minutes fixed (src/journeys/kinds.ts). */
export const agentLoginFlows = flowStore(agentLoginFlow);

/** The throttle counts agents' logins under their own keys (an e-mail is never a NIR, but say it). */
const throttled = (loginId: string, origin: AuditOrigin) => ({ identifier: `agent:${loginId}`, ip: origin.ip ?? 'unknown' });

/** An agent's code goes to the agent's e-mail, always; an agent no longer active cannot finish. */
const codeStep = loginCodeStep({
  flows: agentLoginFlows,
  purpose: 'agent_login',
  resendLimit: 'agent-login-resend',
  holder: findActiveAgentById,
  recipient: (agent: Agent) => ({
    accountId: agent.id,
    kind: 'email',
    value: agent.email,
    message: (code) => agentLoginCodeMessage(agent, code),
  }),
});

export async function submitAgentPassword(
  d: AgentLoginDeps,
  i: { login: string; password: string; origin: AuditOrigin },
): Promise<AgentPasswordStep> {
  const { db } = d.database;
  const loginId = normaliseAgentLogin(i.login);
  const subject = throttled(loginId, i.origin);
  // The one password check (src/auth/password-check.ts): the attempt is reserved before the agent is
  // even looked up, so an unknown address is counted under the same keys, with the same work.
  const r = await d.passwordCheck.check(subject, i.password, () =>
    loginId.length <= 254 ? findActiveAgentByLogin(db, loginId) : undefined,
  );
  if (!r.ok) return passwordRefused(d, r, { throttled: 'agent_login_throttled', failed: 'agent_login_failed', loginId, origin: i.origin });
  const agent = r.holder;
  const flowToken = await codeStep.start(d, agent, i.origin);
  return { kind: 'code_sent', flowToken };
}

export type PendingAgentLogin = CodeWaiting<Flow<LoginState, LoginData>> & { agent: Agent };

/** The pending agent's login a browser's cookie names, if it is still valid and the agent still active. */
export async function pendingAgentLogin(d: AgentLoginDeps, flowToken: string | undefined): Promise<PendingAgentLogin | undefined> {
  const p = await codeStep.pending(d, flowToken);
  return p && { flow: p.flow, agent: p.holder, resendAllowedAt: p.resendAllowedAt };
}

export async function submitAgentCode(d: AgentLoginDeps, i: CodeEntry): Promise<AgentCodeStep> {
  const p = await pendingAgentLogin(d, i.flowToken);
  if (!p) return { kind: 'flow_expired' };
  const subject = throttled(p.agent.login_id, i.origin);
  const r = await codeStep.verify(d, p.flow, p.agent, { subject, entry: i });
  return r.kind === 'verified' ? { kind: 'signed_in', agent: p.agent } : r;
}

export async function resendAgentCode(d: AgentLoginDeps, i: { flowToken: string | undefined; origin: AuditOrigin }): Promise<ResendStep> {
  const p = await pendingAgentLogin(d, i.flowToken);
  return codeStep.resend(d, p, p?.agent, i.origin);
}
