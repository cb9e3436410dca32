import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';
import { DEMARCHE_STATUSES, type DemarcheStatus } from '../demarches/machine';
import { prestations } from '../prestations/catalogue';

/**
 * The list of the Caf side: sent démarches (never a brouillon: it is the person's alone until
 * sent), filtered by status, prestation and date of submission, the oldest sent first (first come,
 * first served), 50 a page.
 */
export const PAGE_SIZE = 50;
export const AGENT_STATUSES = DEMARCHE_STATUSES.filter((s) => s !== 'brouillon') as Exclude<DemarcheStatus, 'brouillon'>[];

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** A reference as typed: spaces dropped, upper case (`mc-2026-k3qx 9pma` → `MC-2026-K3QX9PMA`); letters, digits and dashes only. */
const reference = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/\s+/g, '').toUpperCase() || undefined : v),
  z
    .string()
    .max(20)
    .regex(/^[A-Z0-9-]+$/)
    .optional(),
);

/** The query string of /gestion/demarches (empty fields mean « all »). */
export const SearchFilters = z.object({
  reference,
  /** `recues`: only the démarches with pieces arrived since the Caf's last action */
  pieces: z.preprocess(emptyToUndefined, z.enum(['recues']).optional()),
  statut: z.preprocess(emptyToUndefined, z.enum(AGENT_STATUSES as [string, ...string[]]).optional()),
  prestation: z.preprocess(emptyToUndefined, z.enum(prestations.map((p) => p.slug) as [string, ...string[]]).optional()),
  du: z.preprocess(emptyToUndefined, day.optional()),
  au: z.preprocess(emptyToUndefined, day.optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10_000).optional()),
});
export type SearchFilters = z.output<typeof SearchFilters>;

export interface DemarcheRow {
  id: string;
  reference: string | null;
  prestation: string;
  status: DemarcheStatus;
  submitted_at: number | null;
  updated_at: number;
  given_names: string;
  birth_name: string;
  usage_name: string | null;
  /** pieces sent by the person since the Caf's last action on the démarche */
  pieces_arrived: boolean;
}

/**
 * Pieces arrived: a justificatif sent after the last action of an agent on the démarche (asking
 * for it, resuming…): what the agent has to look at. Plain SQL, the same on SQLite and PostgreSQL.
 */
const piecesArrived = sql<boolean>`exists (select 1 from justificatifs j where j.demarche_id = d.id and j.created_at > coalesce((select max(e.at) from demarche_events e where e.demarche_id = d.id and e.actor_kind = 'agent'), 0))`;

/** The démarche with exactly this reference (sent: a brouillon has none), if any. */
export async function findByReference(db: Kysely<Database>, ref: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('demarches')
    .select('id')
    .where('reference', '=', ref)
    .where('status', '!=', 'brouillon')
    .executeTakeFirst();
  return row?.id;
}

/** Midnight in France (Europe/Paris) at the start of a YYYY-MM-DD day, as epoch ms. */
export function parisMidnight(dayString: string): number {
  const utc = Date.parse(`${dayString}T00:00:00Z`);
  // The offset of Paris at that moment (+1 h or +2 h), read from Intl.
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).formatToParts(utc);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  return utc - hour * 3600_000;
}

export async function searchDemarches(db: Kysely<Database>, f: SearchFilters): Promise<{ rows: DemarcheRow[]; hasMore: boolean }> {
  let q = db
    .selectFrom('demarches as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .select([
      'd.id',
      'd.reference',
      'd.prestation',
      'd.status',
      'd.submitted_at',
      'd.updated_at',
      'a.given_names',
      'a.birth_name',
      'a.usage_name',
      piecesArrived.as('pieces_arrived'),
    ])
    .where('d.status', '!=', 'brouillon');
  if (f.reference) q = q.where('d.reference', 'like', `%${f.reference}%`);
  if (f.pieces) q = q.where(piecesArrived);
  if (f.statut) q = q.where('d.status', '=', f.statut as DemarcheStatus);
  if (f.prestation) q = q.where('d.prestation', '=', f.prestation);
  if (f.du) q = q.where('d.submitted_at', '>=', parisMidnight(f.du));
  if (f.au) q = q.where('d.submitted_at', '<', parisMidnight(nextDay(f.au)));
  const page = f.page ?? 1;
  const rows = await q
    .orderBy('d.submitted_at', 'asc')
    .orderBy('d.id')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  // SQLite answers 0/1, PostgreSQL true/false.
  const read = rows.slice(0, PAGE_SIZE).map((r) => ({ ...r, pieces_arrived: Boolean(Number(r.pieces_arrived)) }));
  return { rows: read as DemarcheRow[], hasMore: rows.length > PAGE_SIZE };
}

function nextDay(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
