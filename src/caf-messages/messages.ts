import type { Account } from '../accounts/repository';
import type { OutgoingMessage } from '../messaging/outbox';
import type { ThreadSubject } from '../db/tables/caf-messages.table';

/** The words of « Contacter ma Caf » shared by the pages, the JSON API and the notices. */
export const SUBJECT_LABELS: Record<ThreadSubject, string> = {
  demande: 'Ma demande en cours',
  paiements: 'Mes paiements',
  dossier: 'Mon dossier',
  autre: 'Autre question',
};

/** Where the person reads their messages. */
export const MESSAGES_PATH = '/mon-espace/messages';

/**
 * The notice of an answer: it says there is one, never what it says — an e-mail or a text may be
 * read by someone else (a shared mailbox, a locked phone's screen).
 */
export function newAnswerNotice(to: Pick<Account, 'contact_kind' | 'contact_value'>, baseUrl: string): OutgoingMessage {
  const link = `${baseUrl.replace(/\/$/, '')}${MESSAGES_PATH}`;
  return {
    channel: to.contact_kind,
    to: to.contact_value,
    subject: 'Vous avez un nouveau message dans Mon Compte',
    text:
      to.contact_kind === 'sms'
        ? `Caf : vous avez un nouveau message dans Mon Compte. Lisez-le dans votre espace, rubrique « Mes messages ».`
        : `Bonjour,\n\nVotre Caf vous a répondu. Vous avez un nouveau message dans Mon Compte : connectez-vous pour le lire, rubrique « Mes messages » (${link}).\n\nPar sécurité, ce mail ne reprend pas le contenu du message.\n\nVotre Caf`,
  };
}
