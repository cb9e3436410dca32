/**
 * The places of the journeys where the assistant can be opened. A page tells the layout its step;
 * the widget sends it with the question, and topics of that step are preferred.
 */
export const ASSISTANT_STEPS = [
  'accueil',
  'etat-civil',
  'titre-identite',
  'contact',
  'code',
  'mot-de-passe',
  'recapitulatif',
  'connexion',
  'mot-de-passe-oublie',
  'franceconnect',
  'espace',
  'demarches',
] as const;

export type AssistantStep = (typeof ASSISTANT_STEPS)[number];

export function isAssistantStep(s: unknown): s is AssistantStep {
  return typeof s === 'string' && (ASSISTANT_STEPS as readonly string[]).includes(s);
}

/** The steps of « Créer Mon Compte » (src/journeys/registration/machine.ts) as the assistant names them. */
export const REGISTRATION_STEPS = {
  civil_status: 'etat-civil',
  identity_document: 'titre-identite',
  contact: 'contact',
  code: 'code',
  password: 'mot-de-passe',
  review: 'recapitulatif',
} as const satisfies Record<string, AssistantStep>;

/** A step's own topic: the answer given to a vague message (« je suis bloqué ») sent from that step. */
export const STEP_TOPICS: Record<AssistantStep, string> = {
  accueil: 'creer-compte',
  'etat-civil': 'etat-civil-nom',
  'titre-identite': 'titres-acceptes',
  contact: 'sms-ou-mail',
  code: 'code-non-recu',
  'mot-de-passe': 'regles-mot-de-passe',
  recapitulatif: 'recapitulatif',
  connexion: 'identifiant-connexion',
  'mot-de-passe-oublie': 'mot-de-passe-oublie',
  franceconnect: 'franceconnect',
  espace: 'demander-prestation',
  demarches: 'suivre-demarches',
};

/**
 * What « j'en ai pas » means on a step that asks for something one may not have: the topic of
 * going on without it (no French identity document, no NIR, no code received).
 */
export const STEP_LACKS: Partial<Record<AssistantStep, string>> = {
  'titre-identite': 'sans-titre-francais',
  'etat-civil': 'sans-nir',
  code: 'code-non-recu',
  contact: 'contacter-caf',
};
