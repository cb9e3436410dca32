import type { Expression, Kysely } from 'kysely';
import { displayName } from '../accounts/repository';
import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { Database } from '../db/schema';
import type { HouseholdActor } from '../household/repository';
import { can } from '../household/permissions';
import type { PdfChecker } from '../justificatifs/pdf-checker';
import type { JustificatifStorage } from '../justificatifs/storage';
import { checkJustificatif, type RefusalReason } from '../justificatifs/validation';
import { enqueueMessage } from '../messaging/outbox';
import { randomToken } from '../shared/crypto';
import { agencyDay } from '../shared/french-time';
import { THREAD_SUBJECTS, type ThreadSubject } from '../db/tables/caf-messages.table';
import { newAnswerNotice } from './messages';

/**
 * « Contacter ma Caf »: a person writes to the Caf (a subject from a short list, a message, files
 * checked like the justificatifs), an agent answers, the person is told by the outbox — never with
 * the content. A thread is its author's alone unless the author shares it with those who manage the
 * dossier (the responsable, a conjoint with procuration): a separation or violence must never be read
 * by the other member of the couple. Bodies are plain text, never rendered as HTML.
 */
export const MAX_BODY_CHARS = 2000;
/** How many threads one person may start in a day: enough for anyone, not for a flood. */
export const MAX_THREADS_PER_DAY = 10;

export interface MessagesDeps {
  db: Kysely<Database>;
  storage: JustificatifStorage;
  pdfChecker: Pick<PdfChecker, 'check'>;
}

type Db = Kysely<Database>;

/** The messages of a thread written by `author` and not read yet by the other side (a subquery: count them, or ask whether any). */
export function unreadMessages(db: Db, threadId: Expression<string>, author: 'person' | 'agent') {
  return db
    .selectFrom('caf_messages as m')
    .where('m.thread_id', '=', threadId)
    .where('m.author_kind', '=', author)
    .where('m.read_at', 'is', null);
}

/**
 * A list of threads, the latest message first: each with its subject, the reference of its démarche
 * and how many messages of `unreadFrom` (the other side) are not read yet.
 */
export function threadList(db: Db, unreadFrom: 'person' | 'agent') {
  return db
    .selectFrom('caf_threads as t')
    .leftJoin('demarches as d', 'd.id', 't.demarche_id')
    .select((eb) => [
      't.id',
      't.subject',
      't.last_message_at',
      'd.reference',
      unreadMessages(db, eb.ref('t.id'), unreadFrom)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('unread'),
    ])
    .orderBy('t.last_message_at', 'desc');
}

export type MessageField = 'subject' | 'message' | 'demarche' | 'fichier';
export type MessageRefusal =
  | { field: 'subject'; code: 'SUBJECT_REQUIRED' }
  | { field: 'message'; code: 'MESSAGE_REQUIRED' | 'MESSAGE_TOO_LONG' }
  | { field: 'demarche'; code: 'DEMARCHE_UNKNOWN' }
  | { field: 'message'; code: 'TOO_MANY_THREADS' }
  | { field: 'fichier'; code: 'FILE_REFUSED'; reason: RefusalReason | 'no_file' };

export function isSubject(s: unknown): s is ThreadSubject {
  return typeof s === 'string' && (THREAD_SUBJECTS as readonly string[]).includes(s);
}

/** The body as stored: line ends unified, trailing blanks dropped; refusals at the field. */
export function checkBody(raw: string | undefined): { ok: true; body: string } | { ok: false; refusal: MessageRefusal } {
  const body = (raw ?? '').replace(/\r\n?/g, '\n').trim();
  if (!body) return { ok: false, refusal: { field: 'message', code: 'MESSAGE_REQUIRED' } };
  if ([...body].length > MAX_BODY_CHARS) return { ok: false, refusal: { field: 'message', code: 'MESSAGE_TOO_LONG' } };
  return { ok: true, body };
}

/** Those who manage the dossier (responsable, conjoint with procuration) see the threads shared with them. */
export function managedHousehold(actor: HouseholdActor, now: number): string | null {
  return actor.dossier && can(actor, 'view_household_demarches', agencyDay(now)).allowed ? actor.dossier.householdId : null;
}

export interface NewThread {
  actor: HouseholdActor;
  subject: string | undefined;
  demarcheId: string | undefined;
  body: string | undefined;
  share: boolean;
  origin: AuditOrigin;
  now: number;
}

export async function startThread(
  d: Pick<MessagesDeps, 'db'>,
  i: NewThread,
  /** `retryAfterMs`: the wait of the limit of the day, when it is the refusal */
): Promise<{ ok: true; threadId: string } | { ok: false; refusals: MessageRefusal[]; retryAfterMs?: number }> {
  const refusals: MessageRefusal[] = [];
  if (!isSubject(i.subject)) refusals.push({ field: 'subject', code: 'SUBJECT_REQUIRED' });
  const body = checkBody(i.body);
  if (!body.ok) refusals.push(body.refusal);
  const demarcheId = i.demarcheId || null;
  if (demarcheId && !(await demarchesToChoose(d.db, i.actor, i.now)).some((x) => x.id === demarcheId))
    refusals.push({ field: 'demarche', code: 'DEMARCHE_UNKNOWN' });
  if (refusals.length || !body.ok || !isSubject(i.subject)) return { ok: false, refusals };
  const since = i.now - 24 * 3600_000;
  const recent = await d.db
    .selectFrom('caf_threads')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('account_id', '=', i.actor.accountId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= MAX_THREADS_PER_DAY) {
    // A new thread is possible again once the oldest of the last 24 hours leaves the window.
    const retryAfterMs = Math.max(1000, Number(recent.oldest ?? i.now) + 24 * 3600_000 - i.now);
    return { ok: false, refusals: [{ field: 'message', code: 'TOO_MANY_THREADS' }], retryAfterMs };
  }
  const threadId = randomToken(16);
  await d.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('caf_threads')
      .values({
        id: threadId,
        account_id: i.actor.accountId,
        household_id: i.actor.dossier?.householdId ?? null,
        demarche_id: demarcheId,
        subject: i.subject as ThreadSubject,
        shared_with_managers: i.share ? 1 : 0,
        created_at: i.now,
        last_message_at: i.now,
      })
      .execute();
    await insertMessage(trx, threadId, 'person', i.actor.accountId, body.body, i.now);
    await recordAudit(
      trx,
      { type: 'caf_message_sent', accountId: i.actor.accountId, ...i.origin, details: { threadId, first: true } },
      i.now,
    );
  });
  return { ok: true, threadId };
}

export async function insertMessage(
  db: Db,
  threadId: string,
  kind: 'person' | 'agent',
  authorId: string,
  body: string,
  now: number,
): Promise<string> {
  const id = randomToken(16);
  await db
    .insertInto('caf_messages')
    .values({ id, thread_id: threadId, author_kind: kind, author_id: authorId, body, created_at: now, read_at: null })
    .execute();
  await db.updateTable('caf_threads').set({ last_message_at: now }).where('id', '=', threadId).execute();
  return id;
}

/** The démarches a person may name in a message: their own, and the household's when they manage it. */
export async function demarchesToChoose(
  db: Db,
  actor: HouseholdActor,
  now: number,
): Promise<{ id: string; prestation: string; reference: string | null }[]> {
  const household = managedHousehold(actor, now);
  return db
    .selectFrom('demarches')
    .select(['id', 'prestation', 'reference'])
    .where('status', '!=', 'brouillon')
    .where((eb) =>
      household
        ? eb.or([eb('account_id', '=', actor.accountId), eb('household_id', '=', household)])
        : eb('account_id', '=', actor.accountId),
    )
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}

export interface ThreadSummary {
  id: string;
  subject: ThreadSubject;
  demarcheReference: string | null;
  lastMessageAt: number;
  /** the person's own thread (false: shared with them as a manager of the dossier) */
  own: boolean;
  /** answers of the Caf not read yet (own threads only) */
  unread: number;
}

/** The threads a person sees: their own, and those shared with the managers of the dossier they manage. */
export async function threadsForPerson(db: Db, actor: HouseholdActor, now: number): Promise<ThreadSummary[]> {
  const household = managedHousehold(actor, now);
  const rows = await threadList(db, 'agent')
    .select('t.account_id')
    .where((eb) =>
      household
        ? eb.or([
            eb('t.account_id', '=', actor.accountId),
            eb.and([eb('t.household_id', '=', household), eb('t.shared_with_managers', '=', 1)]),
          ])
        : eb('t.account_id', '=', actor.accountId),
    )
    .limit(100)
    .execute();
  return rows.map((r) => {
    const own = r.account_id === actor.accountId;
    return {
      id: r.id,
      subject: r.subject,
      demarcheReference: r.reference,
      lastMessageAt: Number(r.last_message_at),
      own,
      unread: own ? Number(r.unread ?? 0) : 0,
    };
  });
}

/** Answers of the Caf the person has not read (« Mon espace »). */
export async function unreadForPerson(db: Db, accountId: string): Promise<number> {
  const r = await db
    .selectFrom('caf_messages as m')
    .innerJoin('caf_threads as t', 't.id', 'm.thread_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.account_id', '=', accountId)
    .where('m.author_kind', '=', 'agent')
    .where('m.read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface ThreadMessage {
  id: string;
  authorKind: 'person' | 'agent';
  body: string;
  createdAt: number;
  files: { id: string; fileName: string; mediaType: string; sizeBytes: number }[];
}

export interface ThreadView {
  id: string;
  accountId: string;
  householdId: string | null;
  subject: ThreadSubject;
  shared: boolean;
  demarcheReference: string | null;
  createdAt: number;
  messages: ThreadMessage[];
}

export async function readThread(db: Db, id: string): Promise<ThreadView | undefined> {
  const t = await db
    .selectFrom('caf_threads as t')
    .leftJoin('demarches as d', 'd.id', 't.demarche_id')
    .select(['t.id', 't.account_id', 't.household_id', 't.subject', 't.shared_with_managers', 't.created_at', 'd.reference'])
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!t) return undefined;
  const [messages, files] = await Promise.all([
    db.selectFrom('caf_messages').selectAll().where('thread_id', '=', id).orderBy('created_at').orderBy('id').execute(),
    db
      .selectFrom('caf_message_files')
      .select(['id', 'message_id', 'file_name', 'media_type', 'size_bytes'])
      .where('thread_id', '=', id)
      .orderBy('created_at')
      .execute(),
  ]);
  return {
    id: t.id,
    accountId: t.account_id,
    householdId: t.household_id,
    subject: t.subject,
    shared: t.shared_with_managers === 1,
    demarcheReference: t.reference,
    createdAt: Number(t.created_at),
    messages: messages.map((m) => ({
      id: m.id,
      authorKind: m.author_kind,
      body: m.body,
      createdAt: Number(m.created_at),
      files: files
        .filter((f) => f.message_id === m.id)
        .map((f) => ({ id: f.id, fileName: f.file_name, mediaType: f.media_type, sizeBytes: Number(f.size_bytes) })),
    })),
  };
}

/**
 * A thread as the person sees it: theirs, or shared with the managers of the dossier they manage;
 * undefined otherwise (the page answers « introuvable », never « not yours »). Opening their own
 * thread marks the Caf's answers read.
 */
export async function threadForPerson(
  db: Db,
  actor: HouseholdActor,
  id: string,
  now: number,
): Promise<(ThreadView & { own: boolean }) | undefined> {
  const t = await readThread(db, id);
  if (!t) return undefined;
  const own = t.accountId === actor.accountId;
  const household = managedHousehold(actor, now);
  if (!own && !(t.shared && household && t.householdId === household)) return undefined;
  if (own)
    await db
      .updateTable('caf_messages')
      .set({ read_at: now })
      .where('thread_id', '=', id)
      .where('author_kind', '=', 'agent')
      .where('read_at', 'is', null)
      .execute();
  return { ...t, own };
}

/** The person answers in their own thread (not in one shared with them). */
export async function replyAsPerson(
  d: Pick<MessagesDeps, 'db'>,
  i: { actor: HouseholdActor; threadId: string; body: string | undefined; origin: AuditOrigin; now: number },
): Promise<{ ok: true } | { ok: false; refusals: MessageRefusal[] } | { ok: false; notFound: true }> {
  const t = await d.db.selectFrom('caf_threads').select(['id', 'account_id']).where('id', '=', i.threadId).executeTakeFirst();
  if (!t || t.account_id !== i.actor.accountId) return { ok: false, notFound: true };
  const body = checkBody(i.body);
  if (!body.ok) return { ok: false, refusals: [body.refusal] };
  await d.db.transaction().execute(async (trx) => {
    await insertMessage(trx, t.id, 'person', i.actor.accountId, body.body, i.now);
    await recordAudit(
      trx,
      { type: 'caf_message_sent', accountId: i.actor.accountId, ...i.origin, details: { threadId: t.id, first: false } },
      i.now,
    );
  });
  return { ok: true };
}

/**
 * A file joined to the author's last message of the thread, checked like a justificatif (type by
 * its bytes, size, PDF without active content). Refused files are audited, never stored.
 */
export async function attachFile(
  d: MessagesDeps,
  i: {
    threadId: string;
    author: { kind: 'person' | 'agent'; id: string };
    bytes: Uint8Array;
    declaredName: string;
    origin: AuditOrigin;
    now: number;
  },
): Promise<{ ok: true } | { ok: false; refusal: MessageRefusal }> {
  const last = await d.db
    .selectFrom('caf_messages')
    .select('id')
    .where('thread_id', '=', i.threadId)
    .where('author_kind', '=', i.author.kind)
    .where('author_id', '=', i.author.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!last) return { ok: false, refusal: { field: 'fichier', code: 'FILE_REFUSED', reason: 'no_file' } };
  const checked = await checkJustificatif(i.bytes, i.declaredName, d.pdfChecker);
  if (!checked.ok) {
    await recordAudit(
      d.db,
      {
        type: 'caf_message_file_refused',
        accountId: i.author.id,
        ...i.origin,
        details: { threadId: i.threadId, reason: checked.reason, size: i.bytes.length },
      },
      i.now,
    );
    return { ok: false, refusal: { field: 'fichier', code: 'FILE_REFUSED', reason: checked.reason } };
  }
  await d.db.transaction().execute(async (trx) => {
    const key = await d.storage.put(i.bytes, i.now, trx);
    await trx
      .insertInto('caf_message_files')
      .values({
        id: randomToken(16),
        message_id: last.id,
        thread_id: i.threadId,
        file_name: checked.fileName,
        media_type: checked.mediaType,
        size_bytes: checked.size,
        sha256: checked.sha256,
        storage_key: key,
        created_at: i.now,
      })
      .execute();
  });
  return { ok: true };
}

/** A file of a thread, if the thread is `threadId` (the caller has already checked who may see it). */
export async function fileOfThread(d: Pick<MessagesDeps, 'db' | 'storage'>, threadId: string, fileId: string) {
  const f = await d.db
    .selectFrom('caf_message_files')
    .selectAll()
    .where('id', '=', fileId)
    .where('thread_id', '=', threadId)
    .executeTakeFirst();
  if (!f) return undefined;
  const bytes = await d.storage.get(f.storage_key);
  return bytes ? { file_name: f.file_name, media_type: f.media_type, bytes } : undefined;
}
