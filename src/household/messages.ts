import type { Account } from '../accounts/repository';
import { maskIban } from '../identity/iban';
import { frenchDateTime } from '../shared/french-time';
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

export function dossierChangedMessage(manager: Contact, dossier: string, at: number, phone: string): OutgoingMessage {
  return {
    ...to(manager),
    subject: 'Changement d’adresse déclaré sur votre dossier',
    text: `Le ${frenchDateTime(at)}, une nouvelle adresse a été déclarée sur le dossier allocataire n° ${dossier}, depuis Mon Compte. Si vous n’êtes pas à l’origine de ce changement et qu’il vous surprend, appelez votre Caf au ${phone} sans attendre.`,
  };
}

/** When the new account will be paid to, as the person reads it (`payableFrom` null: only once an agent confirmed it). */
export function bankPayableSentence(payableFrom: number | null): string {
  return payableFrom === null
    ? 'Le nouveau compte recevra les paiements dès que la Caf l’aura confirmé.'
    : `Le nouveau compte recevra les paiements à partir du ${frenchDateTime(payableFrom)} ou dès que la Caf l’aura confirmé.`;
}

/**
 * A new bank account declared on the dossier: to every verified contact of the person who declared
 * it and of those who manage the dossier (the responsable first). The IBAN is never written in
 * full; a fraud aims at this change, so the message says what to do if it is not theirs.
 */
export function bankAccountChangedMessage(
  manager: Contact,
  o: { iban: string; payableFrom: number | null; dossier: string; at: number; phone: string },
): OutgoingMessage {
  return {
    ...to(manager),
    subject: 'Changement de compte bancaire déclaré sur votre dossier',
    text: `Le ${frenchDateTime(o.at)}, un nouveau compte bancaire (${maskIban(o.iban)}) a été déclaré pour le versement des prestations du dossier allocataire n° ${o.dossier}, depuis Mon Compte. ${bankPayableSentence(o.payableFrom)} Si vous n’êtes pas à l’origine de ce changement, appelez votre Caf au ${o.phone} sans attendre : le changement sera arrêté avant tout paiement.`,
  };
}

/** The code that confirms a new bank account, to the verified contact of the person who asked for it. */
export function bankChangeCodeMessage(a: Contact, code: string, phone: string): OutgoingMessage {
  return {
    ...to(a),
    subject: 'Votre code pour changer de compte bancaire',
    text: `Votre code pour confirmer le nouveau compte bancaire de votre dossier : ${code}. Il est valable 10 minutes. Ne le communiquez à personne : la Caf ne vous le demandera jamais. Si vous n’avez rien demandé, changez votre mot de passe et appelez votre Caf au ${phone}.`,
  };
}

/** To a member who leaves the dossier at a separation (declared or confirmed). */
const LEFT_DOSSIER =
  'Vous n’avez plus accès à ce dossier ; votre espace Mon Compte reste ouvert, et vous pouvez y faire vos propres demandes de prestation.';

/** What a message of a separation says: the dossier, when, the Caf's phone, whether its reader leaves the dossier. */
export interface SeparationNotice {
  dossier: string;
  at: number;
  phone: string;
  leavesDossier: boolean;
}

export function separationMessage(partner: Contact, n: SeparationNotice): OutgoingMessage {
  return {
    ...to(partner),
    subject: 'Une séparation a été déclarée sur votre dossier',
    text: `Le ${frenchDateTime(n.at)}, une séparation a été déclarée à la Caf sur le dossier allocataire n° ${n.dossier}. ${n.leavesDossier ? LEFT_DOSSIER : 'La Caf va étudier la nouvelle situation du foyer.'} ${notYou(n.phone)}`,
  };
}

/**
 * To the couple, once the Caf confirmed a separation another member declared: what the Caf
 * confirmed, nothing of who declared it nor where they live now.
 */
export function separationConfirmedMessage(member: Contact, n: SeparationNotice): OutgoingMessage {
  return {
    ...to(member),
    subject: 'La Caf a confirmé une séparation sur votre dossier',
    text: `Le ${frenchDateTime(n.at)}, la Caf a confirmé la séparation du couple du dossier allocataire n° ${n.dossier}. ${n.leavesDossier ? LEFT_DOSSIER : 'Votre ancien conjoint ou votre ancienne conjointe n’a plus accès au dossier. La Caf va étudier la nouvelle situation du foyer.'} ${notYou(n.phone)}`,
  };
}
