import { expand, fold, words } from './analyser';
import { STOPWORDS, VAGUE_WORDS } from './lexicon';

/**
 * Rules read before any search: a request for another person's NIR, password, code or money, and
 * a message too vague to search (« je suis bloqué ») — answered from the person's step.
 */
const RELATIVE =
  'conjoint|mari|femme|epouse?|ex|copine?|copain|compagne?|mere|pere|maman|papa|fils|fille|enfant|frere|soeur|cousine?|tante|oncle|grand-?mere|grand-?pere|parents?';
const STRANGER =
  'voisine?|quelqu ?un|quelquun|autre personne|autre allocataire|inconnu|collegue|patron|ami|amie|personne|monsieur|madame|mr|mme';
const SECRET =
  'nir|secu|nss|numero|numeroallocataire|identifiant|motdepasse|mdp|code|montant|combien|argent|somme|salaire|revenus?|ressources';
const PRIVATE = `${SECRET}|dossier|compte|donnees|informations?|infos?|adresse|telephone|mail`;

const ABOUT_RELATIVE = new RegExp(`\\b(de|du|a|pour)\\s+(mon|ma|mes|son|sa|ses|leur|notre|un|une|la|le)?\\s*(${RELATIVE})\\b`);
const ABOUT_STRANGER = new RegExp(`\\b(de|du|a|pour|d)\\s+(mon|ma|mes|son|sa|un|une|la|le|l)?\\s*(${STRANGER})\\b(?! acharge)`);
const WANT_WORDS =
  'veux|voudrais|besoin|cherche|donne|donner|donnez|dis|dire|dites|trouve|trouver|connaitre|connait|avoir|voir|consulter|acceder|recuperer|quel|quelle|quoi|touche|gagne|envoie|envoyer|chercher|retrouver|obtenir|savoir|svp|stp|please';
const WANT = new RegExp(`\\b(${WANT_WORDS})\\b`);
const PRIVATE_WORD = new RegExp(`\\b(${PRIVATE})\\b`);
/** Asking to be told, not to enter: « donnez-moi », « trouver », « savoir », not « mettre ». */
const TELL =
  /\b(donne|donner|donnez|dis|dire|dites|trouver|retrouver|connaitre|savoir|obtenir|avoir|quel|quelle|ou habite|(veux|voudrais|besoin de?) (l |la |le )?(adresse|telephone|mail|portable))\b/;
/** « le numéro de sécu de ma femme », « le mot de passe de mon mari »: the secret, then whose it is. */
const SECRET_OF_RELATIVE = new RegExp(
  `\\b(${SECRET})\\s+(\\S+\\s+){0,2}?(de|du|d)\\s+(mon|ma|mes|son|sa|ses|leur|notre|l)?\\s*(${RELATIVE})\\b`,
);
/** « me dire son mot de passe », « trouver son numéro »: a wish, then another person's secret. */
const WANTS_OTHERS_SECRET = new RegExp(`\\b(${WANT_WORDS})\\s+(\\S+\\s+){0,3}?(son|sa|ses|leur)\\s+(${SECRET})\\b`);
/** « l'adresse de mon ex », « le téléphone de ma sœur ». */
const CONTACT_OF_RELATIVE = new RegExp(
  `\\b(adresse|telephone|mail|portable)\\s+(\\S+\\s+){0,1}?(de|du|d)\\s+(mon|ma|son|sa)\\s+(${RELATIVE})\\b`,
);
/** « savoir si mon ex a un compte », « vérifier si mon salarié touche le RSA »: facts of someone else's dossier. */
const WHETHER_OTHER = new RegExp(
  `\\b(savoir|dire|dites|dis|verifier|voir|connaitre)\\s+(\\S+\\s+){0,2}?si\\s+(mon|ma|son|sa|un|une|le|la)\\s+(${RELATIVE}|${STRANGER}|salarie|salariee|employe|employee|locataire)\\s+(a|est|touche|recoit|percoit|gagne|declare|demande|fait)\\b`,
);

/** « Donne-moi le numéro de sécu de mon mari », « combien touche mon voisin », « le mot de passe de ma femme ». */
export function asksForSomeoneElse(text: string): boolean {
  const s = ` ${words(text).join(' ')} `;
  if (WHETHER_OTHER.test(s)) return true;
  if (!WANT.test(s)) return false;
  if (ABOUT_STRANGER.test(s) && PRIVATE_WORD.test(s)) return true;
  if (SECRET_OF_RELATIVE.test(s) || (CONTACT_OF_RELATIVE.test(s) && TELL.test(s))) return true;
  if (WANTS_OTHERS_SECRET.test(s) && (ABOUT_RELATIVE.test(s) || ABOUT_STRANGER.test(s))) return true;
  // « combien touche ma voisine », not « mon mari touche déjà les allocs, moi je veux mon espace ».
  return (
    /\b(combien|cb|cbn|montant|quel|quelle|savoir|connaitre)\b/.test(s) &&
    /\b(touche|gagne)\b/.test(s) &&
    new RegExp(`\\b(mon|ma|son|sa)\\s+(${RELATIVE}|${STRANGER})\\b`).test(s)
  );
}

/** A message with no word but « aide », « bloqué », « je comprends pas »… */
export function isVague(text: string): boolean {
  const ws = words(text)
    .flatMap((w) => expand(w))
    .filter((w) => !STOPWORDS.has(w));
  return ws.every((w) => VAGUE_WORDS.has(w) || /^\d+$/.test(w));
}

const AMOUNT_WORD = /\b(montant|somme|euros?|calcule|calculer|calcul|toucher|touche|touchera|percevoir|recevoir|avoir)\b/;
const COUNTED_THINGS =
  /\bcombien\s+(de\s+|d\s+)?(temps|caracteres?|chiffres?|minutes?|fois|jours?|essais?|tentatives?|etapes?|codes?|comptes?|lettres?|heures?|personnes?)\b/;
const PRESTATION = /\b(apl|als|alf|rsa|ppa|ajpa|asf|aah|paje|aide|aides|allocations?|alloc|prime|droit|droits|caf)\b/;

/** « Combien je vais toucher d'APL ? », « le montant du RSA » — an exact amount, which only the Caf can say. */
export function asksForAmount(text: string): boolean {
  const s = ` ${words(text).join(' ')} `;
  if (/\bmontant\b/.test(s)) return true;
  if (!/\b(combien|cb|cbn)\b/.test(s) || COUNTED_THINGS.test(s)) return false;
  return AMOUNT_WORD.test(s) || PRESTATION.test(s);
}

const LACKS =
  /\b(j ?en ai (pas|aucune?|point)|je n ?en ai (pas|aucune?)|n ?en ai pas|en a pas|j ?ai (pas|rien) (de )?(ca|ce|cela|tout ca)|je (ne )?l ?ai pas|j ?l ?ai pas|g pas|jen ai pas|pas de ca|j ?ai pas)\b/;

/** « j'en ai pas », « je l'ai pas », « j'ai pas ça » — without saying what: the step tells. */
export function saysLacksIt(text: string): boolean {
  return LACKS.test(` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `);
}
