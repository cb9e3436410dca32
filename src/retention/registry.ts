import type { Kysely } from 'kysely';
import { ATTESTATION_RETENTION_MS, CHECK_LOG_RETENTION_MS, sweepAttestations, sweepCheckLog } from '../attestations/retention';
import { eraseOnlineAccount } from '../accounts/erasure';
import { ABSOLUTE_TIMEOUT_MS } from '../auth/sessions';
import { CODE_TTL_MS } from '../auth/verification-codes';
import { deleteBatch, deleteRows } from '../db/batch-delete';
import type { Database } from '../db/schema';
import { DRAFT_TTL_MS, deleteExpiredDrafts } from '../demarches/repository';
import { FLOW_SWEEP_GRACE_MS, sweepExpiredFlows } from '../flows/store';
import { deleteExpiredTransactions, TRANSACTION_TTL_MS } from '../flows/franceconnect-transactions';
import { FLOW_LIVES } from '../flows/lives';
import type { JustificatifStorage } from '../justificatifs/storage';

/**
 * How long Mon Compte keeps each table's rows: ONE declaration per table, all in this registry.
 *
 * Why one registry rather than a declaration beside each `*.table.ts`: the personal-data notice
 * (`/donnees-personnelles`) reads these same words, so a period cannot differ between the code and
 * the page; `{ [T in keyof Database]: … }` makes a table added to `Database` without a declaration a
 * type error, and test/retention/registry.test.ts compares this registry with the tables of the
 * migrated schema on SQLite and PostgreSQL (a table created by a migration only, absent from
 * `Database`, fails there).
 *
 * Each rule says what the rows hold and how long they stay, in French, as the notice shows them, and
 * who deletes them: a `sweep` run by the delivery worker's hourly housekeeping (src/context.ts), the
 * worker's own outbox sweep, or — for the Caf's records (dossier, sent démarches) — nobody in Mon
 * Compte: they follow the Caf's archiving rules, and the notice says so.
 */

export interface SweepDeps {
  db: Kysely<Database>;
  now: number;
  storage: JustificatifStorage;
}

/** Deletes what is due; returns how many rows went. Bounded per run: the next run goes on. */
export type Sweep = (d: SweepDeps) => Promise<number>;

export interface RetentionRule {
  /** what the rows hold, as the notice says it (French) */
  holds: string;
  /** how long they are kept, as the notice says it (French) */
  keptFor: string;
  /**
   * who deletes them: a sweep of the hourly housekeeping; `outbox-worker` (src/messaging/worker.ts
   * sweeps its own table); `caf-records` (kept with the dossier under the Caf's archiving rules)
   */
  deletedBy: Sweep | 'outbox-worker' | 'caf-records';
}

export interface RetentionSettings {
  /** OUTBOX_RETENTION_DAYS */
  outboxRetentionDays: number;
}

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
const YEAR_MS = 365 * DAY_MS;
const MONTH_MS = YEAR_MS / 12;

/** An account never linked to a dossier nor to a sent démarche is erased after this long without a sign-in. */
export const INACTIVE_ACCOUNT_MS = 2 * YEAR_MS;
/** The audit trail (sign-ins, codes sent, changes, agents' actions). */
export const AUDIT_RETENTION_MS = YEAR_MS;
/** « Contacter ma Caf »: a thread, after its last message (the Caf's written exchanges with a person). */
export const CAF_MESSAGES_RETENTION_MS = 2 * YEAR_MS;
/** One-time codes, once expired: the trace of who was sent a code, and where. */
export const CODE_RETENTION_MS = 6 * MONTH_MS;
/** Files sent with a request that was refused or classée sans suite, after the decision (the appeal and its answer). */
export const REFUSED_FILES_RETENTION_MS = YEAR_MS;
/** Ended or expired sessions, kept a day so that a late visit still reads « session expirée ». */
const SESSION_GRACE_MS = DAY_MS;
/** Rate-limit keys whose window and block are long over (src/security/db-rate-limit.ts purges them too). */
const RATE_LIMIT_KEEP_MS = 25 * HOUR_MS;
const BATCH = 500;
/** What a refused form shows once on its page (src/http/form-state.ts), when no page takes it. */
export const FORM_STATE_TTL_MS = 2 * 60_000;

/** « 2 ans », « 6 mois », « 30 jours », « 12 heures »: a duration as the notice says it. */
export function frenchDuration(ms: number): string {
  const units: Array<[number, string, string]> = [
    [YEAR_MS, 'an', 'ans'],
    [MONTH_MS, 'mois', 'mois'],
    [DAY_MS, 'jour', 'jours'],
    [HOUR_MS, 'heure', 'heures'],
    [60_000, 'minute', 'minutes'],
  ];
  for (const [unit, one, many] of units) {
    const n = ms / unit;
    if (Number.isInteger(n) && n >= 1) return `${n} ${n === 1 ? one : many}`;
  }
  return `${Math.round(ms / 60_000)} minutes`;
}

const cafRecords =
  'conservées avec le dossier allocataire, selon les règles d’archivage de la Caf (elles ne sont pas effacées par Mon Compte)';

export function retentionRules(s: RetentionSettings): { [T in keyof Database]: RetentionRule } {
  return {
    accounts: {
      holds: 'Compte en ligne : identité, numéro de sécurité sociale, titre d’identité, coordonnées de contact, mot de passe chiffré',
      keptFor: `jusqu’à la clôture du compte par la personne ; un compte jamais rattaché à un dossier ni à une demande envoyée est effacé après ${frenchDuration(INACTIVE_ACCOUNT_MS)} sans connexion`,
      deletedBy: sweepInactiveAccounts,
    },
    sessions: {
      holds: 'Sessions de connexion (adresse IP, navigateur, heures)',
      keptFor: `jusqu’à la déconnexion ou l’expiration de la session (${frenchDuration(ABSOLUTE_TIMEOUT_MS)} au plus), puis ${frenchDuration(SESSION_GRACE_MS)}`,
      deletedBy: endedSessions('sessions'),
    },
    agent_sessions: {
      holds: 'Sessions de connexion des agents de la Caf',
      keptFor: `jusqu’à la déconnexion ou l’expiration de la session (${frenchDuration(ABSOLUTE_TIMEOUT_MS)} au plus), puis ${frenchDuration(SESSION_GRACE_MS)}`,
      deletedBy: endedSessions('agent_sessions'),
    },
    verification_codes: {
      holds: 'Codes à usage unique (seule leur empreinte est gardée) et l’adresse ou le numéro où ils ont été envoyés',
      keptFor: `${frenchDuration(CODE_RETENTION_MS)} après leur expiration (un code n’est valable que ${frenchDuration(CODE_TTL_MS)})`,
      deletedBy: ({ db, now }) => deleteRows(db, 'verification_codes', (eb) => eb('expires_at', '<', now - CODE_RETENTION_MS)),
    },
    flows: {
      holds: 'Démarches de création de compte, de connexion ou de changement de coordonnées en cours (réponses saisies)',
      keptFor: `jusqu’à leur expiration (${flowLives()}), puis ${frenchDuration(FLOW_SWEEP_GRACE_MS)}`,
      deletedBy: ({ db, now }) => sweepExpiredFlows(db, now),
    },
    franceconnect_transactions: {
      holds: 'Échanges techniques en cours avec FranceConnect',
      keptFor: `${frenchDuration(TRANSACTION_TTL_MS)} au plus`,
      deletedBy: ({ db, now }) => deleteExpiredTransactions(db, now),
    },
    demarches: {
      holds: 'Demandes de prestation : brouillons et demandes envoyées, avec les réponses du formulaire',
      keptFor: `brouillons : ${frenchDuration(DRAFT_TTL_MS)} après le dernier enregistrement ; demandes envoyées : ${cafRecords}`,
      deletedBy: ({ db, now }) => deleteExpiredDrafts(db, now),
    },
    demarche_events: {
      holds: 'Historique de chaque demande (changements de statut, motif des décisions)',
      keptFor: 'comme la demande qu’il décrit',
      deletedBy: 'caf-records',
    },
    justificatif_requests: {
      holds: 'Pièces demandées par la Caf pour une demande',
      keptFor: 'comme la demande qu’elles concernent',
      deletedBy: 'caf-records',
    },
    justificatifs: {
      holds: 'Justificatifs envoyés : nom du fichier, type, taille, empreinte',
      keptFor: `demande refusée ou classée sans suite : ${frenchDuration(REFUSED_FILES_RETENTION_MS)} après la décision (délai de recours et réponse au recours) ; sinon comme la demande`,
      deletedBy: sweepFilesOfRefusedRequests,
    },
    justificatif_blobs: {
      holds: 'Contenu des justificatifs envoyés',
      keptFor: 'comme le justificatif auquel il appartient',
      deletedBy: sweepOrphanBlobs,
    },
    outbox_messages: {
      holds: 'Mails et SMS envoyés (codes, avis de réception)',
      keptFor: `texte effacé et destinataire masqué dès l’envoi ; trace de l’envoi supprimée ${s.outboxRetentionDays} jours après`,
      deletedBy: 'outbox-worker',
    },
    audit_events: {
      holds: 'Journal de sécurité : connexions, codes envoyés, changements, actions des agents (adresse IP, navigateur)',
      keptFor: frenchDuration(AUDIT_RETENTION_MS),
      deletedBy: ({ db, now }) => deletedBatch(db, 'audit_events', 'at', now - AUDIT_RETENTION_MS),
    },
    rate_limits: {
      holds: 'Compteurs de tentatives (protection contre les essais répétés), identifiants sous forme d’empreinte',
      keptFor: `${frenchDuration(RATE_LIMIT_KEEP_MS)} au plus`,
      deletedBy: ({ db, now }) =>
        deleteRows(db, 'rate_limits', (eb) => eb.and([eb('window_start', '<', now - RATE_LIMIT_KEEP_MS), eb('blocked_until', '<=', now)])),
    },
    households: { holds: 'Dossier allocataire (numéro allocataire)', keptFor: cafRecords, deletedBy: 'caf-records' },
    household_members: {
      holds: 'Membres du foyer : identité, rôle, autorisation de gestion',
      keptFor: cafRecords,
      deletedBy: 'caf-records',
    },
    household_addresses: { holds: 'Adresses déclarées du foyer', keptFor: cafRecords, deletedBy: 'caf-records' },
    household_bank_accounts: {
      holds: 'Coordonnées bancaires (IBAN, titulaire) où sont versées les prestations',
      keptFor: cafRecords,
      deletedBy: 'caf-records',
    },
    household_separations: {
      holds: 'Séparations déclarées (date, nouvelle adresse, résidence des enfants)',
      keptFor: cafRecords,
      deletedBy: 'caf-records',
    },
    agents: {
      holds: 'Comptes des agents de la Caf (nom, adresse professionnelle)',
      keptFor: 'pendant les fonctions de l’agent, puis désactivés : leur nom reste dans l’historique des demandes qu’ils ont traitées',
      deletedBy: 'caf-records',
    },
    agent_roles: {
      holds: 'Droits des agents de la Caf (instruction des demandes, assistance aux comptes)',
      keptFor: 'pendant les fonctions de l’agent, comme son compte',
      deletedBy: 'caf-records',
    },
    account_recoveries: {
      holds:
        'Accès retrouvés sans les coordonnées de contact (par courrier, au guichet, avec FranceConnect) : canal, agent, nouvelles coordonnées, dates',
      keptFor: `${frenchDuration(AUDIT_RETENTION_MS)} après leur début, comme le journal des actions`,
      deletedBy: ({ db, now }) => deleteRows(db, 'account_recoveries', (eb) => eb('created_at', '<', now - AUDIT_RETENTION_MS)),
    },
    known_devices: {
      holds:
        'Appareils déjà utilisés pour se connecter (empreinte d’un identifiant aléatoire, dates), pour signaler une connexion depuis un nouvel appareil',
      keptFor: `${frenchDuration(AUDIT_RETENTION_MS)} après la dernière connexion depuis l’appareil`,
      deletedBy: ({ db, now }) => deleteRows(db, 'known_devices', (eb) => eb('last_seen_at', '<', now - AUDIT_RETENTION_MS)),
    },
    caf_threads: {
      holds:
        'Échanges écrits avec la Caf (« Contacter ma Caf ») : objet, dossier et démarche concernés, partage avec les gestionnaires du dossier',
      keptFor: `${frenchDuration(CAF_MESSAGES_RETENTION_MS)} après le dernier message de l’échange`,
      deletedBy: sweepOldThreads,
    },
    caf_messages: {
      holds: 'Messages écrits à la Caf et ses réponses (texte), et quand ils ont été lus',
      keptFor: 'comme l’échange auquel ils appartiennent',
      deletedBy: sweepOldThreads,
    },
    caf_message_files: {
      holds: 'Fichiers joints aux messages écrits à la Caf (nom, type, taille, empreinte ; le contenu avec celui des justificatifs)',
      keptFor: 'comme l’échange auquel ils appartiennent',
      deletedBy: sweepOldThreads,
    },
    droits: {
      holds: 'Droits du dossier : prestation, montant mensuel, premier et dernier mois, membre concerné',
      keptFor: cafRecords,
      deletedBy: 'caf-records',
    },
    droit_changes: {
      holds: 'Historique des droits : attribution, changements de montant, fin, avec leur motif et l’agent',
      keptFor: 'comme le droit qu’il décrit',
      deletedBy: 'caf-records',
    },
    payments: {
      holds: 'Paiements : mois, montant, date, statut, compte bancaire où ils ont été versés',
      keptFor: cafRecords,
      deletedBy: 'caf-records',
    },
    payment_adjustments: {
      holds: 'Rappels et indus nés d’un changement de montant, avec leur motif',
      keptFor: cafRecords,
      deletedBy: 'caf-records',
    },
    payment_adjustment_lines: {
      holds: 'Rappels versés et retenues sur les paiements pour rembourser un indu',
      keptFor: 'comme le paiement qu’elles accompagnent',
      deletedBy: 'caf-records',
    },
    attestations: {
      holds:
        'Attestations de paiement et de quotient familial délivrées : ce qu’elles certifient (ce que la personne a choisi d’y montrer), leur code, nom de l’allocataire, nombre de vérifications',
      keptFor: `${frenchDuration(ATTESTATION_RETENTION_MS)} après leur expiration ou leur révocation`,
      deletedBy: ({ db, now }) => sweepAttestations(db, now),
    },
    attestation_checks: {
      holds: 'Journal des vérifications d’attestations sur la page publique : date, réponse donnée, adresse IP du vérificateur',
      keptFor: frenchDuration(CHECK_LOG_RETENTION_MS),
      deletedBy: ({ db, now }) => sweepCheckLog(db, now),
    },
    taxable_resources: {
      holds: 'Revenus imposables annuels du foyer transmis par l’administration fiscale (année, montant), pour le quotient familial',
      keptFor: cafRecords,
      deletedBy: 'caf-records',
    },
    form_states: {
      holds: 'Réponses d’un formulaire refusé pour une erreur, chiffrées, le temps de vous réafficher le formulaire avec ses messages',
      keptFor: `jusqu’à l’affichage du formulaire, ${frenchDuration(FORM_STATE_TTL_MS)} au plus`,
      deletedBy: ({ db, now }) => deleteBatch(db, 'form_states', (eb) => eb('expires_at', '<', now), BATCH),
    },
  };
}

/** Threads of « Contacter ma Caf » whose last message is older than the period, with their messages and files. */
async function sweepOldThreads({ db, now, storage }: SweepDeps): Promise<number> {
  const old = await db
    .selectFrom('caf_threads')
    .select('id')
    .where('last_message_at', '<', now - CAF_MESSAGES_RETENTION_MS)
    .limit(100)
    .execute();
  let n = 0;
  for (const { id } of old)
    await db.transaction().execute(async (trx) => {
      const files = await trx.selectFrom('caf_message_files').select('storage_key').where('thread_id', '=', id).execute();
      for (const f of files) await storage.delete(f.storage_key, trx);
      await trx.deleteFrom('caf_message_files').where('thread_id', '=', id).execute();
      await trx.deleteFrom('caf_messages').where('thread_id', '=', id).execute();
      n += Number((await trx.deleteFrom('caf_threads').where('id', '=', id).executeTakeFirst()).numDeletedRows);
    });
  return n;
}

/** Sessions (a person's or an agent's) expired or ended more than SESSION_GRACE_MS ago. */
function endedSessions(table: 'sessions' | 'agent_sessions'): RetentionRule['deletedBy'] {
  return ({ db, now }) =>
    deleteRows(db, table, (eb) => eb.or([eb('expires_at', '<', now - SESSION_GRACE_MS), eb('ended_at', '<', now - SESSION_GRACE_MS)]));
}

/** « 15 minutes à 1 heure »: the shortest and longest life of a flow (src/flows/lives.ts). */
function flowLives(): string {
  const lives = Object.values(FLOW_LIVES).map((l) => l.ttlMs);
  return `${frenchDuration(Math.min(...lives))} à ${frenchDuration(Math.max(...lives))}`;
}

/** The sweeps of the hourly housekeeping, in the registry's order. */
export function retentionSweeps(
  s: RetentionSettings,
  storage: JustificatifStorage,
  db: Kysely<Database>,
): Array<(now: number) => Promise<number>> {
  return Object.values(retentionRules(s))
    .map((r) => r.deletedBy)
    .filter((d): d is Sweep => typeof d === 'function')
    .map((sweep) => (now: number) => sweep({ db, now, storage }));
}

async function deleted(p: Promise<{ numDeletedRows: bigint }>): Promise<number> {
  return Number((await p).numDeletedRows);
}

function deletedBatch(db: Kysely<Database>, table: 'audit_events', column: 'at', before: number): Promise<number> {
  return deleteBatch(db, table, (eb) => eb(column, '<', before), BATCH);
}

/** Accounts without a dossier, a sent démarche, a file or a separation, not signed in for two years: erased. */
async function sweepInactiveAccounts({ db, now }: SweepDeps): Promise<number> {
  const rows = await db
    .selectFrom('accounts')
    .select('id')
    .where('closed_at', 'is', null)
    .where((eb) => eb(eb.fn.coalesce('last_login_at', 'created_at'), '<', now - INACTIVE_ACCOUNT_MS))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('household_members').select('id').whereRef('household_members.account_id', '=', 'accounts.id'))),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('demarches').select('id').whereRef('demarches.account_id', '=', 'accounts.id').where('status', '!=', 'brouillon'),
        ),
      ),
    )
    .limit(100)
    .execute();
  let n = 0;
  for (const { id } of rows)
    await db.transaction().execute(async (trx) => {
      // the erasure re-checks the Caf's records: an account that sent a démarche meanwhile is kept (closed record at worst, never a lost démarche)
      if ((await eraseOnlineAccount(trx, id, now)) === 'deleted') n += 1;
    });
  return n;
}

/** The files of a démarche refused or classée sans suite more than a year ago: rows and bytes. */
async function sweepFilesOfRefusedRequests({ db, now, storage }: SweepDeps): Promise<number> {
  const files = await db
    .selectFrom('justificatifs')
    .innerJoin('demarches', 'demarches.id', 'justificatifs.demarche_id')
    .select(['justificatifs.id', 'justificatifs.storage_key'])
    .where('demarches.status', 'in', ['refusee', 'classee_sans_suite'])
    .where('demarches.updated_at', '<', now - REFUSED_FILES_RETENTION_MS)
    .limit(BATCH)
    .execute();
  for (const f of files)
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('justificatifs').where('id', '=', f.id).execute();
      await storage.delete(f.storage_key, trx);
    });
  return files.length;
}

/** Bytes no justificatif names any more (a refused upload, an interrupted request), a day after they were written. */
async function sweepOrphanBlobs({ db, now }: SweepDeps): Promise<number> {
  const t = db;
  return deleted(
    t
      .deleteFrom('justificatif_blobs')
      .where('created_at', '<', now - DAY_MS)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('justificatifs').select('id').whereRef('justificatifs.storage_key', '=', 'justificatif_blobs.key'))),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('caf_message_files').select('id').whereRef('caf_message_files.storage_key', '=', 'justificatif_blobs.key'),
          ),
        ),
      )
      .executeTakeFirst(),
  );
}
