/** Messages carrying a code, as the application writes them: for the worker and retention tests. */
export const CODE_MAIL = {
  channel: 'email' as const,
  to: 'élise.dupré@example.fr',
  subject: 'Votre code de vérification Mon Compte',
  text: 'Bonjour,\n\nVotre code de vérification est 482913. Il est valable 10 minutes.\n\nÀ bientôt sur Mon Compte — votre Caf.',
};
export const CODE_SMS = { channel: 'sms' as const, to: '+33612345678', subject: 'Code de vérification', text: 'Mon Compte Caf : votre code est 736204 (valable 10 min).' };
