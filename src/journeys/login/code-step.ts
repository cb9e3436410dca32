import type { ContactKind } from '../../accounts/destination';
import { auditRow, type AuditOrigin } from '../../auth/audit';
import type { CodePurpose } from '../../auth/verification-codes';
import { insertAll } from '../../db/insert-all';
import type { NewFlowRow } from '../../db/tables/flows.table';
import { outboxRow, type OutgoingMessage } from '../../messaging/outbox';
import type { JourneyDeps } from '../deps';

/**
 * The second step of a login (people's and agents') begun, after the password: four rows, one atomic
 * write (a single statement on PostgreSQL) — the flow, its code, the message carrying the code, the
 * `code_sent` audit event. The flow is new, so it has no earlier code to void. Returns the flow's token.
 */
export async function startCodeStep(
  d: Pick<JourneyDeps, 'clock' | 'codes' | 'database'>,
  prepareFlow: (now: number) => { token: string; flow: { id: string }; row: NewFlowRow },
  o: {
    purpose: CodePurpose;
    accountId: string;
    to: { kind: ContactKind; value: string };
    message: (code: string) => OutgoingMessage;
    origin: AuditOrigin;
  },
): Promise<string> {
  const now = d.clock.now();
  const { token, flow, row } = prepareFlow(now);
  const code = d.codes.prepare({ purpose: o.purpose, subjectId: flow.id, destination: o.to.value });
  await insertAll(d.database, [
    { table: 'flows', values: row },
    { table: 'verification_codes', values: { ...code.row } },
    { table: 'outbox_messages', values: { ...outboxRow(o.message(code.code), now) } },
    {
      table: 'audit_events',
      values: auditRow(
        { type: 'code_sent', accountId: o.accountId, ...o.origin, details: { purpose: o.purpose, channel: o.to.kind } },
        now,
      ),
    },
  ]);
  return token;
}
