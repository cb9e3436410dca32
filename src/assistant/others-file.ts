import { fold } from './analyser';

/**
 * Someone else's file asked into, in the ways `safety.ts` does not read: the data the Caf holds on them, the state
 * of a demande they made, the documents they sent, whether their papers are valid, what they receive, their
 * credentials used to log in, a code asked for on their behalf, a person asked about by their name. The caller
 * (`screening.ts`) lets the person's own questions (`asksWhatTheyMay`, `wishesForThemselves`) overrule these.
 */
const RELATIVE =
  'conjointe?|mari|femme|compagnon|compagne|concubine?|epouse?|epoux|ex|ex mari|ex femme|ex conjointe?|mec|copine?|copain|mere|pere|maman|papa|fils|fille|enfant|frere|soeur|cousine?|tante|oncle|neveu|niece|grand mere|grand pere|grands parents|belle mere|beau pere|belle soeur|beau frere|belle fille|beau fils|parents?';
const STRANGER = 'voisine?|collegue|ami|amie|patron|locataire|colocataire|coloc|proprietaire|proprio';
const THIRD = `(?:ancien |ancienne |ex )?(?:${RELATIVE}|${STRANGER})`;
const WHOSE = '(?:mon|ma|mes|son|sa|ses|notre|nos|le|la|l)';

/** « récupérer les données que la Caf a sur mon ex-mari », « avoir les informations concernant ma voisine ». */
const DATA_ON_OTHER = new RegExp(
  `\\b(?:recuperer|voir|avoir|obtenir|consulter|connaitre|savoir|acceder|demander|telecharger|exporter)\\b (?:\\S+ ){0,4}?(?:donnees|informations?|infos?|renseignements)\\b (?:\\S+ ){0,5}?(?:sur|concernant) ${WHOSE} ${THIRD}\\b`,
);

/** « ma sœur a fait une demande de prime d'activité, est-ce qu'elle est envoyée ou en cours ? »: the state of their demande. */
const OTHERS_REQUEST_STATE =
  /\b(?:mon|ma|son|sa) (?:(?:ancien|ancienne|beau|belle|grand|petit|petite) )?(?:fils|fille|frere|soeur|pere|mere|ex|voisine?|cousine?|neveu|niece|oncle|tante|collegue|ami|amie|coloc|colocataire)\b.{0,60}\b(?:a|ont) (?:fait|envoye|depose|lance|commence) (?:une|sa|leur|la|des|ses) (?:demandes?|dossier)\b.{0,100}\b(?:(?:elle|il) est|si elle est|si il est|est elle|est il) (?:bien |deja |encore )?(?:envoyee?|en cours|en attente|acceptee?|refusee?|traitee?|validee?|recue?|arrivee?|passee?|bloquee?)\b/;

/** « montre-moi les justificatifs que ma femme a envoyés », « voir les messages que mon ex a reçus ». */
const WHAT_THEY_SENT = new RegExp(
  `\\b(?:montre|montrez|montrer|affiche|affichez|afficher|voir|consulter|donne|donnez|donner|envoyez|envoyer|lire|ouvrir)\\b (?:\\S+ ){0,4}?(?:justificatifs?|documents?|pieces?|papiers|messages?|demandes?|declarations?|courriers?|fichiers?) (?:\\S+ ){0,1}(?:que|qu) (?:mon|ma|son|sa) ${THIRD} (?:a|avait|ont) (?:\\S+ )?(?:envoye|mis|depose|transmis|fait|recu|ecrit|signe)\\w*`,
);

/** « vérifier si le passeport de mon fils est encore valable », « savoir si la carte de ma mère est périmée ». */
const THEIR_PAPERS_VALID = new RegExp(
  `\\b(?:verifier|savoir|dire|controler|regarder|confirmer)\\b (?:\\S+ ){0,2}?si (?:le|la|les|l) (?:\\S+ ){0,3}?(?:de|du|d) ${WHOSE} ${THIRD} (?:\\S+ ){0,3}?(?:est|sont) (?:\\S+ ){0,1}?(?:valables?|valides?|bons?|bonnes?|corrects?|correctes?|actifs?|actives?|ouverts?|expires?|expirees?|perimes?|perimees?|a jour)\\b`,
);

/**
 * « je veux voir ce qu'elle perçoit », « savoir combien il touche », « voir ce qu'il a déclaré comme revenus » — someone
 * else being named in the message.
 */
const WHAT_THEY_RECEIVE =
  /\b(?:voir|savoir|connaitre|dire|dis|dites|afficher|montrer|verifier|regarder|consulter)\b (?:\S+ ){0,1}?(?:ce|combien) (?:qu |que )?(?:il|elle|ils|elles) (?:touche|touchent|percoit|percoivent|recoit|recoivent|gagne|gagnent|(?:a|ont|avait|avaient) (?:touche|percu|recu|gagne|declare|indique|mis))\b/;
const OTHER_NAMED = new RegExp(`\\b(?:mon|ma|son|sa|le|la|l) ${THIRD}\\b`);

/** « me connecter avec le FranceConnect de mon mari », « utiliser le compte de ma sœur », « j'ai son mot de passe ». */
const LOGS_IN_AS_THEM = new RegExp(
  `\\b(?:connecter|connecte|reconnecter|utiliser|utilise|entrer|rentrer|aller|passer)\\b (?:\\S+ ){0,4}?(?:avec|sur|dans|par) (?:le|la|les|l) (?:\\S+ ){0,2}?(?:franceconnect|compte|identifiants?|mot de passe|espace|session|codes?) (?:\\S+ ){0,2}?(?:de|du|d) (?:mon|ma|son|sa) ${THIRD}\\b|\\b(?:connecter|connecte|utiliser|entrer)\\b.{0,60}\\b(?:j ai|je connais|avec) (?:son|sa|ses) (?:mot de passe|identifiants?|codes?)\\b`,
);

/** « donnez-moi le code de réinitialisation pour ma mère »: a code or a password asked for on someone else's behalf. */
const CODE_FOR_THEM = new RegExp(
  `\\b(?:(?:donnez|donne|envoyez|envoie|dites|dis) moi|(?:me|m) (?:le |la |l )?(?:donner|envoyer|dire|transmettre|communiquer))\\b.{0,40}\\b(?:code|codes|mot de passe|identifiants?)\\b.{0,40}\\b(?:pour|a la place de|au nom de) (?:mon|ma) ${THIRD}\\b`,
);

/**
 * « Quel est le numéro allocataire de Jean Martin ? », « l'adresse de Mme Dupont née le 3 mai »: a person asked about
 * by name (read on the text as written: the name's capitals).
 */
const ABOUT_NAMED =
  /\b(?:num[ée]ro|n°|NIR|adresse|t[ée]l[ée]phone|identifiant|mot de passe|code|dossier|compte|allocations?|droits|paiements?|situation)\b[^.?!]{0,30}?\b(?:de|du|d['’]|à)\s*(?:M\.|Mr\.?|Mme|Monsieur|Madame)?\s*([A-ZÉÈ][a-zéèëïîçô-]+)\s+([A-ZÉÈ][A-Za-zéèëïîçô-]+)/;
const NOT_A_NAME = new Set([
  'Sécurité',
  'Securite',
  'Sociale',
  'Caf',
  'France',
  'Mon',
  'Compte',
  'Mes',
  'Contacter',
  'Travail',
  'Emploi',
  'Pôle',
  'Allocations',
  'Familiales',
  'Vérifier',
]);
/**
 * « mon ex a changé le mot de passe, envoyez le code sur mon numéro », « ma sœur a pris le compte, redirigez le code vers mon
 * mail »: someone else changed or holds the access, and the person asks for the code or the account to be sent elsewhere
 * than to the details the account has verified — a takeover, refused. « Ma fille a changé MON mot de passe » is the
 * person's own account: « Mot de passe oublié » answers it.
 */
const THEY_TOOK_ACCESS =
  /\b(?:mon|ma|son|sa|le|la|l)\s+(?:ancien\s+|ancienne\s+)?(?:ex|ex mari|ex femme|conjointe?|mari|femme|compagnon|compagne|copain|copine|mec|frere|soeur|pere|mere|fils|fille|voisine?|coloc|colocataire|quelqu un)\b(?:\s+\S+){0,4}?\s+(?:a|avait|m a)\s+(?:\S+\s+)?(?:change|modifie|pris|pirate|vole|recupere|bloque|pique)\s+(?!de\b)(?:(?!mon\b|ma\b|mes\b)\S+\s+){0,2}?(?:mot de passe|mdp|compte|acces|identifiants?)\b/;
const SEND_IT_ELSEWHERE =
  /\b(?:envoie|envoyez|envoyer|envoyiez|renvoie|renvoyez|redirige|redirigez|transferez|mettez|recevoir)\s+(?:\S+\s+){0,4}?(?:sur|a|au|vers|dans)\s+(?:mon|ma|mes|moi)\b/;
/**
 * « vous avez forcément sa nouvelle adresse, donnez-la moi », « vous connaissez son nouveau numéro ? »: someone else's
 * contact details, asked of the Caf — refused even beside a question the person may ask (the séparation).
 */
const THEIR_CONTACT =
  /\b(?:son|sa|ses|leur)\s+(?:nouvelle?\s+|nouveau\s+|actuelle?\s+|vraie?\s+)?(?:adresse|adresses|telephone|portable|numero de telephone|coordonnees|mail|email)\b/;
const GIVE_THEM_TO_ME =
  /\b(?:donnez|donne|dites|dis|envoyez|envoie|communiquez|transmettez|ecrivez)\s+(?:la|le|les|l)\s+moi\b|\b(?:me|m)\s+(?:la|le|les|l)\s+(?:donner|dire|communiquer|transmettre|envoyer)\b|\bvous\s+(?:avez|connaissez)\s+(?:\S+\s+)?(?:son|sa|ses|leur)\b/;

/**
 * « J'ai oublié le mot de passe de mon mari, vous pouvez me le rappeler ? », « son numéro de sécu, vous pouvez me le
 * retrouver ? », « dites-moi son nom »: someone else's secret, number or identity asked to be given or found.
 */
const THEIR_SECRET = new RegExp(
  `\\b(?:mot de passe|mdp|codes?|identifiants?|numero (?:de secu|de securite sociale|allocataire)|nir) (?:\\S+ ){0,2}?(?:de|du|d) (?:mon|ma|son|sa) ${THIRD}\\b|\\b(?:son|sa|leur) (?:mot de passe|mdp|identifiants?|numero (?:de secu|de securite sociale|allocataire)|nir|nom|identite)\\b`,
);
const GIVE_OR_FIND_IT =
  /\b(?:me|m|nous) (?:le|la|les|l) (?:rappeler|redonner|donner|dire|retrouver|trouver|chercher|communiquer|envoyer)\b|\b(?:rappelez|redonnez|retrouvez|donnez|dites|communiquez) (?:le|la|les) moi\b|\b(?:me|m) (?:dire|donner|communiquer) (?:\S+ ){0,5}?(?:son|leur) (?:nom|identite)\b/;

const ASKS = /\b(?:quel|quelle|quels|quelles|donnez|donne|donner|dites|dire|trouver|retrouver|connaitre|savoir|voir|avez|existe)\b/;

export function asksIntoOthersFile(text: string): boolean {
  const s = ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
  if (
    DATA_ON_OTHER.test(s) ||
    OTHERS_REQUEST_STATE.test(s) ||
    WHAT_THEY_SENT.test(s) ||
    THEIR_PAPERS_VALID.test(s) ||
    (WHAT_THEY_RECEIVE.test(s) && OTHER_NAMED.test(s)) ||
    // « avec ses identifiants à lui ou avec les miens ? » asks which to use, not to use theirs
    (LOGS_IN_AS_THEM.test(s) && !/\bou (?:avec )?(?:les miens|le mien|la mienne|mes (?:identifiants|codes))\b/.test(s)) ||
    CODE_FOR_THEM.test(s) ||
    (THEY_TOOK_ACCESS.test(s) && SEND_IT_ELSEWHERE.test(s)) ||
    (THEIR_CONTACT.test(s) && GIVE_THEM_TO_ME.test(s)) ||
    (THEIR_SECRET.test(s) && GIVE_OR_FIND_IT.test(s))
  )
    return true;
  const named = ABOUT_NAMED.exec(text);
  return !!named && !NOT_A_NAME.has(named[1]!) && !NOT_A_NAME.has(named[2]!) && ASKS.test(s);
}

/**
 * The clauses of a message that name no one else (« je veux déclarer ma séparation, mais avant dites-moi l'adresse de
 * mon ex »): the person's own question beside a refusal of someone else's data, answered after it. `namesAnother`
 * is the screening's reading of someone else named or pointed at.
 */
export function ownClauses(text: string, namesAnother: (clause: string) => boolean): string {
  return text
    .split(/(?<=[.?!;,\n])|(?=\s(?:mais|et|sinon|puis)\s)/)
    .filter((c) => !namesAnother(c) && !asksIntoOthersFile(c))
    .join(' ')
    .trim();
}

/**
 * « C'est mon conjoint qui est responsable du dossier, je pourrai faire les demandes moi aussi ? », « ma femme est la
 * titulaire, je peux demander la prime d'activité avec mon compte ? »: the holder's partner asks what they may ask for
 * or manage — the procuration's question (`conjoint-procuration`), whatever step they are on.
 */
const PARTNER = '(?:conjointe?|mari|femme|epouse?|epoux|compagnon|compagne|concubine?|copain|copine)';
const HOLDER = '(?:responsable|titulaire|allocataire)';
const PARTNER_HOLDS = new RegExp(
  `\\b(?:mon|ma) ${PARTNER}\\b (?:\\S+ ){0,3}?(?:(?:est|qui est|etait) (?:le |la |l )?${HOLDER}|(?:gere|a|s occupe de) (?:tout )?(?:le|notre) dossier)\\b|\\bc est (?:mon|ma) ${PARTNER} (?:qui est |qui a |le |la |l )?(?:le |la |l )?(?:${HOLDER}|dossier)\\b|\\bc est (?:elle|lui) (?:le |la |l )?${HOLDER}\\b|\\b(?:dossier|compte caf) (?:est )?(?:au nom de|a) (?:mon|ma) ${PARTNER}\\b`,
);
const I_ASK_OR_MANAGE =
  /\b(?:je|j|moi)\b (?:\S+ ){0,4}?(?:faire|demander|deposer|gerer|envoyer|declarer|suivre) (?:\S+ ){0,2}?(?:demandes?|aides?|prime|rsa|apl|allocations?|dossier|demarches|prestations?|le faire|pour nous|pour le foyer)\b|\b(?:je|j|moi)\b (?:\S+ ){0,3}?(?:pourrai|pourrais|peux|puis) (?:\S+ ){0,2}?(?:faire|demander|deposer|gerer)\b/;

export function asksAsHoldersPartner(text: string): boolean {
  const s = ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
  return PARTNER_HOLDS.test(s) && I_ASK_OR_MANAGE.test(s);
}

/**
 * « Ma fille de 17 ans voudrait se connecter elle aussi », « mon fils de 19 ans peut avoir son propre accès ? », « je suis
 * à la charge de ma tante, je peux me créer un espace ? »: a child over 15 or a dependent and their own access —
 * the answer of `enfant-personne-a-charge`, whatever step the person is on.
 */
const MEMBER =
  /\b(?:(?:fils|fille|enfant|ado) (?:\S+ ){0,1}de (?:1[5-9]|2\d) ans|(?:fils|fille|enfant) majeure?|je suis a (?:sa|leur|la) charge|a charge de (?:mon|ma|mes)|personne a charge)\b/;
const OWN_ACCESS =
  /\b(?:se connecter|me connecter|son propre (?:acces|compte|espace)|mon propre (?:acces|compte|espace)|(?:avoir|creer|faire) (?:son|un|mon) (?:compte|espace|acces))\b/;

export function asksMemberAccess(text: string): boolean {
  const s = ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
  return MEMBER.test(s) && OWN_ACCESS.test(s);
}
