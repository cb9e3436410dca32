import type { Account } from '../../accounts/repository';
import type { OutgoingMessage } from '../../messaging/outbox';
import { maskDestination, type ContactKind } from '../../accounts/destination';
import { frenchDateTime } from '../../shared/french-time';

/** The heading of every page that says a session has ended (logout, FranceConnect logout, the agents' logout): one wording. */
export const SIGNED_OUT = 'Vous êtes déconnecté(e)';

/** The e-mails and SMS of login and account security, in French. Codes appear only here, never in logs. */
const warning = 'Ne communiquez jamais ce code : la Caf ne vous le demandera jamais, ni par téléphone, ni par mail.';

function to(kind: ContactKind, value: string): Pick<OutgoingMessage, 'channel' | 'to'> {
  return { channel: kind, to: value };
}

export function loginCodeMessage(a: Pick<Account, 'contact_kind' | 'contact_value'>, code: string): OutgoingMessage {
  return {
    ...to(a.contact_kind, a.contact_value),
    subject: 'Votre code de connexion Mon Compte',
    text: `Votre code de connexion à Mon Compte : ${code}. Il est valable 10 minutes. ${warning} Si vous n’essayez pas de vous connecter, modifiez votre mot de passe.`,
  };
}

export function resetCodeMessage(a: Pick<Account, 'contact_kind' | 'contact_value'>, code: string): OutgoingMessage {
  return {
    ...to(a.contact_kind, a.contact_value),
    subject: 'Votre code pour choisir un nouveau mot de passe',
    text: `Votre code pour choisir un nouveau mot de passe Mon Compte : ${code}. Il est valable 10 minutes. ${warning} Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.`,
  };
}

export function passwordChangedMessage(
  a: Pick<Account, 'contact_kind' | 'contact_value'>,
  at: number,
  agencyPhone: string,
  o: { created?: boolean } = {},
): OutgoingMessage {
  const what = o.created ? 'créé' : 'modifié';
  return {
    ...to(a.contact_kind, a.contact_value),
    subject: `Votre mot de passe a été ${what}`,
    text: `Votre mot de passe Mon Compte a été ${what} le ${frenchDateTime(at)}. Toutes vos autres sessions ont été fermées. Si vous n’êtes pas à l’origine de ce changement, appelez votre Caf au ${agencyPhone} sans attendre.`,
  };
}

export function contactChangeCodeMessage(kind: ContactKind, value: string, code: string): OutgoingMessage {
  return {
    ...to(kind, value),
    subject: 'Votre code pour confirmer vos nouvelles coordonnées',
    text: `Votre code pour confirmer ces nouvelles coordonnées sur Mon Compte : ${code}. Il est valable 10 minutes. ${warning}`,
  };
}

export function contactChangedMessage(
  old: { kind: ContactKind; value: string },
  next: { kind: ContactKind; value: string },
  at: number,
  agencyPhone: string,
): OutgoingMessage {
  const where =
    next.kind === 'email' ? `l’adresse mail ${maskDestination('email', next.value)}` : `le numéro ${maskDestination('sms', next.value)}`;
  return {
    ...to(old.kind, old.value),
    subject: 'Vos coordonnées de contact ont été modifiées',
    text: `Le ${frenchDateTime(at)}, vos coordonnées de contact Mon Compte ont été remplacées par ${where}. Vos codes seront désormais envoyés à ${where}. Si vous n’êtes pas à l’origine de ce changement, appelez votre Caf au ${agencyPhone} sans attendre.`,
  };
}
