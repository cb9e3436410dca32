import type { SessionService } from '../../auth/sessions';
import type { DatabaseHandle } from '../../db/database';
import type { Clock } from '../../shared/clock';
import { EVENT_LABELS, STATUS_LABELS, type DemarcheEvent } from '../../demarches/machine';
import { demarcheHistory, listDemarches } from '../../demarches/repository';
import { findPrestation } from '../../prestations/catalogue';
import type { Account } from '../../accounts/repository';
import type { AttestationKind } from '../../db/tables/attestations.table';
import { ATTESTATION_STATUS_LABELS, type AttestationStatus, myAttestations } from '../../attestations/manage';
import { frenchMonth, kindTitle, periodLabel, type Snapshot } from '../../attestations/snapshot';
import { documentKindLabel } from '../../identity/documents';
import { roleLabel } from '../household/common';

/** What this module takes from the composition root (src/context.ts builds them). */
export interface ExportDeps {
  clock: Clock;
  database: DatabaseHandle;
  sessions: SessionService;
}

/**
 * « Mes données » (RGPD articles 15 and 20): everything Mon Compte holds about a signed-in person,
 * gathered at once — the account and its contact, the households they belong to, their démarches
 * with answers and history, the metadata of the files they sent, the attestations they issued
 * (with the counts of their checks, never who checked), their open sessions, the audit rows about
 * them. Never a secret: no password hash, no session token, no code. Served as JSON
 * (`GET /api/mes-donnees`, the download of the page) and as a readable summary (`/mon-espace/mes-donnees`).
 */
export interface PersonalData {
  generatedAt: string;
  account: {
    loginId: string;
    nir: string | null;
    provisionalId: string | null;
    civility: string;
    birthName: string;
    givenNames: string;
    usageName: string | null;
    birthDate: string;
    birthPlace: { kind: string; code: string; name: string };
    identityStatus: string;
    /** `kind` is the code (cni, passport, titre-sejour), `kindLabel` its French name */
    identityDocument: { kind: string; kindLabel: string; number: string | null } | null;
    contact: { kind: string; value: string; verifiedAt: string };
    hasPassword: boolean;
    franceConnectLinked: boolean;
    createdAt: string;
    updatedAt: string;
    lastLoginAt: string | null;
  };
  households: Array<{
    dossierNumber: string;
    role: string;
    roleLabel: string;
    hasProcuration: boolean;
    joinedAt: string;
    leftAt: string | null;
  }>;
  demarches: Array<{
    id: string;
    prestation: string;
    title: string;
    status: string;
    statusLabel: string;
    reference: string | null;
    answers: Record<string, unknown>;
    createdAt: string;
    submittedAt: string | null;
    history: Array<{ at: string; event: string; label: string; toStatus: string; by: 'person' | 'agent'; reason: string | null }>;
  }>;
  justificatifs: Array<{ demarcheId: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string; sentAt: string }>;
  separations: Array<{ date: string; leaver: string; children: string; declaredAt: string }>;
  /** the attestations the person issued, with how many times each was checked (counts: who checked is never said) */
  attestations: Array<{
    code: string;
    kind: AttestationKind;
    title: string;
    period: { from: string; to: string; label: string };
    issuedAt: string;
    expiresAt: string;
    revokedAt: string | null;
    status: AttestationStatus;
    statusLabel: string;
    checkedCount: number;
    refusedCount: number;
  }>;
  sessions: Array<{ createdAt: string; lastSeenAt: string; expiresAt: string; ip: string | null; userAgent: string | null }>;
  auditEvents: Array<{ at: string; type: string; ip: string | null; userAgent: string | null; details: Record<string, unknown> }>;
}

/** The audit rows exported at most (the newest): the trail is kept a year, this covers it for any real person. */
const AUDIT_LIMIT = 5000;

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();
const isoOrNull = (ms: number | string | null) => (ms === null ? null : iso(ms));

export async function personalDataOf(ctx: ExportDeps, a: Account): Promise<PersonalData> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const members = await db
    .selectFrom('household_members')
    .innerJoin('households', 'households.id', 'household_members.household_id')
    .select([
      'households.dossier_number',
      'household_members.role',
      'household_members.has_procuration',
      'household_members.joined_at',
      'household_members.left_at',
    ])
    .where('household_members.account_id', '=', a.id)
    .execute();
  const demarches = await listDemarches(db, a.id, now);
  const files = await db
    .selectFrom('justificatifs')
    .select(['demarche_id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'created_at'])
    .where('uploaded_by', '=', a.id)
    .orderBy('created_at')
    .execute();
  const separations = await db
    .selectFrom('household_separations')
    .select(['separation_date', 'leaver', 'children', 'created_at'])
    .where('declared_by', '=', a.id)
    .execute();
  const audit = await db
    .selectFrom('audit_events')
    .select(['at', 'type', 'ip', 'user_agent', 'details'])
    .where('account_id', '=', a.id)
    .orderBy('id', 'desc')
    .limit(AUDIT_LIMIT)
    .execute();
  const sessions = await ctx.sessions.activeOf(a.id);
  const attestations = await myAttestations(db, a.id, now);
  return {
    generatedAt: iso(now),
    account: {
      loginId: a.login_id,
      nir: a.nir,
      provisionalId: a.provisional_id,
      civility: a.civility,
      birthName: a.birth_name,
      givenNames: a.given_names,
      usageName: a.usage_name,
      birthDate: a.birth_date,
      birthPlace: { kind: a.birth_place_kind, code: a.birth_place_code, name: a.birth_place_name },
      identityStatus: a.identity_status,
      identityDocument: a.identity_document_kind
        ? { kind: a.identity_document_kind, kindLabel: documentKindLabel(a.identity_document_kind), number: a.identity_document_number }
        : null,
      contact: { kind: a.contact_kind, value: a.contact_value, verifiedAt: iso(a.contact_verified_at) },
      hasPassword: a.password_hash !== null,
      franceConnectLinked: a.franceconnect_sub !== null,
      createdAt: iso(a.created_at),
      updatedAt: iso(a.updated_at),
      lastLoginAt: isoOrNull(a.last_login_at),
    },
    households: members.map((m) => ({
      dossierNumber: m.dossier_number,
      role: m.role,
      roleLabel: roleLabel({ role: m.role, hasProcuration: Number(m.has_procuration) === 1 }, a.civility),
      hasProcuration: Number(m.has_procuration) === 1,
      joinedAt: iso(m.joined_at),
      leftAt: isoOrNull(m.left_at),
    })),
    demarches: await Promise.all(
      demarches.map(async (d) => ({
        id: d.id,
        prestation: d.prestation,
        title: findPrestation(d.prestation)?.title ?? d.prestation,
        status: d.status,
        statusLabel: STATUS_LABELS[d.status],
        reference: d.reference,
        answers: d.answers,
        createdAt: iso(d.created_at),
        submittedAt: isoOrNull(d.submitted_at),
        history: (await demarcheHistory(db, d.id)).map((h) => ({
          at: iso(h.at),
          event: h.event,
          label: EVENT_LABELS[h.event as DemarcheEvent | 'create'] ?? h.event,
          toStatus: h.to_status,
          // which agent acted is the Caf's internal record: the person sees that the Caf did
          by: h.actor_kind,
          reason: h.reason,
        })),
      })),
    ),
    justificatifs: files.map((f) => ({
      demarcheId: f.demarche_id,
      fileName: f.file_name,
      mediaType: f.media_type,
      sizeBytes: Number(f.size_bytes),
      sha256: f.sha256,
      sentAt: iso(f.created_at),
    })),
    separations: separations.map((s) => ({
      date: s.separation_date,
      leaver: s.leaver,
      children: s.children,
      declaredAt: iso(s.created_at),
    })),
    attestations: attestations.map((x) => ({
      code: x.code,
      kind: x.kind,
      title: kindTitle(x.kind),
      period: periodOf(x.snapshot),
      issuedAt: iso(x.issuedAt),
      expiresAt: iso(x.expiresAt),
      revokedAt: isoOrNull(x.revokedAt),
      status: x.status,
      statusLabel: ATTESTATION_STATUS_LABELS[x.status],
      checkedCount: x.checkedCount,
      refusedCount: x.refusedCount,
    })),
    sessions: sessions.map((s) => ({
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      expiresAt: iso(s.expiresAt),
      ip: s.ip,
      userAgent: s.userAgent,
    })),
    auditEvents: audit.map((e) => ({ at: iso(e.at), type: e.type, ip: e.ip, userAgent: e.user_agent, details: parseDetails(e.details) })),
  };
}

/** The months an attestation is about: a period of payments, or the month of a QF. */
function periodOf(s: Snapshot): { from: string; to: string; label: string } {
  return s.kind === 'paiement'
    ? { from: s.from, to: s.to, label: periodLabel(s) }
    : { from: s.month, to: s.month, label: frenchMonth(s.month) };
}

function parseDetails(s: string): Record<string, unknown> {
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
