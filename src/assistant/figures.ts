import { fold } from './analyser';

/** Folded, every run of other characters one space: « J'en ai MARRE !! » → « j en ai marre ». */
export function plain(text: string): string {
  return ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
}

/** Things a person may say « will kill » them, in a figure of speech. */
const THING =
  '(?:formulaire|site|dossier|demande|code|codes|mot de passe|mdp|caf|page|appli|application|administration|paperasse|truc|machin|bug|ecran|ordinateur|ordi|telephone|attente|etape|procedure|inscription|systeme|tout ca|ca)';
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
