import type { OutgoingMessage } from '../../messaging/outbox';
import type { Contact } from '../../accounts/contact';

/** Sent to the verified contact once the account is created with FranceConnect. Never a secret in it. */
export function franceConnectWelcomeMessage(c: Pick<Contact, 'kind' | 'value'>): OutgoingMessage {
  if (c.kind === 'sms') {
    return {
      channel: 'sms',
      to: c.value,
      subject: 'Création de compte Mon Compte',
      text: 'Caf - Mon Compte : votre compte est créé avec FranceConnect. Connectez-vous avec le bouton « S’identifier avec FranceConnect ».',
    };
  }
  return {
    channel: 'email',
    to: c.value,
    subject: 'Votre compte Caf est créé',
    text: [
      'Bonjour,',
      '',
      'Votre compte Mon Compte est créé avec FranceConnect : votre identité est certifiée.',
      'Pour vous connecter, choisissez « S’identifier avec FranceConnect » sur la page de connexion.',
      'Vous pouvez aussi ajouter un mot de passe depuis la page « Sécurité » de votre espace personnel.',
      '',
      'Si vous n’êtes pas à l’origine de cette création de compte, appelez votre Caf.',
      '',
      'La Caf',
    ].join('\n'),
  };
}
