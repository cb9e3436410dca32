import { plain, withoutFigures } from './figures';

/** Anger, insults, weariness: « j'en ai marre », « c'est nul », « bande d'incapables ». */
const FRUSTRATION =
  /\b(marre|ras le bol|raz le bol|saoule?|soule|gonfle|nul|nulle|nuls|pourri|naze|merde\w*|putain|ptn|con|conne|connard\w*|connasse|abruti\w*|debile\w*|idiote?|stupide|incapables?|incompetente?s?|honte|honteux|inadmissible|scandale\w*|scandaleux|foutage|fous de|sers a rien|servez a rien|sert a rien|ca marche jamais|ca marche pas ce truc|je craque|j en peux plus|enerve\w*|colere|voleurs?|escrocs?|fdp|batards?|encule\w*|bordel|chier|degoute\w*|ridicule|lamentable|minable|usine a gaz|toujours la meme chose|c est toujours|deja (ecrit|appele|dit) \d+ fois)\b/;

export function isFrustrated(text: string): boolean {
  // « j'ai failli mourir de honte » is no anger, « c'est une honte » is.
  return FRUSTRATION.test(plain(withoutFigures(text)));
}
