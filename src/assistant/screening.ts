import { safetyClassifier } from './classifier/model';
import { asksAsCarer, distressesOf, isPastMedical, isThreatened, saysBodily, saysViolence, namesAChild } from './distress';
import { DISTRESS_KINDS, type Distress } from './distress-patterns';
import { hasFigure, withoutFigures } from './figures';
import { angryAtTheService } from './frustration';
import { asksAsHoldersPartner, asksIntoOthersFile } from './others-file';
import {
  asksForAnExample,
  asksForSomeoneElse,
  asksOwnQuestion,
  asksOwnRights,
  asksWhatTheyMay,
  namesAnother,
  wishesForThemselves,
} from './safety';

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
      // nor in a medical emergency: « mon père est très malade, je m'occupe de lui, l'aide aux proches aidants ? » (the rules still see one)
      (c.intent !== 'urgence-medicale' || ruled.includes('urgence-medicale') || !asksAsCarer(text)) &&
      // anger at the service (« votre truc est pénible, vous vous moquez du monde ») is not despair on the classifier's word alone
      (c.intent !== 'urgence-suicide' || ruled.length > 0 || !angryAtTheService(text)) &&
      // someone threatening to kill the person is violence, which the rules see: not the person's own wish
      (c.intent !== 'urgence-suicide' || ruled.includes('urgence-suicide') || !isThreatened(text)) &&
      // a stroke months ago is a situation, not an emergency (« il a fait un AVC il y a six mois »)
      (c.intent !== 'urgence-medicale' || !isPastMedical(text)) &&
      // a medical emergency names a body, a symptom or care: « mon fils de 22 ans a fait une demande, où elle en est ? » does not
      (c.intent !== 'urgence-medicale' || ruled.includes('urgence-medicale') || saysBodily(text)) &&
      // violence names a blow, a threat or a person feared: « j'ai peur d'avoir mal écrit mon mot de passe » does not
      (c.intent !== 'urgence-violence' || ruled.includes('urgence-violence') || saysViolence(text)) &&
      // a carer asking about an aid (« il est très malade, je m'occupe de lui ») is no emergency unless the rules see one
      (c.intent !== 'urgence-medicale' || ruled.includes('urgence-medicale') || !asksAsCarer(text)) &&
      (c.intent !== SOMEONE_ELSE_TOPIC ||
        (namesAnother(text) &&
          !(
            asksOwnRights(text) ||
            asksOwnQuestion(text) ||
            asksWhatTheyMay(text) ||
            asksAsHoldersPartner(text) ||
            asksForAnExample(text)
          ))),
  );
  const kinds = new Set<string>([...ruled, ...classified.map((c) => c.intent)]);
  const distress = DISTRESS_KINDS.filter((k) => kinds.has(k));
  // A medical emergency the rules see comes before a suicide only the classifier guesses (« tout à coup il ne
  // peut plus parler » read as despair) or one the rules put after it (an overdose taken): the 15 first, the 3114
  // still given after it.
  const medicalFirst =
    ruled.includes('urgence-medicale') &&
    (!ruled.includes('urgence-suicide') || ruled.indexOf('urgence-medicale') < ruled.indexOf('urgence-suicide'));
  if (medicalFirst && distress[0] === 'urgence-suicide') {
    distress.splice(distress.indexOf('urgence-medicale'), 1);
    distress.unshift('urgence-medicale');
  }
  return {
    distress,
    // « ma fille veut voir ses infos » is about her access, whatever the classifier says.
    othersData:
      (kinds.has(SOMEONE_ELSE_TOPIC) && !wishesForThemselves(text)) ||
      asksForSomeoneElse(text) ||
      // the ways of asking into someone else's file `safety.ts` does not read — unless the person asks what they may see
      (asksIntoOthersFile(text) && !asksWhatTheyMay(text) && !wishesForThemselves(text)),
  };
}
