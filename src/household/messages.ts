import type { Account } from '../accounts/repository';
import { frenchDateTime } from '../shared/french-time';
import { maskIban } from '../identity/iban';
import type { OutgoingMessage } from '../messaging/outbox';

/**
 * The e-mails and SMS of the household, in French, to a member's verified contact. Subjects are
 * fixed wordings (kept after the text is erased); texts name no other person of the household.
 */
type Contact = Pick<Account, 'contact_kind' | 'contact_value'>;
const to = (a: Contact): Pick<OutgoingMessage, 'channel' | 'to'> => ({ channel: a.contact_kind, to: a.contact_value });
const notYou = (phone: string) => `Si vous pensez qu’il s’agit d’une erreur, appelez votre Caf au ${phone}.`;

export function procurationGrantedMessage(conjoint: Contact, dossier: string, at: number, phone: string): OutgoingMessage {
  return {
    ...to(conjoint),
    subject: 'Vous avez reçu l’autorisation de gestion du dossier',
    text: `Le ${frenchDateTime(at)}, le responsable du dossier allocataire n° ${dossier} vous a donné l’autorisation de gestion : depuis votre espace Mon Compte, vous pouvez désormais faire les démarches du foyer et déclarer les changements du dossier. Cette autorisation peut vous être retirée à tout moment. ${notYou(phone)}`,
  };
}

export function procurationRevokedMessage(conjoint: Contact, dossier: string, at: number, phone: string): OutgoingMessage {
  return {
    ...to(conjoint),
    subject: 'Votre autorisation de gestion du dossier a été retirée',
    text: `Le ${frenchDateTime(at)}, le responsable du dossier allocataire n° ${dossier} vous a retiré l’autorisation de gestion. Votre espace Mon Compte reste ouvert : vous pouvez toujours consulter vos informations, modifier vos coordonnées et déclarer une séparation. ${notYou(phone)}`,
  };
}

export function dossierChangedMessage(
  manager: Contact,
  what: { kind: 'address' } | { kind: 'bank'; iban: string },
  dossier: string,
  at: number,
  phone: string,
): OutgoingMessage {
  const change =
    what.kind === 'address'
      ? 'une nouvelle adresse a été déclarée'
      : `un nouveau compte bancaire a été déclaré (${maskIban(what.iban)}) pour le versement des prestations`;
  return {
    ...to(manager),
    subject:
      what.kind === 'address'
        ? 'Changement d’adresse déclaré sur votre dossier'
        : 'Changement de compte bancaire déclaré sur votre dossier',
    text: `Le ${frenchDateTime(at)}, ${change} sur le dossier allocataire n° ${dossier}, depuis Mon Compte. Si vous n’êtes pas à l’origine de ce changement et qu’il vous surprend, appelez votre Caf au ${phone} sans attendre.`,
  };
}

export function separationMessage(
  partner: Contact,
  dossier: string,
  at: number,
  phone: string,
  o: { leavesDossier: boolean },
): OutgoingMessage {
  return {
    ...to(partner),
    subject: 'Une séparation a été déclarée sur votre dossier',
    text: `Le ${frenchDateTime(at)}, une séparation a été déclarée à la Caf sur le dossier allocataire n° ${dossier}. ${o.leavesDossier ? 'Vous n’avez plus accès à ce dossier ; votre espace Mon Compte reste ouvert, et vous pouvez y faire vos propres demandes de prestation.' : 'La Caf va étudier la nouvelle situation du foyer.'} ${notYou(phone)}`,
  };
}

/**
 * To the couple, once the Caf confirmed a separation another member declared: what the Caf
 * confirmed, nothing of who declared it nor where they live now.
 */
export function separationConfirmedMessage(
  member: Contact,
  dossier: string,
  at: number,
  phone: string,
  o: { leavesDossier: boolean },
): OutgoingMessage {
  return {
    ...to(member),
    subject: 'La Caf a confirmé une séparation sur votre dossier',
    text: `Le ${frenchDateTime(at)}, la Caf a confirmé la séparation du couple du dossier allocataire n° ${dossier}. ${o.leavesDossier ? 'Vous n’avez plus accès à ce dossier ; votre espace Mon Compte reste ouvert, et vous pouvez y faire vos propres demandes de prestation.' : 'Votre ancien conjoint ou votre ancienne conjointe n’a plus accès au dossier. La Caf va étudier la nouvelle situation du foyer.'} ${notYou(phone)}`,
  };
}
