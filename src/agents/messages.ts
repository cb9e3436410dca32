import type { OutgoingMessage } from '../messaging/outbox';
import type { Agent } from './tables';

/** The e-mails of the Caf side, in French. The code appears only here, never in logs. */
export function agentLoginCodeMessage(a: Pick<Agent, 'email'>, code: string): OutgoingMessage {
  return {
    channel: 'email',
    to: a.email,
    subject: 'Votre code de connexion à l’espace gestionnaire',
    text: `Votre code de connexion à l’espace gestionnaire Mon Compte : ${code}. Il est valable 10 minutes. Ne le communiquez à personne. Si vous n’essayez pas de vous connecter, prévenez la sécurité informatique de votre Caf.`,
  };
}
