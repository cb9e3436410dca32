/**
 * Two families of `distress-patterns.ts`, about a household: a child in danger (the 119) and a family without a roof
 * (the 115), on folded words; `W` and `CHILD` are shared with the other families.
 */
export const W = '(?:\\S+ )'; // one word and its space: `${W}{0,3}` allows up to three words between
export const CHILD = '(?:enfants?|fils|fille|bebe|petit frere|petite soeur|petite?|gamine?|gosse|ado|petit fils|petite fille|neveu|niece)';

/** A child in danger: beaten, touched, left alone, not fed, run away — told by a parent, a relative or the child. */
export const CHILD_IN_DANGER = new RegExp(
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
    // beaten by a parent or a step-parent: « mon petit frère se fait taper par notre beau-père »
    '(?:se fait|se font|est|sont|a ete|ont ete) (?:\\S+ ){0,1}(?:frapp|batt|tap|cogn|maltrait|violent|touch)\\w* par (?:notre|son|sa|leur|mon|ma|le|la|leurs) (?:beau pere|belle mere|pere|mere|parents|papa|maman|oncle|tante|grand pere|nourrice|baby sitter)',
    // left alone for days
    `${CHILD}\\b.{0,40}\\bseule?s?\\b.{0,30}\\b(?:depuis (?:hier|avant hier|\\S+ (?:jours|nuits))|toute la nuit|des heures|des jours|plusieurs jours)`,
  ].join('|'),
);

/** A family without a roof tonight: sleeping outside or in a car, put out, evicted on a near day. */
export const WITHOUT_A_ROOF = new RegExp(
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
    '(?:dor\\w*|suis|sommes) (?:encore |toujours |deja |souvent )?dans (?:la|ma|une|notre) (?:voiture|rue|gare)',
    // still living in the car: « on est toujours dans la voiture » (not « on est dans la voiture », driving)
    '(?:on est|on vit|nous sommes|je suis) (?:encore|toujours) (?:\\S+ ){0,1}dans (?:la|ma|une|notre) (?:voiture|rue)',
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
    // a landlord putting the family out on a near day
    '(?:proprio|proprietaire|bailleur|huissier|logeur|logeuse)\\w* (?:\\S+ ){0,3}(?:nous|me|m) (?:(?:met|mettre|mettra|mettent) (?:dehors|a la porte|a la rue)|jette|expulse|vire)\\w*',
    '(?:nous|me|m) (?:met|mettre|mettent|mettra|mettront) dehors (?:\\S+ ){0,1}(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|ce soir|cette semaine|dans \\S+ jours)',
    'expuls\\w* (?:\\S+ ){0,2}(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|cette semaine|dans \\S+ jours)',
    '(?:peux|peut|pouvons|pourrai|pourrais|ose|osons) (?:pas|plus) (?:rentrer|retourner) (?:chez (?:moi|nous|lui)|a la maison) (?:ce soir|cette nuit|aujourd hui)(?! (?:pour|avant|apres|vers)\\b)',
    // « ce soir je ne peux pas rentrer à la maison »: the night said first.
    '(?:ce soir|cette nuit) (?:je |j |on |nous )?(?:ne |n )?(?:peux|peut|pouvons|pourrai|pourrais|ose|osons) (?:pas|plus) (?:rentrer|retourner) (?:chez (?:moi|nous|lui)|a la maison)(?! (?:pour|avant|apres|vers|tard|tot)\\b)',
  ].join('|'),
);
