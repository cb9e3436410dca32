import { CHILD, CHILD_IN_DANGER, W, WITHOUT_A_ROOF } from './distress-patterns-family';

/**
 * Read before anything else: a person in danger or in distress gets the emergency numbers first
 * (3114, 3919, 119, 115, 15, 112), and a person who is angry gets a calm answer and a way to reach
 * someone. Patterns on folded words (no accents, lower case, one space between words), so
 * « SUICIDÉ », « suicide » and « suicider » meet. Each kind is a family of ways of saying it (the
 * act, the wish, the euphemism), not a list of sentences; every kind a message names is answered,
 * the most urgent first.
 */
export type Distress = 'urgence-suicide' | 'urgence-medicale' | 'urgence-violence' | 'urgence-enfant' | 'urgence-hebergement';

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

/**
 * A threat to kill the person: « il m'a dit qu'il allait me tuer si je partais », « mon ex me tuera », « ce soir il me
 * finirait », « il va m'achever », « menacée de mort ».
 */
export const THREAT = `\\b${SOMEONE} (?:(?!(?:je|j|moi) )\\S+ ){0,5}?(?:(?:me|nous) (?:tuer|tue|tuera|tuerait|tueront|tueraient|buter|bute|butera|buterait|finir|finira|finirait|crever|crevera|creverait|faire la peau|jeter (?:par|du|sous))|(?:m|nous) (?:achever|achevera|acheverait|assassiner))\\b(?! (?:les |mes |ses |nos )?pneus)|menace\\w* de mort|menac\\w* de (?:me|nous|m|les) (?:tuer|buter)`;

export const PATTERNS: [Distress, RegExp][] = [
  [
    'urgence-suicide',
    new RegExp(
      [
        'suicid\\w*',
        // « je veux me tuer », « il veut se tuer » — not « il m'a dit qu'il allait me tuer », a threat (violence)
        `${BY_SOMEONE}me tuer`,
        'se tuer',
        'en finir(?! avec (?:ce|cette|cet|le|la|les|mon|ma|mes|votre|vos|l) ?(?:formulaire|dossier|demande|site|inscription|etape|compte|papiers|paperasse|histoire|code|application|appli|declaration))',
        // « après ça j'en finis », « ce soir j'en finis » — not « quand j'en finis avec le dossier », « j'en finis de remplir »
        '(?:apres|apres ca|apres cela|apres tout ca|ce soir|cette nuit|bientot) j en (?:finis|finirai)\\b(?! (?:avec|de|d)\\b)',
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
        // a farewell said in passing: leaving in peace, no longer needed, « après moi », standing on a roof
        '(?:partir|m en aller|mourir) (?:l esprit )?tranquilles?(?! (?:en|a|au|aux|pour|chez|de|du|sur|avec)\\b)',
        '(?:n auront|n aura|n ont|n a|auront|aura) (?:plus|pas) besoin de moi',
        '(?:toucheront|touchera|recevront|recevra|auront|aura|percevront|percevra|verse\\w*|donne\\w*) (?:\\S+ ){0,4}apres moi|pour apres moi',
        'apres (?:ma mort|mon deces|ma disparition)',
        '(?:meurt|mort|meurs|deces|decede|apres moi)\\b.{0,80}\\bpris ma decision|pris ma decision\\b.{0,80}\\b(?:meurt|mort|mourir|deces|apres moi)',
        '(?:suis|me trouve|monte\\w*|assise?|debout) (?:sur|au bord (?:du|de la)) (?:le |la )?(?:toit|rebord de la fenetre|parapet|falaise)',
        '(?:serait|serions|seraient|serais|serai|sera) (?:\\S+ ){0,1}mieux (?:partie?s?|morte?s?|sous terre)',
        '(?:sert a rien|pas la peine|pourquoi|a quoi bon|plus envie|plus la force)\\b.{0,30}\\bcontinu\\w* (?:de|a) vivre',
        // a low mood told by its signs (no longer eating, lying in bed all day) and « what's the point »
        '(?:mange plus|dors plus|reste couche\\w* (?:toute la journee|tous les jours|tout le temps)|plus (?:d energie|gout a rien|la force))\\b.{0,100}\\b(?:a quoi (?:ca|sa|bon) (?:sert|servir)(?! (?:de|d|le|la|les|ce|cette|ces|un|une|mon|ma|mes|votre|vos)\\b)|a quoi bon|plus rien n a de sens|mieux partie?s?)',
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
        '(?:respire|respirait) (?:bizarrement|bizarre|bruyamment|tres vite|avec difficulte|par a coups)',
        '(?:a|avait) du mal a respirer',
        // « j'ai mal dans la poitrine et du mal à respirer », « enceinte, je perds du liquide »
        'du mal a respirer',
        'mal (?:a|dans) la poitrine',
        'enceinte\\b.{0,60}\\bperds? (?:du |de l |beaucoup de )?(?:liquide|eau)',
        '(?:vient|viens|venait) de (?:tomber|chuter)\\b.{0,60}\\b(?:respir\\w*|saign\\w*|bouge|repond|reagit|vomi\\w*|tete|inconscien\\w*)',
        '(?:tombe\\w*|allonge\\w*|par terre) (?:\\S+ ){0,6}(?:repond|bouge|reagit|se releve) (?:plus|pas)',
        // a household product swallowed or drunk: a poisoning (the 15 or a centre antipoison)
        '(?:avale|bu|boire|bois|boit|mange|croque|leche)\\w* (?:\\S+ ){0,3}(?:pastilles?|capsules?|dosettes?|lessive|javel|detergent|desinfectant|produit (?:vaisselle|menager|de (?:lave|menage|nettoyage|vaisselle))|destop|white spirit|alcool a bruler|piles? bouton|aimants?)',
        // someone no longer answering for days, shutters closed: the 15, the 112 or the 17
        '(?:ne )?(?:repond|ouvre|decroche) (?:plus|pas)\\b.{0,60}\\bvolets|volets\\b.{0,60}\\b(?:ne )?(?:repond|ouvre|decroche) (?:plus|pas)',
        '(?:voisine?|grand mere|grand pere|personne agee|agee?)\\b.{0,60}\\b(?:ne )?(?:repond|ouvre|decroche) (?:plus|pas) (?:\\S+ ){0,2}depuis (?:hier|avant hier|\\S+ jours|plusieurs jours)',
        'ne sait plus ou (?:il|elle) est',
        'en train d accoucher',
        'perds? (?:beaucoup de )?sang',
        `(?:fievre|bebe|enfant|fils|fille|mari|femme|mere|pere|compagnon|compagne|voisine?)\\b.{0,40}\\bne (?:reagit|se reveille|respire|bouge) (?:plus|pas|presque plus)`,
      ].join('|'),
    ),
  ],
  ['urgence-enfant', CHILD_IN_DANGER],
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
        // a threat of violence to come: « il va redevenir violent », « il va revenir s'en prendre aux enfants »
        '(?:va|vont|veut|risque de|menace de) (?:\\S+ ){0,2}?(?:redevenir|devenir|etre|etre encore) violente?s?',
        's en prendre (?:a moi|a nous|a eux|aux enfants|a mes enfants|a nos enfants|a (?:ma|mon) (?:fille|fils|bebe|petite?))',
        '(?:va|veut|vont|veulent) (?:venir )?me tuer',
        THREAT,
        'menace de me',
        // a partner's suicide threat to keep the person from leaving is a pressure too: « il menace de se tuer si je pars »
        'se (?:tuer|suicider|foutre en l air|jeter \\S+|pendre|faire du mal)\\b.{0,40}\\bsi (?:je|j) (?:\\S+ ){0,1}(?:pars|partais|partirai|quitte|quittais|m en vais|men vais|en vais|divorce|divorcais|separe|demande (?:le divorce|la separation))',
        'chantage au suicide',
        'me menace',
        `peur de (?:lui|elle|(?:mon|ma) ${PARTNER})`,
        // « mon beau-père me fait peur », « il me fait vraiment peur quand il boit »
        `${PARTNER} (?:me|nous) (?:fait|faisait|font) (?:tres |trop |vraiment |tellement |souvent )?peur`,
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
        // threatened with a weapon, or threatened by a partner
        'menac\\w* (?:\\S+ ){0,2}avec (?:un|une|son|sa|le|la) (?:couteau|arme|pistolet|fusil|marteau|hache|ciseaux|batte)',
        // not a sanction threatened by an office (« elle m'a menacée de couper le RSA »)
        `${PARTNER} (?:\\S+ ){0,2}(?:me|m a|nous a|nous|m) menac\\w*(?! (?:de|d) (?:me |m |nous )?(?:couper|suspendre|supprimer|radier|arreter|retirer|stopper|bloquer|sanction\\w*|suspension|poursuites?|amende|contentieux|penalit\\w*|recouvrement|rembourse\\w*|porter plainte|signaler|licenci\\w*|virer))`,
        // papers kept from the person
        `${PARTNER} (?:\\S+ ){0,2}(?:m )?a (?:pris|garde|cache|confisque|vole|dechire)\\w* (?:tous |toutes )?(?:mes|mon|ma) (?:papiers|passeport|carte|titre)`,
        '(?:papiers|passeport|carte d identite|titre de sejour)\\b.{0,60}\\brefuse\\w* de (?:me )?(?:les |le |la )?rendre',
        // watched, followed, the departure prepared in secret
        `${PARTNER} (?:\\S+ ){0,2}(?:regarde|fouille|lit|verifie|controle|surveille|epluche)\\w* (?:tous |toujours |tout )?(?:mon|mes|ma) (?:telephone|portable|messages|sms|mails|releves)`,
        '(?:comprendre|savoir|decouvrir|se rendre compte|apprend\\w*)\\w* que (?:je|j) (?:prepare|veux|vais|compte) (?:mon depart|partir|le quitter|la quitter|m en aller|m enfuir)',
        'me (?:suit|suivait|suivre|traque|traquait|piste|espionne|guette) (?:partout|tout le temps|jusqu|dans la rue|en voiture|a la sortie)',
        '(?:il|elle) (?:\\S+ ){0,2}me (?:traque|espionne|geolocalise|localise)\\w*',
        'sait (?:toujours|tout le temps|en permanence|a chaque fois) ou je (?:suis|vais|habite|dors)',
      ].join('|'),
    ),
  ],
  ['urgence-hebergement', WITHOUT_A_ROOF],
].map(([k, re]) => [k as Distress, new RegExp(`\\b(?:${(re as RegExp).source})\\b`)]);

/** The kinds, the most urgent first. */
export const DISTRESS_KINDS: readonly Distress[] = PATTERNS.map(([k]) => k);
