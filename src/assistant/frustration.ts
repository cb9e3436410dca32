import { plain, withoutFigures } from './figures';

/** Anger, insults, weariness: « j'en ai marre », « c'est nul », « bande d'incapables ». */
const FRUSTRATION =
  /\b(marre|ras le bol|raz le bol|saoule?|soule|gonfle|nul|nulle|nuls|pourri|naze|merde\w*|putain|ptn|con|conne|connard\w*|connasse|abruti\w*|debile\w*|idiote?|stupide|incapables?|incompetente?s?|honte|honteux|inadmissible|scandale\w*|scandaleux|foutage|fous de|sers a rien|servez a rien|sert a rien|ca marche jamais|ca marche pas ce truc|je craque|j en peux plus|enerve\w*|colere|voleurs?|escrocs?|fdp|batards?|encule\w*|bordel|chier|degoute\w*|ridicule|lamentable|minable|usine a gaz|toujours la meme chose|c est toujours|deja (ecrit|appele|dit) \d+ fois|(?:moquez|moque|fichez|fiche|foutez|fout) (?:de|du) (?:qui|nous|moi|monde|gens)|(?:c est|du grand|vraiment|completement) n importe quoi|je tourne en rond|c est de la m|penible|agacant\w*|insupportable|c est quoi ce (?:systeme|site|truc|bordel|service))\b/;

export function isFrustrated(text: string): boolean {
  // « j'ai failli mourir de honte » is no anger, « c'est une honte » is.
  return FRUSTRATION.test(plain(withoutFigures(text)));
}

/**
 * Angry words addressed to the service (« vous », « votre site », « l'appli », « la Caf »): the safety classifier
 * once read « c'était long et pénible votre truc, vous vous moquez du monde » as despair; the rules still read it.
 */
export function angryAtTheService(text: string): boolean {
  return isFrustrated(text) && /\b(?:vous|votre|vos|site|appli|application|truc|systeme|caf)\b/.test(plain(text));
}
