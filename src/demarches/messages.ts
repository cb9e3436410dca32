import type { Account } from '../accounts/repository';
import type { OutgoingMessage } from '../messaging/outbox';
import type { Prestation } from '../prestations/catalogue';
import { frenchDateTime as frenchTime } from '../shared/french-time';
import type { Demarche } from './repository';

/** The messages of a démarche, in French. Subjects are fixed wordings (kept after the text is erased). */

export function frenchDateTime(ms: number): string {
  return frenchTime(ms).replace(/[\u202f\u00a0]/g, ' ');
}

/**
 * The accusé de réception: the prestation, the reference, the date and time — and nothing else. A
 * message leaves Mon Compte (a mailbox, a phone's locked screen, a shared computer): the answers
 * (address, landlord, income, bank account…) stay in Mon Compte, where the person reads them after
 * logging in, and in the PDF they download there.
 */
export function receiptMessage(
  a: Pick<Account, 'contact_kind' | 'contact_value'>,
  p: Pick<Prestation, 'title'>,
  d: Pick<Demarche, 'reference' | 'submitted_at' | 'updated_at'>,
  agencyPhone: string,
): OutgoingMessage {
  const when = frenchDateTime(d.submitted_at ?? d.updated_at);
  const head = `Votre demande « ${p.title} » a bien été envoyée à la Caf le ${when}. Référence : ${d.reference}.`;
  if (a.contact_kind === 'sms') {
    return {
      channel: 'sms',
      to: a.contact_value,
      subject: 'Accusé de réception de votre demande',
      text: `${head} Retrouvez l’accusé de réception dans Mon Compte, rubrique Mes démarches.`,
    };
  }
  return {
    channel: 'email',
    to: a.contact_value,
    subject: 'Accusé de réception de votre demande',
    text: `Bonjour,\n\n${head}\n\nVotre demande sera étudiée par un agent de la Caf. Vous suivrez son avancement dans Mon Compte, rubrique Mes démarches, où vous retrouverez aussi vos réponses et cet accusé de réception au format PDF.\n\nPour toute question, appelez votre Caf au ${agencyPhone} en indiquant la référence ${d.reference}.\n\nLa Caf`,
  };
}
