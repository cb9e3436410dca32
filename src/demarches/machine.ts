import { DEMARCHE_STATUSES, type DemarcheStatus } from '../db/tables/demarches.table';
import { defineMachine } from '../flows/machine';

/**
 * The life of a démarche (after demarches-simplifiees.fr's dossier): the person fills a brouillon
 * and sends it; a Caf agent takes it into instruction, may ask for pièces (back to the person, who
 * sends them, or the agent resumes when they arrive otherwise), and decides: acceptée, refusée, or
 * classée sans suite (also when asked pièces never come). Each transition is stored in
 * `demarche_events` with its date, who made it (the person or an agent) and why.
 *
 * The diagram (`demarcheMachine.diagram()`, kept in src/demarches/README.md, a test checks):
 * see README.md beside this file.
 */
export { DEMARCHE_STATUSES, type DemarcheStatus };

export const DEMARCHE_EVENTS = [
  /** the person sends the brouillon (déclaration sur l'honneur) */
  'submit',
  /** an agent opens the instruction */
  'start_instruction',
  /** an agent asks for a justificatif or information (with a message) */
  'request_documents',
  /** the person sends what was asked */
  'provide_documents',
  /** an agent resumes the instruction without the person's answer (pièce received otherwise) */
  'resume_instruction',
  'accept',
  'refuse',
  /** classer sans suite */
  'close',
] as const;
export type DemarcheEvent = (typeof DEMARCHE_EVENTS)[number];

export const demarcheMachine = defineMachine<DemarcheStatus, DemarcheEvent>({
  name: 'demarche',
  states: DEMARCHE_STATUSES,
  initial: 'brouillon',
  final: ['acceptee', 'refusee', 'classee_sans_suite'],
  transitions: {
    brouillon: { submit: 'envoyee' },
    envoyee: { start_instruction: 'en_instruction', close: 'classee_sans_suite' },
    en_instruction: { request_documents: 'en_attente_de_pieces', accept: 'acceptee', refuse: 'refusee', close: 'classee_sans_suite' },
    en_attente_de_pieces: { provide_documents: 'en_instruction', resume_instruction: 'en_instruction', close: 'classee_sans_suite' },
  },
});

/** Who makes a transition: the person (their account id) or a Caf agent (the agent's id). */
export type ActorKind = 'person' | 'agent';
export interface DemarcheActor {
  kind: ActorKind;
  id: string;
}

/** Which side may cause each event: the person sends and answers, the Caf instructs and decides. */
export const EVENT_ACTOR: Record<DemarcheEvent, ActorKind> = {
  submit: 'person',
  start_instruction: 'agent',
  request_documents: 'agent',
  provide_documents: 'person',
  resume_instruction: 'agent',
  accept: 'agent',
  refuse: 'agent',
  close: 'agent',
};

/** Events for which the agent must say why (shown to the person): the piece asked, the motif. */
export const REASON_REQUIRED: ReadonlySet<DemarcheEvent> = new Set(['request_documents', 'refuse', 'close']);

/** The status as the person reads it (« Mes démarches », the receipt, messages). */
export const STATUS_LABELS: Record<DemarcheStatus, string> = {
  brouillon: 'Brouillon',
  envoyee: 'Envoyée',
  en_instruction: 'En cours d’instruction',
  en_attente_de_pieces: 'En attente de pièces',
  acceptee: 'Acceptée',
  refusee: 'Refusée',
  classee_sans_suite: 'Classée sans suite',
};

/** What happened, as a line of the démarche's timeline. */
export const EVENT_LABELS: Record<DemarcheEvent | 'create', string> = {
  create: 'Demande commencée',
  submit: 'Demande envoyée',
  start_instruction: 'Instruction commencée par la Caf',
  request_documents: 'Pièces demandées par la Caf',
  provide_documents: 'Pièces transmises',
  resume_instruction: 'Instruction reprise par la Caf',
  accept: 'Demande acceptée',
  refuse: 'Demande refusée',
  close: 'Demande classée sans suite',
};
