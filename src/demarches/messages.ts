import type { Account } from '../accounts/repository';
import type { FormDefinition } from '../forms/definition';
import { recap } from '../forms/engine';
import type { OutgoingMessage } from '../messaging/outbox';
import type { Prestation } from '../prestations/catalogue';
import { frenchDateTime as frenchTime } from '../shared/french-time';
import type { Demarche } from './repository';

/** The messages of a démarche, in French. Subjects are fixed wordings (kept after the text is erased). */

export function frenchDateTime(ms: number): string {
  return frenchTime(ms).replace(/[\u202f\u00a0]/g, ' ');
}

/** The accusé de réception: reference, date and time, and (by e-mail) the summary of the answers, IBAN masked. */
export function receiptMessage(
  a: Pick<Account, 'contact_kind' | 'contact_value'>,
  p: Prestation,
  form: FormDefinition,
  d: Demarche,
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
  const summary = recap(form, d.answers, { maskIban: true })
    .map((s) => [`${s.title}`, ...s.rows.map((r) => `- ${r.label} : ${r.value}`)].join('\n'))
    .join('\n\n');
  return {
    channel: 'email',
    to: a.contact_value,
    subject: 'Accusé de réception de votre demande',
    text: `Bonjour,\n\n${head}\n\nVotre demande sera étudiée par un agent de la Caf. Vous suivrez son avancement dans Mon Compte, rubrique Mes démarches, où vous pouvez aussi télécharger cet accusé de réception au format PDF.\n\nRésumé de vos réponses :\n\n${summary}\n\nPour toute question, appelez votre Caf au ${agencyPhone} en indiquant la référence ${d.reference}.\n\nLa Caf`,
  };
}
