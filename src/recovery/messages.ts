import { maskDestination, type ContactKind } from '../accounts/destination';
import { displayName, type Account } from '../accounts/repository';
import type { OutgoingMessage } from '../messaging/outbox';
import { frenchDateTime } from '../shared/french-time';

/** The letters, e-mails and SMS of access recovery and devices, in French. Codes appear only here. */
const warning = 'Ne communiquez jamais ce code : la Caf ne vous le demandera jamais, ni par téléphone, ni par mail.';

const CHANNEL_WORDS = {
  letter: 'avec le code reçu par courrier',
  counter: 'à l’accueil de votre Caf, sur présentation d’une pièce d’identité',
  franceconnect: 'avec FranceConnect',
} as const;

/** A dossier's address, as a letter needs it (a row of `household_addresses`). */
export interface PostalAddress {
  line1: string;
  line2: string | null;
  postal_code: string;
  city: string;
}

/** The address block of a letter: the person's name, then the dossier's address, one line each. */
export function postalRecipient(
  a: Pick<Account, 'civility' | 'given_names' | 'birth_name' | 'usage_name'>,
  address: PostalAddress,
): string {
  const name = `${a.civility === 'MME' ? 'Madame' : 'Monsieur'} ${displayName(a)}`;
  return [name, address.line1, address.line2, `${address.postal_code} ${address.city.toUpperCase()}`].filter(Boolean).join('\n');
}

export function recoveryLetter(
  recipient: string,
  o: { code: string; expiresAt: number; baseUrl: string; agencyPhone: string; identifierHint: string },
): OutgoingMessage {
  return {
    channel: 'post',
    to: recipient,
    subject: 'Courrier : votre code pour retrouver l’accès à Mon Compte',
    text: `Vous avez indiqué ne plus avoir accès à l’adresse mail ou au téléphone de votre compte Mon Compte (identifiant ${o.identifierHint}).

Votre code personnel : ${o.code}

Rendez-vous sur ${o.baseUrl}/recuperation/courrier, saisissez votre identifiant et ce code, puis choisissez de nouvelles coordonnées de contact et un nouveau mot de passe. Ce code est valable jusqu’au ${frenchDateTime(o.expiresAt)} et ne sert qu’une fois. ${warning}

Si vous n’avez rien demandé, appelez votre Caf au ${o.agencyPhone} : quelqu’un essaie peut-être d’accéder à votre compte.`,
  };
}

/** The code an agent sends at the counter to the person's new contact. */
export function counterCodeMessage(kind: ContactKind, value: string, code: string, baseUrl: string): OutgoingMessage {
  return {
    channel: kind,
    to: value,
    subject: 'Votre code pour retrouver l’accès à Mon Compte',
    text: `Votre code pour retrouver l’accès à Mon Compte : ${code}. Il est valable 10 minutes. Saisissez-le avec votre identifiant sur ${baseUrl}/recuperation/guichet. ${warning}`,
  };
}

/** The code to the new contact chosen after a letter or FranceConnect. */
export function recoveryContactCodeMessage(kind: ContactKind, value: string, code: string): OutgoingMessage {
  return {
    channel: kind,
    to: value,
    subject: 'Votre code pour confirmer vos nouvelles coordonnées',
    text: `Votre code pour confirmer ces nouvelles coordonnées sur Mon Compte : ${code}. Il est valable 10 minutes. ${warning}`,
  };
}

/** To the old contact: access was recovered without it. */
export function accessRecoveredMessage(
  old: { kind: ContactKind; value: string },
  o: { channel: keyof typeof CHANNEL_WORDS; next: { kind: ContactKind; value: string }; at: number; agencyPhone: string },
): OutgoingMessage {
  return {
    channel: old.kind,
    to: old.value,
    subject: 'L’accès à votre compte Mon Compte a été rétabli',
    text: `Le ${frenchDateTime(o.at)}, l’accès à votre compte Mon Compte a été rétabli ${CHANNEL_WORDS[o.channel]}. Vos codes seront désormais envoyés à ${maskDestination(o.next.kind, o.next.value)}, et ces coordonnées-ci ne sont plus utilisées. Toutes les sessions ouvertes ont été fermées, et un changement de compte bancaire n’est pas possible pendant quelque temps. Si vous n’êtes pas à l’origine de cette démarche, appelez votre Caf au ${o.agencyPhone} sans attendre.`,
  };
}

/** To the verified contact: a login from a device never seen on this account. */
export function newDeviceMessage(
  a: Pick<Account, 'contact_kind' | 'contact_value'>,
  device: string,
  at: number,
  agencyPhone: string,
): OutgoingMessage {
  return {
    channel: a.contact_kind,
    to: a.contact_value,
    subject: 'Nouvelle connexion à votre compte depuis un nouvel appareil',
    text: `Le ${frenchDateTime(at)}, quelqu’un s’est connecté à votre compte Mon Compte depuis un appareil que nous ne connaissions pas (${device}). Si c’est vous, il n’y a rien à faire. Sinon, changez votre mot de passe depuis « Sécurité du compte », déconnectez cet appareil dans « Mes appareils », et appelez votre Caf au ${agencyPhone}.`,
  };
}
