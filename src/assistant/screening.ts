import { safetyClassifier } from './classifier/model';
import { asksAsCarer, DISTRESS_KINDS, distressesOf, hasFigure, namesAChild, withoutFigures, type Distress } from './distress';
import { asksForSomeoneElse, asksOwnQuestion, asksOwnRights, asksWhatTheyMay, wishesForThemselves } from './safety';

/** The topic of a refusal to give someone else's data. */
export const SOMEONE_ELSE_TOPIC = 'donnees-d-autrui';

/**
 * What safety asks of a message, by the rules (distress.ts, safety.ts) and by the classifier
 * (classifier/): every kind of distress either finds, the most urgent first, and whether someone
 * else's data is asked for.
 */
export function safetyOf(text: string, classify: boolean): { distress: Distress[]; othersData: boolean } {
  // The classifier's class, checked against what the message says: a child in danger names a
  // child, and is not the children of a family the rules see without a roof (« ce soir, je ne peux
  // pas rentrer chez moi avec mes enfants »: the 115's); someone else's data is not the person's
  // own rights in a situation involving another.
  const ruled = distressesOf(text);
  // A figure of speech (« j'ai cru mourir d'ennui », « ça me tue ») is not read by the classifier: it
  // reads the message without it.
  const literal = hasFigure(text) ? withoutFigures(text) : text;
  const classified = (classify ? safetyClassifier().safety(literal) : []).filter(
    (c) =>
      (c.intent !== 'urgence-enfant' || (namesAChild(text) && !ruled.includes('urgence-hebergement'))) &&
      // a carer asking about an aid is not in despair by the classifier's word alone
      (c.intent !== 'urgence-suicide' || !asksAsCarer(text)) &&
      (c.intent !== SOMEONE_ELSE_TOPIC || !(asksOwnRights(text) || asksOwnQuestion(text) || asksWhatTheyMay(text))),
  );
  const kinds = new Set<string>([...ruled, ...classified.map((c) => c.intent)]);
  return {
    distress: DISTRESS_KINDS.filter((k) => kinds.has(k)),
    // « ma fille veut voir ses infos » is about her access, whatever the classifier says.
    othersData: (kinds.has(SOMEONE_ELSE_TOPIC) && !wishesForThemselves(text)) || asksForSomeoneElse(text),
  };
}
