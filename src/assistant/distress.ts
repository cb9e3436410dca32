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
const PARTNER = '(?:mari|conjoint|compagnon|copain|mec|ex|femme|compagne|copine|concubin|concubine|beau pere|pere|il|elle)';

const PATTERNS: [Distress, RegExp][] = [
  [
    'urgence-suicide',
    new RegExp(
      [
        'suicid\\w*',
        '(?<!va |veut |vont |veulent |venir |vais te |menace de )(?:me|se) tuer',
        'en finir',
        'mettre fin a (?:mes|ma|ses|sa) (?:jours|vie)',
        'envie de mourir',
        '(?:veux|veut|voudrais|vais|prefere|aimerais) mourir',
        'plus envie de (?:vivre|rien)',
        '(?:marre|assez) de (?:vivre|la vie)',
        'veux plus vivre',
        '(?:etais|serais|sois) plus la',
        '(?:veux|voudrais|devrais|vais) (?:juste )?(?:plus etre la|disparaitre)',
        'me foutre en l air',
        'me jeter (?:sous|par|du)',
        'me pendre',
        'sauter (?:par la fenetre|du pont|d un pont)',
        'm endormir pour (?:toujours|de bon)',
        'dormir pour toujours',
        'pas d autre (?:sortie|issue|solution) que',
        'idees noires',
        'plus (?:l )?interet de (?:rien|vivre)',
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
        `(?:avale|pris|prendre)\\w* ${W}{0,2}(?:boite|pilules|medicaments|cachets|comprimes|pile|piles|produit|javel|plaquette)`,
        `(?:il|elle|bebe|enfant|fils|fille|mari|femme|mere|pere) (?:ne )?(?:reagit|bouge|respire|se reveille) (?:plus|pas)`,
        'ne se (?:releve|reveille) (?:pas|plus)',
        'convulse\\w*',
        'evanoui\\w*',
        'perdu connaissance',
        `(?:il|elle|bebe|enfant|fils|fille|mari|femme|mere|pere) (?:est )?(?:tres |tout |toute )?confuse?`,
        'confuse?\\b.{0,40}\\b(?:transpire|sueurs?|ne boit|ne mange)',
        '(?:transpire|diabet\\w*|ne boit plus|ne mange plus)\\b.{0,60}\\bconfuse?',
        'deshydrat\\w*',
        'ne boit plus',
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
        'j ai (?:[6-9]|1[0-7]) ans\\b.*\\b(?:frappe|bat|tape|violen)\\w*',
        '(?:frappe|bat|tape|violen)\\w*\\b.*\\bj ai (?:[6-9]|1[0-7]) ans',
        `(?:${CHILD}|il|elle) .{0,40}(?:pas|rien) mange depuis`,
        `(?:entends|entend) des coups`,
        `${CHILD} ${W}{0,4}(?:fugue|parti de la maison|partie de la maison|disparue?)`,
        'fugue\\w*',
      ].join('|'),
    ),
  ],
  [
    'urgence-violence',
    new RegExp(
      [
        'me frappe\\w*',
        'me bat',
        'me battait',
        'm a (?:frappee?|tapee?|battue?|bousculee?|etranglee?|cognee?)',
        'me tape',
        'me cogne',
        `(?:il|elle) (?:la|le) (?:frappe|bat|tape|cogne)`,
        'violences? (?:conjugales?|dans (?:le|mon) couple|familiales?|economiques?)',
        'violente?s? avec (?:moi|nous|les enfants|mes enfants)',
        `${PARTNER} (?:est|etait|devient|et) violente?`,
        '(?:va|veut|vont|veulent) (?:venir )?me tuer',
        'menace de me',
        'me menace',
        `peur de (?:lui|elle|(?:mon|ma) ${PARTNER})`,
        'pas en securite (?:chez moi|a la maison)',
        'ca (?:va )?fini(?:t|r)? mal',
        `prend (?:tout )?(?:mon|ma|mes|l) ?(?:telephone|portable|argent|carte)`,
        'prend tout l argent',
      ].join('|'),
    ),
  ],
  [
    'urgence-hebergement',
    new RegExp(
      [
        'dormir dehors',
        'dors dehors',
        'dormons dehors',
        'a la rue',
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
      ].join('|'),
    ),
  ],
].map(([k, re]) => [k as Distress, new RegExp(`\\b(?:${(re as RegExp).source})\\b`)]);

/** The kinds, the most urgent first. */
export const DISTRESS_KINDS: readonly Distress[] = PATTERNS.map(([k]) => k);

/** An act under way or about to be, not a wish: the emergency numbers alone, nothing about the démarche. */
const IMMINENT = /\b(ce soir|cette nuit|maintenant|tout de suite|achete de quoi|j ai pris|j ai avale|il y a une heure)\b/;

/** Every kind of distress the message names, the most urgent first. */
export function distressesOf(text: string): Distress[] {
  const s = plain(text);
  return PATTERNS.filter(([, re]) => re.test(s)).map(([k]) => k);
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
  return FRUSTRATION.test(plain(text));
}

/** Folded, every run of other characters one space: « J'en ai MARRE !! » → « j en ai marre ». */
function plain(text: string): string {
  return ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
}
