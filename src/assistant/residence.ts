import { fold } from './analyser';
import { type Asked, answerFor } from './cases';
import type { Topic } from './knowledge';
import { ourKnowledge } from './matches';

/**
 * A prestation asked for by a person who names their titre de séjour (« mon titre de séjour étudiant », « j'ai un
 * récépissé », « visa long séjour »): what that titre opens for this prestation is said first — the case of the topic
 * `titre-sejour-prestations` the message names (the RSA and the prime d'activité ask for 5 years, the aide au logement a
 * valid titre), else its general rule — then the prestation's own answer. That topic is not searched: it is said beside a
 * prestation, never instead of it.
 */
export const RESIDENCE_TOPIC = 'titre-sejour-prestations';

const NAMES_A_PERMIT =
  /\b(?:(?:titre|carte|permis) (?:de )?sejour|recepisse|vls ts|visa (?:etudiant|long sejour|d etudes?)|etudiante? etrangere?s?|etudiants? etrangers?)\b/;

export function namesResidencePermit(text: string): boolean {
  return NAMES_A_PERMIT.test(
    fold(text)
      .replace(/[^a-z0-9]+/g, ' ')
      .trim(),
  );
}

const ASKS_FOR_A_PRESTATION = (id: string) => id.startsWith('prestation-') || id === 'demander-prestation';

/** The paragraph to say before a prestation's answer when the message names a titre de séjour; none otherwise. */
export function residenceRule(main: Topic, asked: Asked): string[] {
  if (!ASKS_FOR_A_PRESTATION(main.id) || !namesResidencePermit(asked.text)) return [];
  const residence = ourKnowledge().index.topic(RESIDENCE_TOPIC);
  return residence ? answerFor(residence, asked).slice(0, 1) : [];
}
