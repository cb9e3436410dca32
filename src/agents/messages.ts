import type { OutgoingMessage } from '../messaging/outbox';
import type { Agent } from '../db/tables/agents.table';

/** The e-mails of the Caf side, in French. The code appears only here, never in logs. */
export function agentLoginCodeMessage(a: Pick<Agent, 'email'>, code: string): OutgoingMessage {
  return {
    channel: 'email',
    to: a.email,
    subject: 'Votre code de connexion à l’espace gestionnaire',
    text: `Votre code de connexion à l’espace gestionnaire Mon Compte : ${code}. Il est valable 10 minutes. Ne le communiquez à personne. Si vous n’essayez pas de vous connecter, prévenez la sécurité informatique de votre Caf.`,
  };
}

/** The events of the Caf side the person is told about, by the outbox. */
export type NotifiedEvent = 'start_instruction' | 'request_documents' | 'accept' | 'refuse' | 'close';

/** Fixed subjects (never personal data: they are kept after the text is erased). */
export const NOTIFICATION_SUBJECTS: Record<NotifiedEvent, string> = {
  start_instruction: 'Votre demande a été prise en charge',
  request_documents: 'Un justificatif est demandé',
  accept: 'Votre demande a été acceptée',
  refuse: 'Votre demande a été refusée',
  close: 'Votre demande a été classée sans suite',
};

const WHAT_HAPPENED: Record<NotifiedEvent, string> = {
  start_instruction: 'a été prise en charge par la Caf : elle est en cours d’instruction',
  request_documents: 'a besoin d’un justificatif : la Caf vous demande une pièce, à transmettre depuis « Mes démarches »',
  accept: 'a été acceptée',
  refuse: 'a été refusée',
  close: 'a été classée sans suite',
};

/** A declaration (« Déclarer une séparation ») is confirmed or not by the Caf, not accepted as a request. */
const DECLARATION_SUBJECTS: Record<NotifiedEvent, string> = {
  ...NOTIFICATION_SUBJECTS,
  start_instruction: 'Votre déclaration a été prise en charge',
  accept: 'Votre déclaration a été confirmée',
  refuse: 'Votre déclaration n’a pas été confirmée',
  close: 'Votre déclaration a été classée sans suite',
};
const DECLARATION_HAPPENED: Record<NotifiedEvent, string> = {
  ...WHAT_HAPPENED,
  accept: 'a été confirmée par la Caf',
  refuse: 'n’a pas été confirmée par la Caf',
};

const decided = (e: NotifiedEvent) => e === 'accept' || e === 'refuse' || e === 'close';

/** « votre demande d’aide au logement », « votre demande de Revenu de solidarité active (RSA) ». */
export function yourRequestFor(title: string): string {
  const t = /^.[a-zà-ÿ]/.test(title) ? title[0]!.toLowerCase() + title.slice(1) : title;
  return `votre demande ${/^[aeiouyàâäéèêëîïôöùûüœh]/i.test(t) ? 'd’' : 'de '}${t}`;
}

/**
 * The message that tells a person what the Caf did with their démarche: what happened, and in an
 * e-mail the piece asked (named), the motif of a decision and, for a refusal, how to contest it (src/prestations/appeals.ts);
 * an SMS (read on a locked screen) names no motif and points to « Mes démarches », behind the login.
 */
export function demarcheNotification(
  to: { contact_kind: 'email' | 'sms'; contact_value: string },
  d: { prestationTitle: string; reference: string | null; declaration?: boolean; motif?: string | null; appeal?: string | null },
  event: NotifiedEvent,
  baseUrl: string,
): OutgoingMessage {
  const ref = d.reference ? ` (référence ${d.reference})` : '';
  const what = d.declaration
    ? `votre déclaration « ${d.prestationTitle} »${ref} ${DECLARATION_HAPPENED[event]}`
    : `${yourRequestFor(d.prestationTitle)}${ref} ${WHAT_HAPPENED[event]}`;
  const where = `${baseUrl}/mon-espace/demarches`;
  const text =
    to.contact_kind === 'sms'
      ? `Mon Compte Caf : ${what}.${event === 'refuse' ? ' Vous pouvez la contester dans un délai de deux mois : voyez comment dans « Mes démarches ».' : ''} Détails dans « Mes démarches » : ${where}`
      : `Bonjour,\n\n${what[0]!.toUpperCase()}${what.slice(1)}.\n\n${decided(event) && d.motif ? `Motif : ${d.motif}\n\n` : ''}${event === 'request_documents' && d.motif ? `La Caf vous demande : ${d.motif}\n\n` : ''}${event === 'refuse' && d.appeal ? `${d.appeal}\n\n` : ''}Vous trouverez le détail dans « Mes démarches » après vous être connecté à Mon Compte : ${where}\n\nLa Caf ne vous demandera jamais votre mot de passe ni un code reçu par message.`;
  const subject = d.declaration ? DECLARATION_SUBJECTS[event] : NOTIFICATION_SUBJECTS[event];
  return { channel: to.contact_kind, to: to.contact_value, subject, text };
}
