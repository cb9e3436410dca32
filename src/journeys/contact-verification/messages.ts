import type { OutgoingMessage } from '../../messaging/outbox';
import type { Contact } from '../../accounts/contact';

/** The message that delivers a contact code (the only message a code may be in). */
export function codeMessage(c: Pick<Contact, 'kind' | 'value'>, code: string): OutgoingMessage {
  if (c.kind === 'sms') {
    return {
      channel: 'sms',
      to: c.value,
      subject: 'Code de vérification Mon Compte',
      text: `Caf - Mon Compte : votre code de vérification est ${code}. Il est valable 10 minutes. Ne le communiquez à personne.`,
    };
  }
  return {
    channel: 'email',
    to: c.value,
    subject: 'Votre code de vérification Mon Compte',
    text: [
      'Bonjour,',
      '',
      `Voici votre code de vérification pour créer votre compte Caf : ${code}`,
      '',
      'Il est valable 10 minutes. Ne le communiquez à personne : la Caf ne vous le demandera jamais, ni par téléphone ni par mail.',
      '',
      'Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer ce message.',
      '',
      'La Caf',
    ].join('\n'),
  };
}
