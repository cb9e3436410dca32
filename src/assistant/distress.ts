import { fold } from './analyser';

/**
 * Read before anything else: a person in danger or in distress gets the emergency numbers first
 * (3114, 3919, 119, 115, 15, 112), and a person who is angry gets a calm answer and a way to reach
 * someone. Patterns on folded words (no accents, lower case), so « SUICIDÉ », « suicide » and
 * « suicider » meet; the first kind that matches wins, the most urgent first.
 */
export type Distress = 'urgence-suicide' | 'urgence-medicale' | 'urgence-violence' | 'urgence-enfant' | 'urgence-hebergement';

const PATTERNS: [Distress, RegExp][] = [
  [
    'urgence-suicide',
    /\b(suicid\w*|me tuer|me suis?cider|en finir|mettre fin a (mes|ma) (jours|vie)|envie de mourir|veux mourir|plus envie de vivre|(marre|assez) de (vivre|la vie)|veux plus vivre|veux plus etre la|me foutre en l air|me jeter sous|me pendre|sauter par la fenetre)\b/,
  ],
  [
    'urgence-medicale',
    /\b(saigne\w*|saignement\w*|hemorragi\w*|perds? du sang|perte de sang|perds? les eaux|ne respire plus|respire mal|inconscient\w*|malaise|overdose|douleur (a la|dans la) poitrine|urgence medicale|fait une crise|avale\w* (tous|toutes|tout|des|ses|mes|plein de) (ses |mes |les )?(pilules|medicaments|cachets|comprimes)|(elle|il) (ne )?(repond|reagit|bouge|respire) plus|convulse\w*|evanoui\w*|perdu connaissance|ne se reveille pas)\b/,
  ],
  [
    'urgence-enfant',
    /\b(enfants? (est |sont )?en danger|maltrait\w*|frappe (mon|ma|mes|les|son|sa|ses) (enfants?|fils|fille|bebe|petite?)|abus sexuels?|attouchements?|(beau pere|belle mere|pere|mere|parents?|papa|maman) (me )?(frappe|bat|tape|battent|frappent)\w*|j ai ([6-9]|1[0-7]) ans\b.*\b(frappe|bat|tape|violen)\w*|(frappe|bat|tape|violen)\w*\b.*\bj ai ([6-9]|1[0-7]) ans)\b/,
  ],
  [
    'urgence-violence',
    /\b(me frappe\w*|me bat|me battait|m a frappee?|me tape|m a tapee?|violences? (conjugales?|dans (le|mon) couple|familiales?)|violente?s? avec (moi|nous|les enfants|mes enfants)|(mari|conjoint|compagnon|copain|ex|femme|compagne|concubin) (est|etait|devient|et) violente?|menace de me tuer|me menace|peur de (mon|ma) (mari|conjoint|compagnon|copain|ex|femme|compagne))\b/,
  ],
  [
    'urgence-hebergement',
    /\b(dormir dehors|dors dehors|dormir a la rue|a la rue|sans abri|sdf|nulle part (ou|pour) dormir|pas d endroit (ou|pour) dormir|rien pour dormir|pas de toit|expulsee? (ce soir|aujourd hui|demain)|mis(e)? dehors|dor\w* dans (la|ma|une|notre) (voiture|rue|gare)|(vis|vit|vivons|vivent) dans (la|ma|une|notre) (voiture|rue)|sans logement ce soir)\b/,
  ],
];

export function distressOf(text: string): Distress | undefined {
  const s = plain(text);
  return PATTERNS.find(([, re]) => re.test(s))?.[0];
}

/** Anger, insults, weariness: « j'en ai marre », « c'est nul », « bande d'incapables ». */
const FRUSTRATION =
  /\b(marre|ras le bol|raz le bol|saoule?|soule|gonfle|nul|nulle|nuls|pourri|naze|merde\w*|putain|ptn|con|conne|connard\w*|connasse|abruti\w*|debile\w*|idiote?|stupide|incapables?|incompetente?s?|honte|honteux|inadmissible|scandale\w*|scandaleux|foutage|fous de|sers a rien|servez a rien|sert a rien|ca marche jamais|ca marche pas ce truc|je craque|j en peux plus|enerve\w*|colere)\b/;

export function isFrustrated(text: string): boolean {
  return FRUSTRATION.test(plain(text));
}

/** Folded, every run of other characters one space: « J'en ai MARRE !! » → « j en ai marre ». */
function plain(text: string): string {
  return ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
}
