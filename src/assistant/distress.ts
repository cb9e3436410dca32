import { fold } from './analyser';

/**
 * Read before anything else: a person in danger or in distress gets the emergency numbers first
 * (3114, 3919, 119, 115, 15, 112), and a person who is angry gets a calm answer and a way to reach
 * someone. Patterns on folded words (no accents, lower case, one space between words), so
 * « SUICIDÉ », « suicide » and « suicider » meet. Each kind is a family of ways of saying it (the
 * act, the wish, the euphemism), not a list of sentences; every kind a message names is answered,
 * the most urgent first.
 */
export type Distress = 'urgence-suicide' | 'urgence-medicale' | 'urgence-violence' | 'urgence-enfant' | 'urgence-hebergement';

const W = '(?:\\S+ )'; // one word and its space: `${W}{0,3}` allows up to three words between
const CHILD = '(?:enfants?|fils|fille|bebe|petite?|gamine?|gosse|ado|petit fils|petite fille|neveu|niece)';
/** Things a person may say « will kill » them, in a figure of speech. */
const THING =
  '(?:formulaire|site|dossier|demande|code|codes|mot de passe|mdp|caf|page|appli|application|administration|paperasse|truc|machin|bug|ecran|ordinateur|ordi|telephone|attente|etape|procedure|inscription|systeme|tout ca|ca)';
const PARTNER = '(?:mari|conjoint|compagnon|copain|mec|ex|femme|compagne|copine|concubin|concubine|beau pere|pere|il|elle)';
/**
 * Someone other than the person, as the subject of a verb: « il », « elle », « on », a partner, a relative.
 * Not the impersonal « il » (« il faut », « il y a », « il vaut mieux »).
 */
const SOMEONE =
  '(?:il(?! (?:faut|y a|vaut|est|serait|suffit|reste|parait))|elle|ils|elles|on|(?:ex )?(?:mari|conjoint|compagnon|copain|mec|ex|femme|compagne|copine|concubine?|epoux|epouse|beau pere|belle mere|pere|mere|frere|soeur|fils|cousin|oncle|voisin|patron))';
/** Before « me tuer », « me jeter… »: someone else as the subject, no « je » between — a threat, not the person's own act. */
const BY_SOMEONE = `(?<!\\b${SOMEONE} (?:(?!(?:je|j|moi|me) )\\S+ ){0,5}?)`;
/** Someone else doing it to themselves: « mon frère », « ma sœur », « il », « elle »… — or the person (« me »). */
const SELF = '(?:me|se|te|m|s)';

/** A threat to kill the person: « il m'a dit qu'il allait me tuer si je partais », « mon ex me tuera », « menacée de mort ». */
const THREAT = `\\b${SOMEONE} (?:(?!(?:je|j|moi) )\\S+ ){0,5}?me (?:tuer|tuera|tuerait|tueront|tueraient|buter|butera|buterait|faire la peau|jeter (?:par|du|sous))|menace\\w* de mort`;

/** Whether someone threatens to kill the person (violence, not suicide: the safety classifier reads « me tuer » as suicide). */
export function isThreatened(text: string): boolean {
  return new RegExp(`\\b(?:${THREAT})\\b`).test(plain(withoutFigures(text)));
}

const PATTERNS: [Distress, RegExp][] = [
  [
    'urgence-suicide',
    new RegExp(
      [
        'suicid\\w*',
        // « je veux me tuer », « il veut se tuer » — not « il m'a dit qu'il allait me tuer », a threat (violence)
        `${BY_SOMEONE}me tuer`,
        'se tuer',
        'en finir(?! avec (?:ce|cette|cet|le|la|les|mon|ma|mes|votre|vos|l) ?(?:formulaire|dossier|demande|site|inscription|etape|compte|papiers|paperasse|histoire|code|application|appli|declaration))',
        'mettre fin a (?:mes|ma|ses|sa) (?:jours|vie)',
        'envie de mourir',
        '(?:veux|veut|voudrais|vais|prefere|aimerais) mourir(?! (?:de|d) (?:rire|honte|envie|ennui|fatigue|faim|soif|froid|chaud|impatience))',
        'plus envie de (?:vivre|rien)',
        '(?:marre|assez) de (?:vivre|la vie)',
        'veux plus vivre',
        '(?:etais|serais|serai|sois|serait) (?:bientot )?plus la',
        '(?:j ?veux|j ?veu|voudrais|devrais|j ?vais|vais) (?:juste )?(?:plus etre la|disparaitre)',
        // « ce serait plus simple de ne plus être là », « envie de ne plus être là »
        '(?:simple|mieux|envie|besoin|veux|voudrais|aimerais) (?:de )?ne plus etre la(?! (?:demain|ce|cette|le|la|les|du|pendant|a partir|quand|en))',
        '(?:me|se|te) foutre en l air',
        `${BY_SOMEONE}me jet\\w* (?:sous|par|du|d un|d une|de la|dans le vide)`,
        '(?:se|te) jet\\w* (?:sous|par|du|d un|d une|de la|dans le vide)',
        `${SELF} pendre`,
        `${SELF} (?:tirer|tire) une balle`,
        `${SELF} ouvrir les veines`,
        '(?:va|veut|voudrait|parle de|menace de|pense a|envie de) (?:se|me) (?:noyer|defenestrer|immoler)',
        'sauter (?:par la fenetre|du pont|d un pont)',
        'm endormir pour (?:toujours|de bon)',
        'dormir pour toujours',
        'pas d autre (?:sortie|issue|solution) que',
        'idees noires',
        'plus (?:l )?interet de (?:rien|vivre)',
        // said without the words: a plan, a farewell, a burden, self-harm
        '(?:vais|va|peur de|envie de|risque de) faire une (?:betise|connerie)',
        'personne ne (?:me )?regrett\\w*',
        'personne (?:ne )?(?:va|verra|remarquer\\w*|s apercevr\\w*) (?:\\S+ ){0,3}si je (?:disparais|meurs|pars|suis plus la)',
        '(?:serai\\w*|serait|seront|sont|est) (?:bien )?mieux sans moi',
        '(?:suis|etre) (?:qu )?un (?:poids|fardeau)',
        'plus (?:la )?force de (?:continuer|vivre|me battre|tenir|lutter)',
        '(?:envie|besoin) de tout (?:arreter|lacher|quitter)',
        'menace de se (?:tuer|suicider|foutre en l air)',
        'parle de (?:se tuer|mourir|se suicider|en finir)',
        '(?:plus|pas|aucune) (?:de )?raisons? de vivre',
        '(?:ma )?vie n a plus (?:de |aucun )?sens',
        'plus envie de (?:me reveiller|me lever|continuer|me battre)',
        '(?:veux|veut|voudrais) (?:plus|pas) me reveiller',
        '(?:veu|veut|veux|voudrais) plus? vivre',
        '(?:medicaments|cachets|comprimes|pilules) de cote',
        'lettres? d adieu',
        'dire adieu',
        'c est fini pour moi',
        'scarifi\\w*',
        'automutil\\w*',
        '(?<!va |vont |veut |veulent |risque de |pour )(?:me|se) (?:fais|fait|faire) du mal(?! a)',
        '(?:me|se) mutil\\w*',
        'pense\\w* (?:a la mort|a mourir|au suicide)',
        '(?:don t|dont|do not) want to (?:live|be here)|wanna die|no reason to live',
        '(?:vais|veux|va|envie d) (?:\\S+ ){0,1}(?:avaler|prendre) (?:tous|toutes|toute) (?:mes|les|la|ma|ses|sa|leurs)',
        'de trop sur (?:cette )?terre',
        'je me tue\\b(?! a)',
        'au bord du (?:pont|vide|gouffre)',
        '(?:pense a|compte|vais|veux|voudrais|envie de|mieux de|solution c est de|prefere\\w*) (?:\\S+ ){0,1}(?:partir|disparaitre|m en aller) (?:pour de bon|pour toujours|definitivement)',
        'disparaitre pour de bon',
        'plus (?:d |aucune )issue',
        '(?:perdu|deces|mort|decede\\w*)\\b.{0,60}\\b(?:le|la|les) rejoindre',
        '(?:prefere\\w*|veux|voudrais|envie de) (?:ne )?plus exister',
        'arreter de vivre',
        'que tout s arrete',
        'a quoi bon (?:continuer|vivre)',
        '(?:plus|aucune?|pas) (?:d |de |l |le )?(?:interet|raisons?|sens) (?:de|a) (?:continuer|vivre|exister|me lever|me battre|tout ca)(?! (?:ce|cette|cet|le|la|les|mon|ma|mes|l|votre|vos|un|une|sur|avec|ici|en)\\b)',
        'en terminer(?! avec)',
        'ne (?:jamais|plus) me reveiller',
        'wants? to die|kill (?:myself|himself|herself|themselves)|end (?:my|his|her|their) life',
        // someone else's wish said by the person: « mon frère dit qu'il veut mourir », « elle parle de disparaître »
        '(?:dit|dire|parle|pense|menace|repete) (?:\\S+ ){0,3}(?:(?:veut|voudrait|va|allait) (?:mourir|disparaitre|en finir)|(?:plus|pas) envie de vivre)',
        '(?:tout )?(?:prepare|prevu|organise) (?:de quoi|pour) (?:partir|en finir|ce soir|demain|cette nuit)',
        'ferai\\w* mieux de (?:partir|disparaitre|mourir)',
      ].join('|'),
    ),
  ],
  [
    'urgence-medicale',
    new RegExp(
      [
        'saigne\\w*',
        'saignement\\w*',
        'hemorragi\\w*',
        'perds? (?:du sang|les eaux)',
        'perte de sang',
        '(?:ne )?respire (?:plus|mal)',
        'inconscient\\w*',
        'malaise',
        'overdose',
        'douleurs? (?:a la|dans la|de) poitrine',
        'urgence medicale',
        'fait une crise',
        `avale\\w* ${W}{0,2}(?:boite|pilules|medicaments?|cachets|comprimes|pile|piles|produit|javel|plaquette)`,
        // taking one's medicine is not an overdose: « pris toute la boîte », « trop de cachets »
        `(?:pris|prendre)\\w* (?:toute|toutes|tous|trop|plein|une|la|des dizaines)\\b ${W}{0,2}(?:boite|pilules|medicaments?|cachets|comprimes|pile|piles|produit|javel|plaquette)`,
        `(?:il|elle|bebe|enfant|fils|fille|mari|femme|mere|pere) (?:ne )?(?:reagit|bouge|respire|se reveille) (?:plus|pas)`,
        'ne se (?:releve|reveille) (?:pas|plus)',
        'convuls\\w*',
        'evanoui\\w*',
        'perdu connaissance',
        `(?:il|elle|bebe|enfant|fils|fille|mari|femme|mere|pere) (?:est )?(?:tres |tout |toute )?confuse?`,
        'confuse?\\b.{0,40}\\b(?:transpire|sueurs?|ne boit|ne mange)',
        '(?:transpire|diabet\\w*|ne boit plus|ne mange plus)\\b.{0,60}\\bconfuse?',
        'deshydrat\\w*',
        'ne boit plus',
        `(?:${CHILD}|bebe|il|elle) (?:\\S+ ){0,2}(?:a |ont )?(?:mange|avale|bu|pris)\\w* (?:des|les|mes|ses|tous les|toute la|plein de) (?:medicaments|cachets|comprimes|pilules)`,
        'crise cardiaque',
        '(?:un|d un|fait|faire) avc',
        'visage (?:qui tombe|paralyse|de travers)',
        '(?:n arrive|n arrivons|arrive) (?:plus|pas) a respirer',
        '(?:tombe\\w*|allonge\\w*|par terre) (?:\\S+ ){0,6}ne (?:repond|bouge|reagit|se releve) (?:plus|pas)',
        '(?:4[0-2]|39 5) de fievre',
        'douleur\\w* (?:\\S+ ){0,4}(?:poitrine|thorax)',
        'bras gauche (?:est )?(?:engourdi|paralyse)',
        '(?:bebe|enfant|fils|fille|il|elle|levres|visage|mari|femme) (?:\\S+ ){0,3}(?:tout bleu|toute bleue|devient bleue?|deviennent bleues)',
        'brule\\w* (?:gravement|grave)',
        'gorge (?:qui )?gonfle',
        'reaction allergique',
        'choc anaphylactique',
        // a stroke or a heart attack told by its signs: a limb gone numb, blurred sight with a spinning head
        '(?:sens|sent|sentons) (?:plus|pas|presque plus) (?:mon|ma|mes|son|sa|ses|le|la|les) (?:bras|jambes?|main|mains|visage|cote|moitie)',
        '(?:bras|jambe|main|visage|cote) (?:gauche|droite?) (?:\\S+ ){0,2}(?:engourdie?|paralysee?|insensible|lourde?|qui (?:ne )?(?:repond|bouge) (?:plus|pas))',
        '(?:vois|voit|vue) (?:tout )?(?:flou|floue|double|trouble)\\b.{0,60}\\b(?:tete qui tourne|vertiges?|bras|jambe|parler|engourdi\\w*)',
        '(?:tete qui tourne|vertiges?)\\b.{0,60}\\b(?:vois|voit|vue) (?:tout )?(?:flou|floue|double|trouble)',
        '(?:bouche|levre) (?:est |reste |qui est )?(?:de travers|qui tombe|tordue)',
        '(?:visage|bouche) (?:est |reste )(?:de travers|paralyse|tordu)',
        // one side of the face fallen (« un côté de sa bouche tombe »), or odd speech told beside a sign of the face or a limb
        '(?:cote|moitie) (?:de |du )?(?:(?:sa|son|la|le|mon|ma) )?(?:bouche|visage|figure) (?:qui )?(?:tombe|pend|est de travers|de travers|paralyse\\w*|tordu\\w*|ne bouge plus)',
        '(?:parle|parlait) (?:bizarrement|bizarre|de travers|en bafouillant)\\b.{0,60}\\b(?:bouche|visage|figure|bras|jambe)\\b',
        '(?:bouche|visage|figure)\\b.{0,40}\\b(?:tombe|de travers|tordue?)\\b.{0,60}\\b(?:parle|parlait) (?:bizarrement|bizarre|de travers|plus)',
        // suddenly unable to speak: « mon père ne peut plus parler » (a past stroke's after-effects are not: `isPastMedical`)
        'ne (?:peut|peux|pouvait|pourrait) plus (?:parler|articuler|bouger (?:le|la|son|sa|mon|ma) (?:bras|jambe|main))(?! (?:a|au|aux|avec|de|du|des|en|francais|anglais|bien|fort|correctement)\\b)',
        '(?:n arrive|n arrivait|arrive) (?:plus|pas) a (?:(?:parler|articuler)(?! (?:a|au|aux|avec|de|du|des|en|francais|anglais|bien|fort|correctement)\\b)|bouger (?:le|la|mon|ma|son|sa) (?:bras|jambe|main))',
        '(?:poitrine|coeur) (?:qui )?(?:serre|se serre|comprime)|(?:serre|oppresse)\\w* (?:dans )?la poitrine',
        'hypoglycemi\\w*',
        'avale\\w* (?:une|un|des|de la|du) (?:piece|pile|produit|javel|medicament)',
        'bu (?:de la|du) (?:javel|produit|detergent|alcool a bruler)',
        's etouff\\w*',
        'vomit sans arret',
        'respire (?:presque plus|difficilement|a peine)',
        'ne sait plus ou (?:il|elle) est',
        'en train d accoucher',
        'perds? (?:beaucoup de )?sang',
        `(?:fievre|bebe|enfant|fils|fille|mari|femme|mere|pere|compagnon|compagne|voisine?)\\b.{0,40}\\bne (?:reagit|se reveille|respire|bouge) (?:plus|pas|presque plus)`,
      ].join('|'),
    ),
  ],
  [
    'urgence-enfant',
    new RegExp(
      [
        `${CHILD} (?:est |sont )?en danger`,
        'maltrait\\w*',
        `(?:frappe|bat|tape|cogne) (?:mon|ma|mes|les|son|sa|ses|le|la) ${CHILD}`,
        // a parent afraid of their own gestures, a child threatened or taken away
        `(?:failli|envie de|peur de|vais|pourrais) (?:frapper|taper|battre|secouer|cogner) (?:mon|ma|mes|le|la|les|mon|notre|nos) ${CHILD}`,
        `secoue\\w* (?:le|mon|notre|ma) (?:bebe|petite?)`,
        `(?:faire|fasse|fait|fera) du mal (?:a (?:mon|ma|mes|nos|notre|les|leurs?) ${CHILD}|aux enfants)`,
        'leur faire du mal',
        `(?:kidnappe|emmene de force|pris de force)\\w* (?:les|mes|nos|ma|mon|notre) ${CHILD}`,
        'abus sexuels?',
        'attouchements?',
        `(?:il|elle) (?:la|le) (?:touche|tripote)`,
        '(?:se drogue|boit|ivre) devant (?:lui|elle|eux|les enfants)',
        `(?:beau pere|belle mere|pere|mere|parents?|papa|maman) (?:me )?(?:frappe|bat|tape|battent|frappent)\\w*`,
        'j ai (?:[6-9]|1[0-7]) ans\\b.*\\b(?:frappe|bat|tape|violen\\w*|peur de rentrer|me touche)\\w*',
        '(?:frappe|bat|tape|violen)\\w*\\b.*\\bj ai (?:[6-9]|1[0-7]) ans',
        `(?:${CHILD}|il|elle) .{0,40}(?:pas|rien) mange depuis`,
        `(?:entends|entend) des coups`,
        `${CHILD} ${W}{0,4}(?:fugue|parti de la maison|partie de la maison|disparue?|(?:n est )?pas rentree?)`,
        'fugue\\w*',
        // said without the words: bruises, a belt, touching, left alone, not fed
        `${CHILD}\\b.{0,60}\\b(?:des bleus|(?:marques?|traces?) de (?:coups|ceinture|cigarettes?|brulures?|morsures?))`,
        `(?:des bleus|(?:marques?|traces?) de (?:coups|ceinture|cigarettes?|brulures?|morsures?))\\b.{0,60}\\b${CHILD}`,
        'brul\\w* (?:a la|avec (?:une|des|sa|ses)) cigarettes?',
        '(?:tape|frappe|bat|cogne|corrige)\\w* avec (?:la|une|un|sa|le) (?:ceinture|baton|cable|fil|martinet|bout)',
        `(?:beau pere|belle mere|pere|mere|parents?|papa|maman|oncle|tante|grand pere) (?:\\S+ ){0,3}(?:le|la|les) (?:frappe|bat|tape|battent|frappent|tapent|cogne|corrige)\\w*`,
        'gestes? deplace\\w*',
        '(?:et|qui|pere|papa|oncle|frere|cousin) (?:la|le|les) (?:touche|tripote|caresse)\\b(?! (?:entree|du clavier|valider|espace|retour|majuscule|suppr))',
        'inceste',
        'pedophil\\w*',
        `${CHILD} (?:\\S+ ){0,6}(?:est |a ete |se fait )?violee?\\b`,
        `laisse\\w* (?:ses|les|mes|son|sa|leurs?|notre|nos|le|la) (?:${CHILD}|petits|gamins) (?:\\S+ ){0,2}seule?s?`,
        `${CHILD}s? (?:\\S+ ){0,3}seule?s? (?:toute la nuit|la nuit|des heures|des jours)`,
        '(?:donne|donnent) (?:pas|rien) a manger a',
        `${CHILD}\\b.{0,40}\\b(?:toujours faim|tres maigre|toute? maigre|affamee?)`,
        'enferme\\w* (?:sur le balcon|dans (?:la|le|un|une) (?:cave|placard|garage))',
        `${CHILD}\\b.{0,50}\\bagress\\w*`,
        '(?:child|kid|kids|children|baby)\\b.{0,40}\\b(?:alone|hungry|beaten|hit|abused)',
        `(?:entends?|entend) (?:\\S+ ){0,4}(?:coups|hurler|cris d enfants?)`,
        `(?:hurle|crie)\\w* (?:sur|contre) (?:son|sa|ses|les|mes|leurs?|le|la) (?:${CHILD}|gamins?|petits?)`,
        `${CHILD} (?:\\S+ ){0,4}laisse\\w* seule?s?`,
        '(?:lui|leur|me) fait des choses',
        `${CHILD} (?:\\S+ ){0,2}(?:est|a ete|se fait|sont|ont ete) (?:battue?|frappee?|tapee?|maltraitee?)s?\\b`,
        `${CHILD} (?:\\S+ ){0,3}battue?s?\\b`,
        `touche\\w* (?:ma|mon|sa|son|leur|une|un|a ma|a mon) (?:${CHILD})`,
        'on (?:les|le|la) (?:frappe|frappent|bat|battent)',
        `${CHILD}\\b.{0,60}\\b(?:sans manger|pas mange|jamais lave|ni nourri|pas nourri|neglige)`,
      ].join('|'),
    ),
  ],
  [
    'urgence-violence',
    new RegExp(
      [
        'me frapp\\w*',
        'me bat',
        'me battait',
        'm a (?:frappee?|tapee?|battue?|bousculee?|etranglee?|cognee?)',
        'm a (?:encore|deja|de nouveau|encore une fois|une fois de plus|plusieurs fois|souvent|violemment) (?:frappee?|tapee?|battue?|bousculee?|etranglee?|cognee?|giflee?|blessee?)',
        'me tape',
        'me cogne(?! la tete)',
        `(?:il|elle) (?:la|le) (?:frappe|bat|tape|cogne)`,
        // someone else beaten by a partner: « ma sœur se fait frapper par son mari », « son copain la bat »
        `(?:mari|conjoint|compagnon|copain|mec|ex|concubin) (?:la|le) (?:frappe|bat|tape|cogne|menace|violente)`,
        `(?:se fait|se faisait|est|etait|a ete) (?:\\S+ ){0,1}(?:frapp|batt|tap|cogn|violent|menac|etrangl)\\w* par (?:son|sa|le|la|mon|ma) (?:ex |ancien |ancienne )?(?:mari|conjoint|compagnon|copain|mec|ex|femme|compagne|copine|concubine?)`,
        'violences? (?:conjugales?|dans (?:le|mon) couple|familiales?|economiques?)',
        'violente?s? avec (?:moi|nous|les enfants|mes enfants)',
        `${PARTNER} (?:est|etait|devient|et) violente?`,
        '(?:va|veut|vont|veulent) (?:venir )?me tuer',
        THREAT,
        'menace de me',
        // a partner's suicide threat to keep the person from leaving is a pressure too: « il menace de se tuer si je pars »
        'se (?:tuer|suicider|foutre en l air|jeter \\S+|pendre|faire du mal)\\b.{0,40}\\bsi (?:je|j) (?:\\S+ ){0,1}(?:pars|partais|partirai|quitte|quittais|m en vais|men vais|en vais|divorce|divorcais|separe|demande (?:le divorce|la separation))',
        'chantage au suicide',
        'me menace',
        `peur de (?:lui|elle|(?:mon|ma) ${PARTNER})`,
        'pas en securite (?:chez moi|a la maison)',
        'ca (?:va )?fini(?:t|r)? mal',
        `prend (?:tout )?(?:mon|ma|mes|l) ?(?:telephone|portable|argent|carte)`,
        'prend tout l argent',
        // said without the words: a slap, a raised hand, locked in, raped, harassed, robbed
        'me gifl\\w*',
        'm a giflee?',
        'leve (?:la main|le poing) sur moi',
        'coups? de (?:poing|pied|ceinture|couteau)',
        'plainte (?:contre (?:\\S+ ){1,3})?pour (?:coups|violences?|menaces?|viol|harcelement)',
        '(?:des )?bleus (?:partout|a cause de (?:lui|elle)|sur (?:les bras|le corps|le visage))',
        'vis dans la peur',
        'peur (?:qu il|quand il|qu elle|quand elle) (?:rentre|revienne|rentrera)',
        'peur de rentrer (?:chez moi|a la maison)',
        '(?:il|elle) m enferme\\w*',
        'me sequestr\\w*',
        'sequestree?',
        'm empeche\\w* de (?:sortir|partir|voir|travailler|telephoner)',
        'me viol\\w*',
        'm a violee?',
        'viol conjugal',
        'me force\\w* a (?:coucher|avoir des rapports|lui donner)',
        `${PARTNER} (?:\\S+ ){0,2}me harcel\\w*`,
        'me bouscul\\w*',
        '(?:prendre|prends|prend|pris|recevoir|recois|recu) (?:encore )?des coups',
        'me (?:mettre|met|mettra|mettait|mettent|donner|donne|donnera|donnait) (?:encore )?des coups(?! (?:de main|de fil|de telephone|d oeil|de pouce))',
        '(?:il|elle) (?:\\S+ ){0,3}me (?:mettre|met|mettra|mettait|jette|jeter) (?:\\S+ ){0,1}dehors',
        'me vol\\w* (?:ma|mon|mes) (?:retraite|pension|argent|allocations|carte)',
        '(?:garde|confisque\\w*|cache) (?:tous |toutes )?(?:ma|mon|mes) (?:carte bancaire|carte bleue|cb|papiers|passeport|titre de sejour)',
        'casse (?:tout|des choses|les meubles|la maison)',
        'casse (?:le|la|les|mon|ma) (?:bras|nez|dents?|jambe|cotes?|doigts?|machoire|poignet)',
        `${PARTNER} m oblige\\w* a`,
        '(?:mis|donne|met|prends|pris) (?:une|des) (?:claques?|gifles?|baffes?|beignes?)',
        '(?:hits|beats|hit|beat|hurts|abuses) me|domestic (?:violence|abuse)',
        `${PARTNER} m interdit\\w* de (?:sortir|partir|voir|travailler|telephoner|parler)`,
        'agress\\w* sexuel\\w*',
        '(?:suis|ete) (?:battue?|frappee?)',
        '(?:il|elle) (?:m )?a pris (?:mes|mon|ma) (?:papiers|passeport|carte|titre)',
        '(?:il|elle) controle (?:tout|tous|toutes|mon|ma|mes)',
        '(?:il|elle) (?:m a|me) force\\w* a',
        'me pouss\\w* (?:devant|contre|par terre|dans)',
        '(?:il|elle) me surveille',
        '(?:il|elle) lit (?:tous )?mes (?:messages|sms|mails)',
        'peur qu (?:il|elle) me (?:retrouve|trouve|tue|frappe)',
        'm a (?:deja )?blessee?',
        'enfuie?',
        // someone breaking in: « il a défoncé ma porte », « il essaie d'entrer de force »
        '(?:defonc|enfonc|fracass|cass|forc)\\w* (?:\\S+ ){0,1}(?:ma|la|notre|leur) porte(?! (?:monnaie|feuille|documents?))',
        '(?:entrer|rentrer) de force',
        '(?:va|vont|veut|risque de) me faire du mal',
      ].join('|'),
    ),
  ],
  [
    'urgence-hebergement',
    new RegExp(
      [
        'dormir dehors',
        'dors dehors',
        'dort dehors',
        'dorment dehors',
        'dormons dehors',
        'a la rue(?! (?:de|du|des|d|saint|sainte|victor|jean|pierre|paul|general|marechal|president|jules|emile)\\b)',
        'sans abri',
        'sdf',
        'nulle part (?:ou|pour) dormir',
        'pas d endroit (?:ou|pour) dormir',
        'rien pour dormir',
        'pas de toit',
        'expulsee?s? (?:ce soir|aujourd hui|demain)',
        'mise? dehors',
        '(?:dor\\w*|suis|sommes) dans (?:la|ma|une|notre) (?:voiture|rue|gare)',
        '(?:vis|vit|vivons|vivent) dans (?:la|ma|une|notre) (?:voiture|rue)',
        'sans logement ce soir',
        'logements? d urgence',
        // said without the words: nowhere to sleep tonight, a car park, put out
        'nulle part ou aller',
        '(?:dors|dormons|dort|dormir|dormi|passe\\w* la nuit) (?:dans (?:un|une|le|la|ma|mon|notre) (?:parking|voiture|tente|hall|squat|camion|gare|rue|cage d escalier|abri bus)|sous (?:un|le) pont)',
        'sans (?:domicile|toit|abri)',
        'plus de toit',
        'mise? a la porte',
        'vire\\w* de (?:chez|la maison|l appartement|mon logement)',
        'change (?:les|la) serrures?',
        'expuls\\w* (?:\\S+ ){0,2}(?:ce soir|cette nuit|aujourd hui|demain)',
        '(?:ou|dors ou|dort ou|dormir ou) (?:\\S+ ){0,4}(?:dormir|dors|dort|dormons|aller) (?:\\S+ ){0,2}(?:ce soir|cette nuit)',
        '(?:ce soir|cette nuit) (?:\\S+ ){0,6}ou (?:je vais |on va |nous allons |aller )?dormir',
        'a droite a gauche',
        'de canape en canape',
        '(?:demain|ce soir|aujourd hui) (?:\\S+ ){0,3}expuls\\w*',
        'sleep (?:in the street|outside|in (?:my|the) car)|homeless',
        'hebergement d urgence',
        '(?:plus|aucun|pas) (?:de )?logement (?:ce soir|depuis (?:hier|ce matin|\\S+ (?:jours|nuits)))',
        '(?:dors|dormons|dort) (?:dans le metro|sur un banc|sur le trottoir|chez des inconnus)',
        'jete\\w* dehors',
        '(?:peux|peut|pouvons|pourrai|pourrais|ose|osons) (?:pas|plus) (?:rentrer|retourner) (?:chez (?:moi|nous|lui)|a la maison) (?:ce soir|cette nuit|aujourd hui)(?! (?:pour|avant|apres|vers)\\b)',
        // « ce soir je ne peux pas rentrer à la maison »: the night said first.
        '(?:ce soir|cette nuit) (?:je |j |on |nous )?(?:ne |n )?(?:peux|peut|pouvons|pourrai|pourrais|ose|osons) (?:pas|plus) (?:rentrer|retourner) (?:chez (?:moi|nous|lui)|a la maison)(?! (?:pour|avant|apres|vers|tard|tot)\\b)',
      ].join('|'),
    ),
  ],
].map(([k, re]) => [k as Distress, new RegExp(`\\b(?:${(re as RegExp).source})\\b`)]);

/** The kinds, the most urgent first. */
export const DISTRESS_KINDS: readonly Distress[] = PATTERNS.map(([k]) => k);

/** An act under way or about to be, not a wish: the emergency numbers alone, nothing about the démarche. */
const IMMINENT = /\b(ce soir|cette nuit|maintenant|tout de suite|achete de quoi|j ai pris|j ai avale|il y a une heure)\b/;

/**
 * Figures of speech that name death and mean nothing of it: « mourir de rire », « je suis mort de
 * fatigue », « j'ai failli mourir de honte », « ça me tue », « vous me tuez avec vos codes », « je me
 * tue à vous le dire »; and a démarche stopped (« si j'arrête en plein milieu du formulaire »), which
 * the safety classifier took for « tout arrêter ». Read on folded text (any run of other characters
 * between words).
 */
const _ = '[^a-z0-9]+';
const FIGURE = new RegExp(
  `(?<![a-z0-9])(?:${[
    `(?:mourir|mort|morte|morts|mortes|meurs|meurt|mourais|mourrai|mourrais|crever|creve|crevee|crevais)${_}(?:de${_}|d${_})(?:rire|honte|fatigue|ennui|faim|soif|froid|chaud|impatience|envie|sommeil|trouille|stress|chaleur)`,
    `(?:ca|tu|vous|ce${_}[a-z]+|cette${_}[a-z]+|votre${_}[a-z]+|vos${_}[a-z]+|ces${_}[a-z]+)${_}(?:me|m)${_}(?:tue|tues|tuez|tuent|tuera|tueront|achevez|acheve)`,
    `(?:me|se)${_}tue${_}a${_}(?:la${_}tache|vous|te|le|la|les|l|[a-z]+er)`,
    // a thing is no threat: « ce formulaire va me tuer »
    `${THING}${_}(?:va|vont|finira|finiront)${_}(?:par${_})?me${_}tuer`,
    `mort${_}de${_}rire|mdr|ptdr`,
    // stopping a démarche, not one's life: « si j'arrête en plein milieu du formulaire »
    `(?:arrete|arreter|arretez|stoppe|stopper|abandonne|abandonner|interromps|interrompre|quitte|quitter|lache|lacher)${_}(?:tout${_})?(?:en${_}plein${_}milieu|au${_}milieu|a${_}la${_}moitie|en${_}cours${_}de${_}route|avant${_}la${_}fin|(?:du|de|le|la|les|ce|cette|mon|ma|l)${_}(?:formulaire|demande|dossier|inscription|site|page|compte|etape|saisie|creation|onglet|procedure|demarche))`,
  ].join('|')})(?![a-z0-9])`,
  'g',
);

/** The message without its figures of speech (folded): what is left to read for distress. */
export function withoutFigures(text: string): string {
  return fold(text).replace(FIGURE, ' ');
}

/** Whether the message holds a figure of speech naming death (« mort de rire », « ça me tue »). */
export function hasFigure(text: string): boolean {
  return withoutFigures(text) !== fold(text);
}

/** Every kind of distress the message names, the most urgent first. */
export function distressesOf(text: string): Distress[] {
  const s = plain(withoutFigures(text));
  return PATTERNS.filter(([k, re]) => re.test(s) && !(k === 'urgence-medicale' && isPastMedical(text))).map(([k]) => k);
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
  ].join('|'),
);
const HAPPENING_NOW = new RegExp(
  [
    'maintenant',
    'en ce moment',
    'tout a coup',
    'd un coup',
    'soudain\\w*',
    'subitement',
    'a l instant',
    '(?:vient|viens|venons) de',
    '(?:depuis|il y a) (?:\\d+|une|un|quelques|cinq|dix|vingt) (?:minutes?|min|heures?|h)',
    'ce matin',
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

/** Anger, insults, weariness: « j'en ai marre », « c'est nul », « bande d'incapables ». */
const FRUSTRATION =
  /\b(marre|ras le bol|raz le bol|saoule?|soule|gonfle|nul|nulle|nuls|pourri|naze|merde\w*|putain|ptn|con|conne|connard\w*|connasse|abruti\w*|debile\w*|idiote?|stupide|incapables?|incompetente?s?|honte|honteux|inadmissible|scandale\w*|scandaleux|foutage|fous de|sers a rien|servez a rien|sert a rien|ca marche jamais|ca marche pas ce truc|je craque|j en peux plus|enerve\w*|colere|voleurs?|escrocs?|fdp|batards?|encule\w*|bordel|chier|degoute\w*|ridicule|lamentable|minable|usine a gaz|toujours la meme chose|c est toujours|deja (ecrit|appele|dit) \d+ fois)\b/;

export function isFrustrated(text: string): boolean {
  // « j'ai failli mourir de honte » is no anger, « c'est une honte » is.
  return FRUSTRATION.test(plain(withoutFigures(text)));
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

/** Folded, every run of other characters one space: « J'en ai MARRE !! » → « j en ai marre ». */
function plain(text: string): string {
  return ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
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
