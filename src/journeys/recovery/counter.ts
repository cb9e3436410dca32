import type { Account } from '../../accounts/repository';
import type { Agent } from '../../db/tables/agents.table';
import { recordAudit, type AuditOrigin } from '../../auth/audit';
import { CODE_TTL_MS } from '../../auth/verification-codes';
import type { Config } from '../../config/config';
import type { FieldError } from '../../errors/app-error';
import type { ContactInput } from '../../accounts/contact';
import { enqueueMessage } from '../../messaging/outbox';
import { counterCodeMessage } from '../../recovery/messages';
import { createRecovery, type Recovery } from '../../recovery/repository';
import type { JourneyDeps } from '../deps';

/**
 * Recovery at the counter: an assistance agent, after checking an identity document, types the
 * person's new contact on the console; a code is sent to it (10 minutes, as every code), and the
 * person finishes on /recuperation/guichet with their identifier and that code, then a new
 * password (./letter.ts `proveWithCode`). The agent never sees the code.
 */
export const IDENTITY_DOCUMENTS = {
  cni: 'Carte nationale d’identité',
  passeport: 'Passeport',
  titre_sejour: 'Titre de séjour',
} as const;
export type IdentityDocumentKind = keyof typeof IDENTITY_DOCUMENTS;

/** What the counter's use case needs, handed down by the composition root (src/journeys/deps.ts). */
export type CounterDeps = Pick<JourneyDeps, 'clock' | 'codes' | 'contactCodes' | 'database'> & { config: Pick<Config, 'baseUrl'> };

/** `invalid`: a contact to correct, or the limit of codes sent (`retryAfterMs`: its wait). */
export type CounterStart = { kind: 'invalid'; error: FieldError; retryAfterMs?: number } | { kind: 'started'; recovery: Recovery };

export async function startCounterRecovery(
  ctx: CounterDeps,
  i: { agent: Agent; account: Account; document: IdentityDocumentKind; contact: ContactInput; reason: string; origin: AuditOrigin },
): Promise<CounterStart> {
  const read = await ctx.contactCodes.readForCode(i.contact, i.origin.ip ?? 'unknown');
  if (!read.ok)
    return { kind: 'invalid', error: read.error, ...(read.retryAfterMs === undefined ? {} : { retryAfterMs: read.retryAfterMs }) };
  const { kind, value } = read.contact;
  const now = ctx.clock.now();
  const recovery = await ctx.database.db.transaction().execute(async (trx) => {
    const r = await createRecovery(
      trx,
      {
        account_id: i.account.id,
        channel: 'counter',
        started_by: i.agent.id,
        new_contact_kind: kind,
        new_contact_value: value,
        expires_at: now + CODE_TTL_MS,
      },
      now,
    );
    const { code } = await ctx.codes.issue(trx, { purpose: 'recovery_counter', subjectId: r.id, destination: value });
    await enqueueMessage(trx, counterCodeMessage(kind, value, code, ctx.config.baseUrl), now);
    await recordAudit(
      trx,
      {
        type: 'agent_recovery_started',
        accountId: i.agent.id,
        ...i.origin,
        details: { account: i.account.id, document: i.document, channel: kind, reason: i.reason },
      },
      now,
    );
    return r;
  });
  return { kind: 'started', recovery };
}
