import { type Distress, PATTERNS, THREAT } from './distress-patterns';
import { plain, withoutFigures } from './figures';

/**
 * What a message says of distress, read with the rules of `distress-patterns.ts` once its figures of speech are taken
 * out (`figures.ts`): the kinds it names, the most urgent first, whether the danger is immediate, a medical event told
 * as past, a threat to kill the person, a child named, a carer asking about an aid, a body or care named. Anger is
 * `frustration.ts`.
 */
/** Whether someone threatens to kill the person (violence, not suicide: the safety classifier reads « me tuer » as suicide). */
export function isThreatened(text: string): boolean {
  return new RegExp(`\\b(?:${THREAT})\\b`).test(plain(withoutFigures(text)));
}

/** An act under way or about to be, not a wish: the emergency numbers alone, nothing about the démarche. */
const IMMINENT = /\b(ce soir|cette nuit|maintenant|tout de suite|achete de quoi|j ai pris|j ai avale|il y a une heure)\b/;

/** A child or a teenager writing: « j'ai 16 ans », « je suis mineure », « je suis au collège ». */
const WRITTEN_BY_A_MINOR =
  /\b(?:j ai|jai|moi) (?:[6-9]|1[0-7]) ans\b|\bje suis (?:mineure?|ado|adolescente?|au college|au lycee|collegienne?|lyceenne?)\b/;

/**
 * Every kind of distress the message names, the most urgent first. A minor in danger or without a roof is a child in
 * danger too: the 119 is theirs, beside the 115 or the 17.
 */
/**
 * « j'ai pris trop de médicaments », « je viens d'avaler toute la boîte de cachets »: an overdose the person took. The 15
 * first, and the 3114 too — it may be an attempt on their life, said without the words.
 */
const OWN_OVERDOSE =
  /\b(?:j ai|jai|je viens d|je les ai|j en ai)\s+(?:\S+\s+)?(?:pris|avale)\w*\s+(?:toute|toutes|tous|trop|plein|des dizaines)\b(?:\s+\S+){0,3}?\s+(?:boites?|pilules|medicaments?|cachets|comprimes|plaquettes?)\b/;

export function distressesOf(text: string): Distress[] {
  const s = plain(withoutFigures(text));
  const ruled = PATTERNS.filter(([k, re]) => re.test(s) && !(k === 'urgence-medicale' && isPastMedical(text))).map(([k]) => k);
  const kinds: Distress[] = OWN_OVERDOSE.test(s)
    ? ['urgence-medicale', 'urgence-suicide', ...ruled.filter((k) => k !== 'urgence-medicale' && k !== 'urgence-suicide')]
    : ruled;
  const minorAtRisk = WRITTEN_BY_A_MINOR.test(s) && (kinds.includes('urgence-violence') || kinds.includes('urgence-hebergement'));
  return minorAtRisk && !kinds.includes('urgence-enfant')
    ? PATTERNS.map(([k]) => k).filter((k) => k === 'urgence-enfant' || kinds.includes(k))
    : kinds;
}

/**
 * A medical event told as past, weeks or more ago (« il a fait un AVC il y a six mois », « depuis son
 * AVC », « l'an dernier », « des séquelles »), and nothing saying it is happening again now (« là, de
 * nouveau », « tout à coup », « depuis une heure »): a carer's or a person's situation, not an emergency.
 */
const PAST_EVENT = new RegExp(
  [
    'il y a (?:\\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques|plusieurs) (?:semaines?|mois|ans|annees)',
    'depuis (?:\\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques|plusieurs) (?:mois|ans|annees)',
    '(?:depuis|suite a|apres|avant) (?:son|sa|mon|ma|leur|l|un|une|cet|cette) (?:avc|accident|infarctus|crise cardiaque|attaque|malaise|operation|hospitalisation|chute)',
    '(?:l|d) an (?:dernier|passe)|(?:l|d) annee (?:derniere|passee)|le mois dernier|(?:en|depuis) (?:19|20)\\d\\d',
    'sequelles?',
    // a carer telling of the event that made them one: « je m'occupe de mon père qui a eu un AVC »
    '(?:m occupe|occupe de|prends soin|aidant\\w*)\\b.{0,60}\\b(?:a eu|a fait|avait eu|avait fait) (?:un|une) (?:avc|infarctus|crise cardiaque|attaque|accident)',
    'hemipleg\\w*',
    'handicape\\w* depuis',
    // a month named (« un AVC en mars ») or what it left (« depuis il est en fauteuil »)
    '(?:en|au mois de|depuis|debut|fin|mi) (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)',
    'en fauteuil(?: roulant)?',
    // a time of the year (« un AVC en début d'année »)
    '(?:en|au|du|depuis le) (?:debut|milieu|fin) (?:d |de l )?annee',
  ].join('|'),
);
const HAPPENING_NOW = new RegExp(
  [
    // « maintenant » of a life changed since (« je travaille à temps partiel maintenant ») is no symptom now
    '(?<!(?:travaille|travail|bosse|vis|vit|habite|gere|occupe|temps partiel|mi temps)\\b[a-z ]{0,40})maintenant',
    'en ce moment',
    'tout a coup',
    'd un coup',
    'soudain\\w*',
    'subitement',
    'a l instant',
    '(?:vient|viens|venons) de',
    '(?:depuis|il y a) (?:\\d+|une|un|quelques|cinq|dix|vingt) (?:minutes?|min|heures?|h)',
    'ce matin',
    'depuis (?:hier|avant hier|ce soir)',
    'cette nuit',
    'de nouveau',
    'a nouveau',
    'encore (?:un|une)',
    'recommence',
    '(?:et|mais) la (?:il|elle)',
    '(?:je fais|on fait) quoi',
    'au secours',
  ].join('|'),
);

export function isPastMedical(text: string): boolean {
  const s = plain(withoutFigures(text));
  return new RegExp(`\\b(?:${PAST_EVENT.source})\\b`).test(s) && !new RegExp(`\\b(?:${HAPPENING_NOW.source})\\b`).test(s);
}

export function distressOf(text: string): Distress | undefined {
  return distressesOf(text)[0];
}

/**
 * Whether only the emergency numbers should be given: a medical emergency, or a suicide being
 * acted on (« j'ai pris toute la boîte », « ce soir »). Otherwise the question asked is answered
 * after the numbers.
 */
export function isImmediate(kinds: Distress[], text: string): boolean {
  return kinds.includes('urgence-medicale') || (kinds.includes('urgence-suicide') && IMMINENT.test(plain(text)));
}

/**
 * A refusal told beside a distress (« ma demande d'APL est refusée et je dors dans ma voiture », « on m'a refusé le
 * RSA »): after the emergency numbers, the way to contest it is what the person needs of their request.
 */
const TELLS_A_REFUSAL =
  /\b(?:est|a ete|ont ete|sont|m a|m ont|on m a|ete)\s+(?:\S+\s+)?(?:refuse|refusee|refuses|refusees|rejete|rejetee|rejetes|rejetees)\b|\brefus\s+(?:de|d|pour)\s+(?:ma|mon|mes|l|la|le)\b/;

export function tellsARefusal(text: string): boolean {
  return TELLS_A_REFUSAL.test(plain(text));
}

/**
 * Whether the message names a child, or is written by one (« j'ai 14 ans », « mes parents me … »):
 * every way of saying a child in danger the classifier learnt names one, so its `urgence-enfant`
 * is taken only when the message does (« je ne peux pas rentrer chez moi ce soir » names none).
 */
const NAMES_A_CHILD =
  /\b(enfants?|fils|filles?|bebes?|petite?s?|gamine?s?|gosses?|ados?|adolescente?s?|neveux?|nieces?|mineure?s?|nourrissons?|eleves?|jumeaux|jumelles?|ecoliere?s?|collegiene?s?|lyceene?s?|1[0-7] ans|[1-9] ans|\d{1,2} mois|mes parents|mon (beau )?pere|ma (belle )?mere|mon papa|ma maman)\b/;

export function namesAChild(text: string): boolean {
  return NAMES_A_CHILD.test(plain(text));
}

/**
 * A person who cares for a relative (« je m'occupe de mon père », « je m'en occupe tous les jours », « je
 * suis aidante ») and asks about an aid: a proche aidant's question. The safety classifier read « je m'en
 * occupe tous les jours » as despair; its distress gives way to this when the rules see none.
 */
const CARER = /\b(?:je|j)\s+(?:m en|m|me)\s+occupe\b|\bje suis (?:son |sa |leur )?(?:aidante?|proche aidante?)\b|\bproches? aidante?s?\b/;
const ASKS_AID = /\b(?:aides?|allocations?|droits?|ajpa|prestations?|indemnites?|conge)\b/;

export function asksAsCarer(text: string): boolean {
  const s = plain(withoutFigures(text));
  return CARER.test(s) && ASKS_AID.test(s);
}

/**
 * Whether a message says anything of a body, a symptom or care (« il ne bouge plus », « j'ai mal », « les pompiers »):
 * a medical emergency the safety classifier alone guesses needs one of them. A question about a démarche that names a
 * relative and none of them (« mon fils de 22 ans a fait une demande d'APL, où elle en est ? ») is no emergency.
 */
const BODILY = new RegExp(
  `\\b(?:${[
    'mal',
    'douleurs?',
    'souffr\\w*',
    'sang\\w*',
    'saign\\w*',
    'respir\\w*',
    'souffle',
    'etouff\\w*',
    'tomb\\w*',
    'chute',
    'bouge\\w*',
    'reveill?\\w*',
    'conscien\\w*',
    'inconscien\\w*',
    'evanoui\\w*',
    'malaise\\w*',
    'convuls\\w*',
    'crises?',
    'avc',
    'infarctus',
    'c(?:oe|œ)urs?',
    'poitrine',
    'fievre',
    'brul\\w*',
    'bless\\w*',
    'cachets?',
    'comprimes?',
    'medicaments?',
    'pilules?',
    'overdose',
    'aval\\w*',
    'boite',
    'hopital\\w*',
    'hospitalis\\w*',
    'urgences?',
    'ambulance',
    'samu',
    'pompiers?',
    'medecins?',
    'docteur',
    'enceinte',
    'accouch\\w*',
    'contractions?',
    'eaux',
    'paralys\\w*',
    'vomi\\w*',
    'allergi\\w*',
    'gonfl\\w*',
    'noy\\w*',
    'tete',
    'ventre',
    'visage',
    'bras',
    'jambes?',
    'parle\\w*',
    'parole',
    'pale',
    'bleue?s?',
    'froide?',
    'pouls',
    'diabet\\w*',
    'insuline',
    'epilep\\w*',
    'asthme',
    'corps',
    'trembl\\w*',
    'sante',
    'malade\\w*',
    'blanc',
    'yeux',
    'intoxi\\w*',
    'poison',
    'produit',
    'javel',
    'sucre',
    'fievre',
    'dort',
    'dormir',
    'mort\\w*',
    'mourir',
    'meurt',
    'vie',
    'help',
    'secours',
    'aide(?:z)? moi',
    'vite',
  ].join('|')})\\b`,
);

export function saysBodily(text: string): boolean {
  return BODILY.test(plain(text));
}

/** Words of violence, of a person to fear or of someone close: what a violence the classifier alone guesses must say (not « j'ai peur d'avoir mal écrit mon mot de passe »). */
const VIOLENT = new RegExp(
  `\\b(?:${[
    'frapp\\w*',
    'battu\\w*',
    'bat',
    'bats',
    'coups?',
    'gifl\\w*',
    'menac\\w*',
    'violen\\w*',
    'viol\\w*',
    'insult\\w*',
    'harcel\\w*',
    'enferm\\w*',
    'tuer',
    'tue',
    'agress\\w*',
    'etrangl\\w*',
    'cogn\\w*',
    'brutal\\w*',
    'jaloux',
    'jalouse',
    'danger',
    'peur (?:de lui|d elle|qu il|qu elle|de (?:mon|ma) \\w+|de rentrer|pour (?:moi|ma vie|mes enfants))',
    '(?:il|elle) me fait peur',
    // or a person close by: the one who may be violent
    '(?:mon|ma|mes|son|sa|notre) (?:mari|femme|epou\\w*|conjoint\\w*|compagn\\w*|copain|copine|petit ami|petite amie|ex|pere|mere|parents|frere|soeur|beau pere|belle mere|fils|fille|enfants?|voisin\\w*|patron|coloc\\w*|famille)',
  ].join('|')})\\b`,
);

export function saysViolence(text: string): boolean {
  return VIOLENT.test(plain(text));
}
