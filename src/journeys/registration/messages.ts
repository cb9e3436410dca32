import type { OutgoingMessage } from '../../messaging/outbox';
import { frenchDateTime } from '../../shared/french-time';
import type { Contact } from './data';

/*
 * The e-mails and SMS of the registration wizard (the code's is in ../contact-verification). Never
 * put a password in a message; a code only in the message that delivers it.
 */

/**
 * Sent to the verified contact at the end of the wizard, true in every case:
 * - an identifiant provisoire is always a new account: it is said created, with the identifier to keep;
 * - with a NIR, the same words whether an account was created or the NIR already had one (no
 *   enumeration): the password just chosen works only if the account was created, and what to do
 *   if one existed. Never « if it does not work, an account existed »: a mistyped password does not
 *   work either.
 */
export function welcomeMessage(
  c: Pick<Contact, 'kind' | 'value'>,
  o: { provisionalId: string | null; agencyPhone: string },
): OutgoingMessage {
  const words = o.provisionalId
    ? {
        sms: `Caf - Mon Compte : votre compte est créé. Votre identifiant provisoire : ${o.provisionalId}. Gardez ce message : connectez-vous avec cet identifiant et votre mot de passe. Mot de passe oublié ? Utilisez le lien de la page de connexion ou appelez le ${o.agencyPhone}.`,
        email: [
          'Votre compte Mon Compte est créé.',
          `Votre identifiant provisoire est ${o.provisionalId} : notez-le et gardez ce message. Pour vous connecter, saisissez cet identifiant et le mot de passe que vous venez de choisir.`,
          '',
          `Si vous oubliez votre mot de passe, utilisez « Mot de passe oublié ? » sur la page de connexion, ou appelez votre Caf au ${o.agencyPhone}.`,
        ],
      }
    : {
        sms: `Caf - Mon Compte : votre demande de création de compte est enregistrée. Connectez-vous avec votre numéro de sécurité sociale et le mot de passe choisi. Si un compte existait déjà avec ce numéro, aucun second compte n'a été créé : utilisez « Mot de passe oublié ? » ou appelez le ${o.agencyPhone}.`,
        email: [
          'Votre demande de création de compte sur Mon Compte est enregistrée.',
          'Connectez-vous avec votre numéro de sécurité sociale et le mot de passe que vous venez de choisir.',
          '',
          `Si un compte existait déjà avec ce numéro, aucun second compte n’a été créé et ce mot de passe ne fonctionnera pas : utilisez « Mot de passe oublié ? » sur la page de connexion, ou appelez votre Caf au ${o.agencyPhone}.`,
        ],
      };
  if (c.kind === 'sms') return { channel: 'sms', to: c.value, subject: 'Création de compte Mon Compte', text: words.sms };
  return {
    channel: 'email',
    to: c.value,
    subject: 'Votre compte Caf',
    text: ['Bonjour,', '', ...words.email, '', 'La Caf'].join('\n'),
  };
}

/** To the owner of an account, when someone tried to create another account with their NIR. */
export function duplicateAttemptMessage(
  owner: { kind: 'email' | 'sms'; value: string },
  o: { at: number; agencyPhone: string },
): OutgoingMessage {
  const when = frenchDateTime(o.at);
  if (owner.kind === 'sms') {
    return {
      channel: 'sms',
      to: owner.value,
      subject: 'Tentative de création de compte',
      text: `Caf - Mon Compte : quelqu'un a tenté de créer un compte avec votre numéro de sécurité sociale le ${when}. Si ce n'est pas vous, appelez le ${o.agencyPhone}. Votre compte n'a pas été modifié.`,
    };
  }
  return {
    channel: 'email',
    to: owner.value,
    subject: 'Tentative de création d’un compte avec votre numéro de sécurité sociale',
    text: [
      'Bonjour,',
      '',
      `Quelqu'un a tenté de créer un compte avec votre numéro de sécurité sociale le ${when}.`,
      'Votre compte existant n’a pas été modifié et aucun second compte n’a été créé.',
      '',
      'Si c’est vous : vous avez déjà un compte. Connectez-vous avec votre numéro de sécurité sociale, ou utilisez « Mot de passe oublié ? » si vous ne vous en souvenez plus.',
      `Si ce n’est pas vous : appelez votre Caf au ${o.agencyPhone}.`,
      '',
      'La Caf',
    ].join('\n'),
  };
}
