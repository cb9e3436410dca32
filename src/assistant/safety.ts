import { expand, fold, words } from './analyser';
import { STOPWORDS, VAGUE_WORDS } from './lexicon';

/**
 * Rules read before any search: a request for another person's NIR, password, code or money, and
 * a message too vague to search (« je suis bloqué ») — answered from the person's step.
 */
const RELATIVE =
  'conjoint|mari|femme|compagnon|concubine?|epouse?|ex|ex mari|ex femme|mec|meuf|copine?|copain|compagne?|mere|pere|maman|papa|fils|fille|enfant|frere|soeur|cousine?|tante|oncle|neveu|niece|grand ?-?mere|grand ?-?pere|grands? parents|petit fils|petite fille|petits enfants|belle fille|beau fils|belle mere|beau pere|belle soeur|beau frere|parents?|brother|sister|mother|father|wife|husband|son|daughter';
const STRANGER =
  'voisine?|quelqu ?un|quelquun|autre personne|autre allocataire|inconnu|collegue|patron|employee?|salariee?|ami|amie|personne|monsieur|madame|mr|mme|locataire|colocataire|coloc|conseillere?|agent|famille (d )?accueil|neighbou?r';
const THIRD = `${RELATIVE}|${STRANGER}`;
const SECRET =
  'nir|secu|nss|numero|num|numeroallocataire|identifiant|identifiants|motdepasse|mdp|code|montant|combien|argent|somme|salaire|revenus?|ressources|paiements?|payments?|password|allocations?|droits|quotient|qf';
const PRIVATE = `${SECRET}|dossier|compte|donnees|informations?|infos?|adresse|telephone|mail|demande|situation|naissance|nationalite|identite|prenoms?|coordonnees|attestations?|recapitulatif|recap`;

const ABOUT_RELATIVE = new RegExp(`\\b(de|du|a|pour)\\s+(mon|ma|mes|son|sa|ses|leur|notre|un|une|la|le)?\\s*(${RELATIVE})\\b`);
// « à personne », without a determiner, is nobody (« je n'ai rien déclaré à personne », « personne à qui parler »)
const ABOUT_STRANGER = new RegExp(
  `\\b(de|du|a|pour|d)\\s+(?:(mon|ma|mes|son|sa|un|une|la|le|l)\\s*(${STRANGER})|(?!personne\\b)(${STRANGER}))\\b(?! acharge)`,
);
const WANT_WORDS =
  'veux|voudrais|besoin|cherche|montre|affiche|donne|donner|donnez|dis|dire|dites|trouve|trouver|connaitre|connait|avoir|voir|consulter|acceder|recuperer|quel|quelle|quoi|koi|touche|gagne|envoie|envoyer|chercher|retrouver|obtenir|savoir|svp|stp|please|regarder|verifier|montrer|montrez|afficher|affichez|communiquer|communiquez|transmettre|transmettez|indiquer|indiquez|lire|kel|kelle|want|know|give|tell|show';
const WANT = new RegExp(`\\b(${WANT_WORDS})\\b`);
const PRIVATE_WORD = new RegExp(`\\b(${PRIVATE})\\b`);
/** Asking to be told, not to enter: « donnez-moi », « trouver », « savoir », not « mettre ». */
const TELL =
  /\b(donne|donner|donnez|dis|dire|dites|trouver|retrouver|connaitre|savoir|obtenir|avoir|quel|quelle|kel|kelle|quoi|koi|give|tell|ou habite|(veux|voudrais|besoin de?) (l |la |le |les )?(adresse|telephone|mail|portable|numero|motdepasse|code|nir|identifiants?|coordonnees))\b/;
/** « le numéro de sécu de ma femme », « le numéro allocataire de ma cousine »: the secret, then whose it is. */
const SECRET_OF_RELATIVE = new RegExp(
  `\\b(${SECRET})\\s+(\\S+\\s+){0,2}?(de|du|d|of)\\s+(mon|ma|mes|son|sa|ses|leur|notre|l|my|his|her)?\\s*(${RELATIVE})\\b`,
);
/** « me dire son mot de passe », « voir ses paiements », « aller voir son compte »: a wish, then another person's data. */
const WANTS_OTHERS_SECRET = new RegExp(
  `\\b(?<!apres )(${WANT_WORDS})\\s+(\\S+\\s+){0,3}?(son|sa|ses|leur|leurs|his|her)\\s+(?!propres?\\b)(\\S+\\s+)?(${PRIVATE})\\b`,
);
/** « l'adresse de mon ex », « le téléphone de la conseillère », « l'adresse de la famille d'accueil ». */
const CONTACT_OF_OTHER = new RegExp(
  `\\b(adresse|telephone|mail|portable|numero|coordonnees)\\s+(\\S+\\s+){0,2}?(de|du|d)\\s+(mon|ma|son|sa|la|le|l)\\s+((ancien|ancienne)\\s+)?(${THIRD})\\b`,
);
/** « savoir si mon ex a un compte », « me dire si ma fille a fait une demande », « voir s'il a déclaré »: facts of someone else's dossier. */
const WHETHER_OTHER = new RegExp(
  `\\b(savoir|dire|dites|dis|verifier|voir|connaitre)\\s+(\\S+\\s+){0,2}?(si\\s+(mon|ma|son|sa|un|une|le|la)\\s+(${THIRD}|salarie|salariee|employe|employee)|si ils?|si elles?|sil)\\s+(\\S+\\s+){0,6}?(a|ont|est|sont|touche|touchent|recoit|percoit|gagne|declare|demande|fait|ment|allocataires?)\\b`,
);
/** « le code qui a été envoyé à mon mari »: a code or message sent to someone else. */
const SENT_TO_OTHER = new RegExp(
  `\\b(code|message|sms|mail)\\s+(\\S+\\s+){0,4}?(envoye|recu|arrive)\\w*\\s+(a|par)\\s+(mon|ma|son|sa)\\s+(${THIRD})\\b`,
);
/** « le code que ma conjointe a reçu », « le mot de passe que mon mari a choisi »: a secret of someone else's. */
const SECRET_THEY_GOT = new RegExp(
  `\\b(code|codes|sms|motdepasse|mdp|identifiants?)\\s+(que|qu)\\s+(mon|ma|son|sa)\\s+(${RELATIVE}|conjointe|epouse|epoux)\\s+(a|avait)\\s+(recu|eu|choisi|mis)\\b`,
);
/** « le code que ma femme a reçu », « le code qu'il a eu sur son portable »: a code someone else received. */
const CODE_THEY_GOT = new RegExp(
  `\\b(code|codes|sms)\\s+(\\S+\\s+){0,2}?(que|qu)\\s+((mon|ma|son|sa|le|la)\\s+(${THIRD})|il|elle)\\s+(\\S+\\s+)?(a|avait|vient de|va)\\s+(\\S+\\s+)?(recu|eu|recevoir)\\b|\\b(mon|ma|son|sa)\\s+(${THIRD})\\s+(\\S+\\s+){0,8}?(a|avait|vient d)\\s+(\\S+\\s+)?(recu|eu)\\s+(un|le|son|ce|des|les|sa)\\s+(code|codes|sms)\\b`,
);
/** « savoir où habite mon ex », « où vit ma sœur maintenant »: where someone else lives. */
const WHERE_OTHER_LIVES = new RegExp(
  `\\bou\\s+(habite|habitent|vit|vivent|loge|logent|demeure|est parti|est partie|reside)\\s+(maintenant\\s+)?(mon|ma|son|sa|le|la)\\s+((ancien|ancienne|nouveau|nouvelle)\\s+)?(${THIRD})\\b`,
);
/** « à qui appartient ce numéro », « ce numéro a-t-il un compte ». */
const WHOSE = /\b(a qui (appartient|est)|qui est le titulaire)\b/;
const NUMBER_HAS_ACCOUNT = /\bnumero\s+(\S+\s+){0,2}?(a|est)\s+(deja\s+)?(un compte|inscrit|allocataire)\b/;
const THIRD_NAMED = new RegExp(
  `\\b(mon|ma|mes|son|sa|de|du|my|his|her|le|la)\\s+((ancien|ancienne|nouveau|nouvelle|propre)\\s+)?(${THIRD})\\b`,
);
/**
 * « voir le dossier de mon ex », « accéder au compte de mon mari », « voir la date de naissance de mon mari », « voir la date et
 * le lieu de naissance de mon mari »: looking into someone else's file.
 */
const LOOK_INTO_OTHERS = new RegExp(
  `\\b(voir|consulter|regarder|acceder|verifier|connaitre|savoir|donner|donnez|montrer|montrez|montre|afficher|affichez|affiche|ouvrir|envoyer|envoyez|envoie)\\s+(\\S+\\s+){0,3}?(${PRIVATE}|declarations?)(\\s+(et|ou)\\s+(\\S+\\s+){0,3}?(${PRIVATE}|declarations?))*\\s+(\\S+\\s+){0,2}?(de|du|d)\\s+(mon|ma|son|sa|la|le|l|un|une)?\\s*((ancien|ancienne)\\s+)?(${THIRD})\\b`,
);
/**
 * « mon fils a fait une demande d'APL de son côté, je peux savoir où elle en est ? »: the state of a demande someone
 * else (not the couple's) made for themselves — their file, which only they see.
 */
const OTHERS_REQUEST_STATE =
  /\b(mon|ma|son|sa|le|la)\s+((ancien|ancienne|beau|belle|grand|petit|petite)\s+)?(fils|fille|frere|soeur|pere|mere|ex|voisine?|cousine?|neveu|niece|oncle|tante|collegue|ami|amie|coloc|colocataire)\b.{0,60}\b(a|ont)\s+(fait|envoye|depose|faite|lance)\s+(une|sa|leur|la|des|ses)\s+(demandes?|dossier)\b.{0,80}\b(ou\s+(elle|il|ca|sa\s+demande|son\s+dossier)\s+en\s+est|ou\s+en\s+est|(son|l|le)\s+(etat|statut|avancement)|si\s+(elle|il)\s+est\s+(acceptee?|refusee?|traitee?|validee?))\b/;
/** « savoir ce que touche mon beau-frère »: what someone else receives. */
const WHAT_OTHER_RECEIVES = new RegExp(
  `\\b(savoir|connaitre|dire|dites|voir)\\s+(ce|combien)\\s+(que|qu)?\\s*(touche|touchent|recoit|percoit|gagne)\\s+(mon|ma|son|sa|le|la)\\s+((ancien|ancienne)\\s+)?(${THIRD})\\b`,
);
/** « combien touche ma voisine », « mon ex touche-t-il l'ASF », « how much he receive ». */
const HOW_MUCH_OTHER =
  /\b(combien|cb|cbn|montant|how much)\b.*\b(touche|touchent|gagne|recoit|receive|receives|get|gets|a)\b|\b(touche|gagne|recoit)\s+(combien|cb)\b/;

/** « quelle adresse mail mon mari a mise », « quel numéro mon ex a déclaré »: what someone else entered. */
const WHAT_OTHER_ENTERED = new RegExp(
  `\\b(quel|quelle|quels|quelles)\\s+(\\S+\\s+){0,3}?(${PRIVATE})\\s+(\\S+\\s+){0,2}?(mon|ma|son|sa)\\s+((ancien|ancienne)\\s+)?(${THIRD})\\s+(a|ont|avait)\\s+(\\S+\\s+)?(mis|mise|donne|donnee|declare|declaree|indique|indiquee|renseigne|renseignee|saisi|saisie|choisi|choisie)\\b`,
);
/** « le code est arrivé sur son téléphone … vous pouvez me le donner ? »: a code sent to someone else's phone or mail, asked for. */
const CODE_ON_THEIRS =
  /\bcode\s+(\S+\s+){0,4}?(arrive|envoye|recu|parti|part|va)\w*\s+(sur|a|au|chez|par|dans)\s+(son|sa|ses|leur)\s+(\S+\s+)?(telephone|portable|tel|mail|numero|boite|adresse)\b/;
/** « envoyez le code sur mon portable à moi », « recevoir le lien sur mon mail »: a code or a link sent to the person. */
const SEND_TO_ME =
  /\b(envoyer|envoyez|envoie|envoyiez|recevoir|recoive|transferer|transferez|rediriger|redirigez|mettre|mettez)\s+(\S+\s+){0,2}?(code|codes|lien|sms|mail|motdepasse)\s+(\S+\s+){0,2}?(sur|a|au|dans|chez)\s+(mon|ma|mes|moi)\b/;
/** « ma grand-mère a oublié son mot de passe », « le compte de ma mère »: another person's account named as theirs. */
const OTHERS_ACCOUNT = new RegExp(
  `\\b(${THIRD})\\s+(\\S+\\s+){0,4}?(son|sa|leur)\\s+(motdepasse|compte|espace|identifiants?|code)\\b|\\b(motdepasse|compte|espace|identifiants?|code)\\s+(de|du|d)\\s+(mon|ma|mes)\\s+(${THIRD})\\b`,
);
const GIVE_IT = /\b(le|la)\s+(donner|dire|lire|envoyer|transmettre|communiquer|redonner)\b|\b(donnez|dites|envoyez|donne|dis)\s+(le|la)\b/;
/** The person asks to be told or shown (« je veux voir », « donnez-moi », « vous pouvez me dire »). */
const ASKED_TO_BE_TOLD =
  /\b(je|j|moi|me)\s+(\S+\s+){0,2}?(veux|voudrais|aimerais|souhaite|peux|pourrais|dois)\s+(\S+\s+){0,2}?(voir|consulter|regarder|acceder|savoir|connaitre|avoir)\b|\b(donnez|donne|dites|dis|montrez|montre|affichez|envoyez)\s+moi\b|\bpouvez\s+(\S+\s+)?(donner|dire|montrer|afficher|communiquer|envoyer)\b/;
/** « ma fille veut voir ses infos », « il voudrait consulter ses paiements »: the other person wishes to see their own. */
const OWN_WISH = new RegExp(
  `\\b(il|elle|ils|elles|${THIRD})\\s+(\\S+\\s+){0,3}?(veut|veulent|voudrait|voudraient|aimerait|aimeraient|souhaite|souhaiterait|peut|peuvent|pourra|pourrait)\\s+(\\S+\\s+){0,8}?(voir|consulter|regarder|acceder|avoir|verifier|suivre|recevoir)\\s+(ses|son|sa|leurs?)\\b`,
);

/**
 * « Donne-moi le numéro de sécu de mon mari », « combien touche mon voisin », « mon ex touche-t-il
 * encore l'ASF ? »: someone else's data asked for — not only someone else named (« mon mari est
 * allocataire, je veux mon espace à moi »).
 */
export function asksForSomeoneElse(text: string): boolean {
  // « s'il » is « si il », not « il » (« vérifier qu'elle est vraie » asks nothing of anyone).
  const s = notAsked(` ${words(text.replace(/\bs['’](ils?)\b/gi, 'si $1')).join(' ')} `);
  if (wishesForThemselves(text) || entersItThemselves(text) || asksWhatTheyMay(text)) return false;
  if (WHETHER_OTHER.test(s) && THIRD_NAMED.test(s)) return true;
  if (WHOSE.test(s) || (NUMBER_HAS_ACCOUNT.test(s) && THIRD_NAMED.test(s))) return true;
  if (SECRET_THEY_GOT.test(s) && WANT.test(s)) return true;
  if (SENT_TO_OTHER.test(s) && /\b(donner|donnez|dire|dites|envoyer|quel|connaitre|lire)\b/.test(s)) return true;
  if (WHERE_OTHER_LIVES.test(s) && /\b(savoir|dire|dites|donner|donnez|trouver|retrouver|connaitre|montrer|montrez|chercher)\b/.test(s))
    return true;
  if (CODE_THEY_GOT.test(s) && (GIVE_IT.test(s) || TELL_ME.test(s) || /\b(quel|quoi|koi)\b/.test(s))) return true;
  if (
    HOW_MUCH_OTHER.test(s) &&
    THIRD_NAMED.test(s) &&
    !COUNTED_THINGS.test(s) &&
    !/\b(je|j)\s+(touche|gagne|recoit|vais toucher)\b/.test(s)
  )
    return true;
  if (asksWhetherOtherReceives(text) || WHAT_OTHER_RECEIVES.test(s) || LOOK_INTO_OTHERS.test(s)) return true;
  if (OTHERS_REQUEST_STATE.test(s)) return true;
  if (WHAT_OTHER_ENTERED.test(s) || (CODE_ON_THEIRS.test(s) && GIVE_IT.test(s))) return true;
  // Someone else's code sent to the person rather than to them: « ma grand-mère a oublié son mot de passe, envoyez le code sur mon portable ».
  if (SEND_TO_ME.test(s) && OTHERS_ACCOUNT.test(s) && !/\b(mon|ma)\s+(propre\s+)?(compte|espace|motdepasse)\b/.test(s)) return true;
  if (!WANT.test(s)) return false;
  if (ABOUT_STRANGER.test(s) && PRIVATE_WORD.test(s) && TELL.test(s)) return true;
  if (SECRET_OF_RELATIVE.test(s) || (CONTACT_OF_OTHER.test(s) && TELL.test(s))) return true;
  return WANTS_OTHERS_SECRET.test(s) && (ABOUT_RELATIVE.test(s) || ABOUT_STRANGER.test(s) || THIRD_NAMED.test(s));
}

/**
 * What reads like a wish to be told or like someone named, and is neither: « comme quoi » reports what a message
 * says, « il doit faire quoi » asks what to do, and « Monsieur » or « Madame » chosen for « Madame » (« j'ai mis
 * Monsieur à la place de Madame ») is the civilité entered, not a person.
 */
function notAsked(s: string): string {
  return s
    .replace(/\bcomme quoi\b/g, 'que')
    .replace(/\b(faire|fait|fais|faut) (quoi|koi)\b/g, '$1')
    .replace(CIVILITE_CHOSEN, ' civilite ');
}
const CIVILITE_CHOSEN =
  /\b(?:(?:mis|mets|mettre|coche|cocher|choisi|choisir|selectionne|clique sur|a la place de|au lieu de|pas) (?:monsieur|madame|mr|mme)|(?:monsieur|madame|mr|mme)(?= a la place| au lieu))\b/g;

/**
 * « Ma fille veut voir ses infos, elle a le droit ? »: the other person wishes to see their own data —
 * a question about their access, not a request for their data (unless the person also asks to be told).
 */
export function wishesForThemselves(text: string): boolean {
  const s = ` ${words(text).join(' ')} `;
  return OWN_WISH.test(s) && !ASKED_TO_BE_TOLD.test(s);
}

/** « Mon ex-mari touche encore l'ASF ? », « ton ex touche-t-il les allocations » — a sentence that asks, not « mon mari touche les allocs, moi je veux… ». */
function asksWhetherOtherReceives(text: string): boolean {
  return text.split(/(?<=[?])|[.!;\n]/).some((sentence) => {
    const s = ` ${words(sentence).join(' ')} `;
    if (!sentence.includes('?') && !/-t-(il|elle)/i.test(sentence) && !/^\s*est ce que\b/.test(s)) return false;
    return (
      new RegExp(
        `\\b(mon|ma|son|sa|le|la)\\s+((ancien|ancienne)\\s+)?(${THIRD})\\s+(\\S+\\s+){0,3}?(touche|touchent|recoit|percoit|a droit|a encore droit|a un dossier|est allocataire|allocataire|un dossier|un compte|declare)\\b`,
      ).test(s) &&
      // « moi », « on », « nous »: the person's own situation; « c'est qui qui touche »: who of the household.
      !/\b(moi|je|j|on|nous|notre|nos|mon compte|mon espace)\b/.test(s) &&
      !/\bqui (touche|touchent|recoit|percoit|a droit)\b/.test(s)
    );
  });
}

/** « Je dois donner le numéro de sécu de mon mari dans ma demande ? »: the person enters it, nobody tells them. */
const ENTERS =
  /\b(je|j)\s+(\S+\s+){0,2}?(donner|donne|mettre|mets|saisir|saisis|indiquer|indique|renseigner|renseigne|ecrire|ecris|taper|tape|fournir|fournis|declarer|declare|remplir)\b/;

function entersItThemselves(text: string): boolean {
  const s = plain(text);
  return ENTERS.test(s) && !TELL_ME.test(s) && !/\b(savoir|connaitre|connais|sais)\b/.test(s);
}

/** « Vous pouvez me dire », « donnez-moi », « m'afficher »: the person asks to be told or shown (« sans me le dire » does not). */
const TELL_ME =
  /\b(donnez|donne|dites|dis|montrez|montre|affichez|affiche|envoyez|indiquez|communiquez|transmettez|lisez)\s+moi\b|\b(?<!\bsans\s)(me|m)\s+(le\s+|la\s+|les\s+|l\s+|en\s+)?(donner|donniez|dire|disiez|redire|montrer|afficher|communiquer|envoyer|renvoyer|transferer|indiquer|transmettre|redonner|lire|confirmer|preciser)\b/;
/**
 * « Combien je vais toucher si mon mari perd son travail ? », « est-ce que je touche encore les
 * allocs ? », « versées à moi plutôt qu'à mon ex »: the person's own rights, in a situation that
 * involves someone else.
 */
const OWN_RIGHTS =
  /\b(je|j)\s+(\S+\s+){0,3}?(toucher|touche|toucherai|toucherais|percevoir|percois|percevrai|recevoir|recois|recevrai|ai droit|aurai droit|aurais droit|ai encore droit|beneficier|beneficie|garder|garde|perdre|perds|perdrai)\b|\b(je|j)\s+(peux|pourrais|pourrai|vais|aurai|aurais)\s+(encore\s+)?avoir\s+(\S+\s+)?(apl|als|alf|rsa|ppa|prime|aides?|allocations?|allocs?|asf|aah|paje|bourse|droit|droits)\b|\b(ai je|aurai je|aurais je) (encore )?droit\b|\b(versees?|verses?|payees?|payes?)\s+a\s+moi\b|\b(je|j)\s+(\S+\s+){0,2}?(voir|consulter|suivre|recevoir)\s+(nos|mes|notre)\s+(paiements|versements|allocations?|allocs?|droits|aides?|attestations?|dossier)\b|\b(mes|nos)\s+(allocations?|allocs?|aides?|droits|prestations|paiements|apl|ressources)\s+(\S+\s+){0,2}?(vont|va|vont-ils|baisser|baissent|changer|changent|diminuer|diminuent|augmenter|compter|comptent)\b/;

/**
 * The person asks about their own rights, and asks to be told nothing of anyone else's: what
 * overrules the classifier's « someone else's data », which reads the other person named
 * (« garde alternée avec mon ex, les allocations peuvent-elles m'être versées ? »). The rules of
 * `asksForSomeoneElse` still refuse what they see.
 */
export function asksOwnRights(text: string): boolean {
  const s = plain(text);
  return OWN_RIGHTS.test(s) && !TELL_ME.test(s) && !asksWhetherOtherReceives(text);
}

/** How a clause asks: « est-ce que… », « faut-il… », « comment… », « je dois… ? ». */
const ASKING_CLAUSE =
  /^\s*(est ce qu|est ce que|faut il|il faut|comment|pourquoi|quand|combien de temps|dois je|je dois|on doit|peut on|puis je|je peux|on peut|ai je|j ai le droit|y a t il)\b/;
/** In the asking clause, anyone but the person: a third person named, « il »/« elle » (not « il faut »), their things. */
const NAMES_OTHER = new RegExp(
  `\\b(${THIRD}|son|sa|ses|leur|leurs|lui|eux|elle|elles|ils|his|her|he|she)\\b|\\bil\\b(?!\\s+(faut|y a|est possible|existe))`,
);
/** The person's own side: « je », « moi », « on », « nous », « chacun », « il faut ». */
const OWN_SIDE = /\b(je|j|moi|me|m|on|nous|chacun|mon|ma|mes|notre|nos|mien|mienne|miens|il faut|faut il|i|my)\b/;
/** Asking to be told or to see (« savoir », « voir », « vous l'avez »), which the clause must not do. */
const TO_BE_TOLD = /\b(savoir|connaitre|voir|consulter|regarder|acceder|verifier|dire|donner|montrer|envoyer|lire|vous l avez|vous avez)\b/;

/**
 * « Ma femme a déjà un compte, est-ce qu'il faut un compte chacun ? », « mon mari touche le RSA, est-ce
 * que je dois créer un compte moi aussi ? »: someone else named in what the person tells, and every
 * clause that asks is the person's own question — nothing asked of the other person, nothing to be
 * told. What overrules the classifier's « someone else's data », which reads the other person named;
 * the rules of `asksForSomeoneElse` still refuse what they see.
 */
export function asksOwnQuestion(text: string): boolean {
  if (TELL_ME.test(plain(text))) return false;
  const clauses = fold(text)
    .split(/[,.;!?\n:]|\bmais\b/)
    .map((c) => ` ${c.replace(/[^a-z0-9]+/g, ' ').trim()} `);
  const asked = /\?/.test(text)
    ? fold(text)
        .split('?')
        .slice(0, -1)
        .map((q) => ` ${(q.split(/[,.;!\n:]|\bmais\b/).pop() ?? '').replace(/[^a-z0-9]+/g, ' ').trim()} `)
    : clauses.filter((c) => ASKING_CLAUSE.test(c));
  // « savoir ce qu'il faut faire », « savoir comment je… »: the person's own question, nothing of anyone to be told;
  // « il faut le dire ? », « je dois le dire à la Caf ? »: to declare something, not to be told it (« me le dire » is)
  const own = (c: string) =>
    c
      .replace(/\bsavoir (?=(?:ce qu il faut|comment|quoi faire|si je|si j|ce que je|ce que j|ou je|quand je)\b)/g, ' ')
      .replace(/(?<!\b(?:me|m|nous) )\b(?:le|la|l) dire\b/g, ' declarer ');
  return (
    asked.length > 0 &&
    asked.every((c) => c.trim() !== '' && !TO_BE_TOLD.test(own(c)) && ((OWN_SIDE.test(c) && !NAMES_OTHER.test(c)) || asksHowTo(c)))
  );
}

/** « il doit faire quoi pour créer son compte ? », « comment elle s'inscrit ? »: what to do, asked of anyone. */
const HOW_TO =
  /\b(comment|(faire|fait|fais) (quoi|koi)|quoi faire|que faire|(doit|doivent|dois) faire|les etapes|la marche a suivre|la procedure)\b/;
/** A secret, an amount, or their account entered into (creating their own account is not): what a how-to must not name. */
const NOT_A_HOW_TO =
  /\b(mot de passe|motdepasse|mdp|codes?|nir|secu|nss|numero|identifiants?|adresse|telephone|portable|mail|montants?|combien|paiements?|revenus?|salaire|donnees|informations?|infos?)\b|\b(?<!\b(creer|cree|faire|ouvrir) )(son|sa|ses|leur|leurs) (compte|espace|dossier|session|acces)\b/;

function asksHowTo(clause: string): boolean {
  return HOW_TO.test(clause) && !NOT_A_HOW_TO.test(clause);
}

/**
 * « Vous pouvez me donner un exemple de mot de passe qui marche ? », « un exemple d'identifiant »: an example asks for
 * the rules a secret follows, never someone's secret — what overrules the classifier's « someone else's data » (the
 * rules of `asksForSomeoneElse` still refuse what they see: « un exemple… et le mot de passe de ma femme »).
 */
const EXAMPLE_OF =
  /\b(exemples?|modeles?)\s+(de|d)\s+(bons?\s+|bonnes?\s+)?(motdepasse|mot de passe|mdp|identifiants?|codes?|adresses? mail|mails?)\b/;

export function asksForAnExample(text: string): boolean {
  return EXAMPLE_OF.test(plain(text));
}

/** « je peux voir », « j'ai accès », « est-ce que je vois », « mon compte me donne accès »: whether the person may. */
const I_MAY =
  /\b(je|j)\s+(ne\s+|n\s+)?(peux|pourrais|pourrai|pourrait|ai le droit de|ai le droit d|ai droit de)\s+(pas\s+|plus\s+|aussi\s+|moi\s+|moi meme\s+)?(\S+\s+){0,2}?(voir|consulter|acceder|regarder|gerer|suivre|avoir acces)\b|\b(je|j)\s+(ne\s+|n\s+)?(vois|verrai|verrais|ai acces|aurai acces|aurais acces|ai pas acces)\b|\b(puis je|pourrais je|ai je acces|vois je)\s+(\S+\s+){0,2}?(voir|consulter|acceder|regarder|gerer|suivre)?\b|\b(mon|ma)\s+(propre\s+)?(compte|espace)\s+(me\s+)?(donne|donnera|donnerait|permet|permettra|permettrait|ouvre|montre|affiche)\b/;
/** « ma femme peut me donner accès », « mon fils de 16 ans peut voir nos paiements avec son compte »: whether another member may. */
const THEY_MAY = new RegExp(
  `\\b(${RELATIVE}|conjointe|epouse|epoux|partenaire|il|elle|ils|elles)\\s+(\\S+\\s+){0,4}?(peut|peuvent|pourra|pourrait|a le droit de|a acces|aura acces|voit|verra)\\s+(\\S+\\s+){0,2}?(voir|consulter|acceder|regarder|gerer|suivre|(me|nous|lui)\\s+(donner|laisser)\\s+(l\\s+|un\\s+|la\\s+)?(acces|procuration|autorisation))\\b`,
);
/** « mon ex, il gardera accès au dossier ? », « elle perd l'accès après la séparation ? »: whether another keeps or loses an access. */
const THEY_KEEP = new RegExp(
  `\\b(${RELATIVE}|conjointe|epouse|epoux|partenaire|ex|il|elle|ils|elles)\\s+(\\S+\\s+){0,4}?(garde|gardera|garderait|garderont|conserve|conservera|perd|perdra|perdrait|aura|aurait|auront)\\s+(t\\s+(il|elle)\\s+)?(encore\\s+|toujours\\s+|plus\\s+)?(l\\s+|un\\s+)?acces\\b`,
);
/** What the access is to: the household's dossier and what it holds, not the other person's account or secrets. */
const HOUSEHOLD_THING =
  /\b(dossier|dossiers|paiements?|versements?|droits|allocations?|allocs?|aides|demarches|prestations?|foyer|acces|procuration|autorisation)\b/;
/** The person's own contact details or secrets (« mon adresse mail », « mon propre mot de passe »). */
const OWN_DETAILS =
  /\b(mon|ma|mes|m)\s+(propre\s+|propres\s+|nouvelle?\s+)?(adresse\s+mail|adresse\s+email|adresse|mail|email|telephone|portable|numero\s+de\s+telephone|motdepasse|mot\s+de\s+passe|mdp|identifiants?)\b/g;
/** Asking for the other person's secrets, amounts or contact, or whether something is true of them. */
const THEIR_SECRETS =
  /\b(code|codes|motdepasse|mdp|nir|secu|nss|identifiants?|montant|montants|combien|cb|somme|adresse|telephone|portable|mail|numero|compte bancaire|rib|salaire|revenus?|(?<!est )ce que|(?<!est )ce qu|touche|touchent|gagne|gagnent|recoit|recoivent|percoit|percoivent)\b|\bmot de passe\b|\b(voir|savoir|verifier|dire)\s+si\s+(mon|ma|son|sa|il|ils|elle|elles|le|la|mes|ses)\b/;

/**
 * « Ma femme est titulaire, mon compte me donne accès à son dossier ? », « je suis à charge de mes
 * parents, je vois leurs paiements ? »: the person asks what their place in the household lets them
 * (or another member) see or do — their own question, answered with what the role allows and the
 * procuration. Asking to be told the other person's data (their code, an amount, « dites-moi ») is not.
 */
export function asksWhatTheyMay(text: string): boolean {
  const s = plain(text);
  // « me donner accès », « me donner la procuration »: a right given, not data told.
  const told = s.replace(/\b(me|m)\s+(donner|laisser)\s+(l\s+|un\s+|la\s+)?(acces|procuration|autorisation)\b/g, ' ');
  // « modifier mon adresse mail », « mon mot de passe »: the person's own details are not the other's secrets.
  const others = (t: string) => t.replace(OWN_DETAILS, ' ');
  if (TELL_ME.test(told) || THEIR_SECRETS.test(others(s)) || THEIR_SECRETS.test(others(` ${words(text).join(' ')} `))) return false;
  return (I_MAY.test(s) || THEY_MAY.test(s) || THEY_KEEP.test(s)) && HOUSEHOLD_THING.test(s);
}

/** Folded, every run of other characters one space (elisions kept: « j ai »). */
function plain(text: string): string {
  return ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
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
  /\b(combien|cb|cbn)\s+(de\s+|d\s+)?(temps|tps|caracteres?|chiffres?|minutes?|fois|jours?|essais?|tentatives?|etapes?|codes?|comptes?|lettres?|heures?|personnes?)\b/;
const PRESTATION = /\b(apl|als|alf|rsa|ppa|ajpa|asf|aah|paje|aide|aides|allocations?|alloc|prime|droit|droits|caf)\b/;

/**
 * An amount the person sees on a page of their space — where it is shown, what it means there, why it
 * changed, whether an attestation shows it (« où je vois le montant de mes droits », « écrit « indu » avec
 * un montant en moins », « cacher le montant sur l'attestation ») — is a question about that page.
 */
const AMOUNT_SHOWN =
  /\b(ou (je|j|on|est|sont|se|trouver|voir|le|la|les)|voir|vois|voit|trouver|trouve|affiche|affichee?|ecrit|marque|indique|veut dire|signifie|c est quoi|cacher|masquer|enlever|attestations?|indu|rappel|retenue|paiements|mes droits|en moins|baisse|diminue|change|pourquoi)\b/;

/** « Combien je vais toucher d'APL ? », « le montant du RSA » — an exact amount, which only the Caf can say. */
export function asksForAmount(text: string): boolean {
  const s = ` ${words(text).join(' ')} `;
  if (/\bmontant\b/.test(s)) return !AMOUNT_SHOWN.test(s);
  if (!/\b(combien|cb|cbn)\b/.test(s) || COUNTED_THINGS.test(s)) return false;
  return AMOUNT_WORD.test(s) || PRESTATION.test(s);
}

const LACKS =
  /\b(j ?en ai (pas?|aucune?|point)|je n ?en ai (pas|aucune?)|n ?en ai pas|en a pas|j ?ai (pas|rien) (de )?(ca|ce|cela|tout ca)|je (ne )?l ?ai pas|j ?l ?ai pas|g pas?|jen ai pas?|pas de ca|j ?ai pas?)\b/;

/** « j'en ai pas », « je l'ai pas », « j'ai pas ça », « g pa » — without saying what: the step tells. */
export function saysLacksIt(text: string): boolean {
  return LACKS.test(` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `);
}

const CORRECTS =
  / (modifier|modifie|modif|corriger|corrige|rectifier|changer|change|trompe|trompee|erreur|faute|mal ecrit|mal ecrite|mal tape|mal mis|mal saisi|pas bon|pas bonne|pas le bon|pas la bonne|errone|erronee|incorrect|incorrecte|faux|fausse|inverse) /;

/**
 * Something entered wrong, to correct (« mon nom est mal écrit », « je me suis trompé de date ») —
 * on the recap, whatever it is about, the way back to the step that asked it.
 */
export function wantsToCorrect(text: string): boolean {
  const folded = ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
  return CORRECTS.test(folded) && !LOGS_IN.test(folded);
}

/** « je clique sur se connecter et ça me dit incorrect »: the login's refusal, not a field of the recap to correct. */
const LOGS_IN = / (se connecter|me connecter|connexion|identifiant ou mot de passe) /;

/**
 * A document of another country, named by its nationality or its country (« passeport algérien »,
 * « carte d'identité belge », « carte espagnole », « only passport from Brazil »), masculine or feminine: on the
 * identity-document step, the
 * way to go on without a French one is what the person needs — unless it is a titre de séjour,
 * which the step accepts (its « numéro étranger »).
 */
const FOREIGN =
  /\b(?:etrangere?s?|foreign|(?:belge|suisse|luxembourgeois|allemand|espagnol|italien|portugais|roumain|polonais|bulgare|hongrois|grec|neerlandais|britannique|anglais|irlandais|ukrainien|russe|georgien|armenien|turc|algerien|marocain|tunisien|libyen|egyptien|senegalais|malien|ivoirien|guineen|camerounais|congolais|gabonais|togolais|beninois|burkinabe|nigerian|comorien|malgache|mauricien|haitien|bresilien|colombien|peruvien|venezuelien|argentin|chilien|mexicain|americain|canadien|chinois|vietnamien|cambodgien|laotien|indien|pakistanais|bangladais|sri lankais|afghan|iranien|irakien|syrien|libanais|erythreen|somalien|soudanais|ethiopien|albanais|kosovar|serbe|bosniaque|moldave|tchetchene)(?:n?e)?s?|grecques?|turques?|brazil|spain|portugal|algerie|maroc|tunisie|senegal|mali|ukraine|roumanie|pologne|belgique)\b/;
const DOCUMENT = /\b(?:passeport|passport|carte|cni|titre|piece|papiers?|id)\b/;
/** A titre de séjour (a carte de résident is one), which the step accepts. */
const TITRE_DE_SEJOUR = / (?:sejour|residence|resident|residente|recepisse) /;
/** The « numéro étranger » is the titre de séjour's own number, not a document of another country. */
const NUMERO_ETRANGER = / (?:numero|num|no|n) etranger /g;
/** « de mon pays », « du pays » and « pas français » say it too. */
const NOT_FRENCH = /\b(?:de mon pays|du pays|pas (?:francais|francaise|de nationalite francaise))\b/;

export function namesForeignDocument(text: string): boolean {
  const t = ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
  return DOCUMENT.test(t) && !TITRE_DE_SEJOUR.test(t) && (FOREIGN.test(t.replace(NUMERO_ETRANGER, ' ')) || NOT_FRENCH.test(t));
}

/**
 * A document the person has but cannot reach: kept or taken by someone, lost, stolen, locked away
 * (« mon mari garde mon passeport », « on m'a volé ma carte d'identité », « mes papiers sont
 * confisqués »). On the identity-document step, going on without it is what the person needs.
 */
const OUT_OF_REACH =
  /\b(?:garde|gardent|confisque\w*|cache|cachent|pris|prend|prennent|vole\w*|perdu\w*|enferme\w*|retient|retiennent|bloque\w*)\s+(?:(?:mon|ma|mes|son|sa|ses|le|la|les|l|notre|nos|tous|toutes|tout|aussi|encore|deja|moi|m)\s+){0,3}(?:passeport|passport|carte|cni|titre|titres|piece|pieces|papiers?)\b|\b(?:passeport|passport|carte|cni|titre|titres|piece|pieces|papiers?)\s+(?:\S+\s+){0,5}?(?:confisque\w*|enferme\w*|vole\w*|perdu\w*|garde\w* par|chez (?:lui|elle|mon|ma))\b|\b(?:pas|plus)\s+acces\s+a\s+(?:mes|mon|ma)\s+(?:passeport|carte|cni|titre|piece|papiers?)\b/;

export function documentOutOfReach(text: string): boolean {
  return OUT_OF_REACH.test(plain(text));
}

/**
 * The person asks the assistant to give them the code (« vous pouvez me le donner ? », « vs pouvez me le
 * donné », « c'est quoi mon code », « vous l'avez le code ? »): the code named, or — on a step where a
 * code is awaited — only « le »/« l' ». Not a password, a NIR or a link, and not someone else's (refused before).
 */
const GIVE_ME =
  /\b(?:vous|vs|tu|u)\s+(?:pouvez|pouvais|pourriez|pouve|pouvez pas|peux|peut|pourrais|pouviez)\s+(?:pas\s+)?(?:me|m)\s+(?:le\s+|la\s+|l\s+)?(?:donner|donne|donnez|donnee|dire|dir|envoyer|envoye|envoyez|communiquer|transmettre|redonner|lire|ecrire|afficher|montrer)\b|\b(?:donnez|donne|donnes|dites|dis|envoyez|envoie|ecrivez|montrez)\s+(?:le\s+|la\s+|l\s+)?moi\b|\b(?:c est|c|cest)\s+quoi\s+(?:mon|le|ce)\s+code\b|\bquel\s+est\s+(?:mon|le)\s+code\b|\bvous\s+(?:l\s+)?(?:avez|connaissez|voyez)\s+(?:mon\s+|le\s+)?code\b|\bvous\s+l\s+avez\b/;
const IT_ONLY = /\b(?:me|m)\s+(?:le|l)\s+\w+|\b(?:le|l)\s+moi\b|\bvous\s+l\s+avez\b/;
const NOT_A_CODE =
  /\b(?:motdepasse|mdp|nir|secu|numero|identifiant|identifiants|lien|attestation|attestations|adresse|formulaire|dossier|recepisse|document|papier|justificatif|postal|commune|insee|pays|departement|bancaire|banque|carte|pin|wifi|promo)\b/;
const CODE_STEPS = new Set(['code', 'connexion', 'mot-de-passe-oublie']);

export function asksAssistantForCode(text: string, step: string | undefined): boolean {
  const s = plain(text);
  if (!GIVE_ME.test(s) || NOT_A_CODE.test(s)) return false;
  return /\b(?:code|codes|sms|chiffres)\b/.test(s) || (!!step && CODE_STEPS.has(step) && IT_ONLY.test(s));
}

/**
 * Anyone but the person named or pointed at: a relative, a stranger, « il », « elle », « son », « leur »,
 * a name after « de » or « à ». The classifier's « someone else's data » is taken only then (« vous pouvez
 * me le dire svp » asks nothing of anyone else).
 */
const ANOTHER = new RegExp(
  `\\b(?:${THIRD}|son|sa|ses|leur|leurs|lui|eux|il|elle|ils|elles|his|her|he|she|him|them|their|someone|autrui|autres?|ce numero|cette personne|qui)\\b`,
);

export function namesAnother(text: string): boolean {
  return ANOTHER.test(plain(text)) || /\b(?:de|d[’']|à|a)\s*[A-ZÉÈ][a-zéèëïîç]+/.test(text);
}
