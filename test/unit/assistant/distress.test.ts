import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { distressesOf, saysViolence } from '../../../src/assistant/distress';

/**
 * Distress said in passing, without the alarming word (« suicide », « frappe », « dehors »): each
 * sentence is ours, written for these rules — none comes from a tuning or held-out set.
 */
describe('distress said without the alarming word', () => {
  it.each([
    [
      'urgence-suicide',
      'je crois que je vais faire une bêtise ce week-end, de toute façon personne ne me regrettera. ma demande d’apl elle en est où',
    ],
    ['urgence-suicide', 'mes enfants seraient mieux sans moi, je suis un poids pour tout le monde. comment on change le rib'],
    ['urgence-suicide', 'je n’ai plus la force de continuer, le code arrive pas'],
    ['urgence-suicide', 'j’ai envie de tout arrêter, bon sinon mon mot de passe'],
    ['urgence-suicide', 'si l’apl est refusée je me jette du balcon'],
    ['urgence-suicide', 'je garde mes médicaments de côté au cas où'],
    ['urgence-suicide', 'je veux plus me réveiller le matin, bref comment je télécharge mon attestation'],
    ['urgence-suicide', 'ma fille de 15 ans se scarifie, je dois la déclarer à charge ?'],
    ['urgence-suicide', 'j’ai plus de raison de vivre depuis le décès de mon fils'],
    ['urgence-suicide', 'mon frère menace de se tuer depuis qu’il a perdu son travail'],
    ['urgence-suicide', 'depuis la mort de ma femme je veux la rejoindre, je dois déclarer le décès ?'],
    ['urgence-suicide', 'la seule solution c’est de disparaître pour de bon'],
    ['urgence-violence', 'il me gifle quand je parle d’argent, je peux avoir les allocations sur mon compte à moi ?'],
    ['urgence-violence', 'mon conjoint lève la main sur moi quand il a bu'],
    ['urgence-violence', 'il m’enferme à la maison et garde ma carte bancaire, je peux changer le compte de versement ?'],
    ['urgence-violence', 'j’ai porté plainte contre mon ex pour coups, il connaît mon mot de passe caf'],
    ['urgence-violence', 'mon mari me viole, je veux partir avec les enfants'],
    ['urgence-violence', 'mon ex me harcèle et m’attend devant chez moi'],
    ['urgence-violence', 'je vis dans la peur quand il rentre le soir, comment je déclare que je suis seule'],
    ['urgence-violence', 's’il apprend que je fais cette demande il va me faire du mal'],
    ['urgence-enfant', 'mon ex-beau-père a des gestes déplacés sur ma fille de 8 ans, je dois déclarer quoi pour la garde'],
    ['urgence-enfant', 'mon fils revient de chez son père avec des bleus, il dit qu’il le tape avec la ceinture'],
    ['urgence-enfant', 'la voisine laisse ses petits seuls toute la nuit'],
    ['urgence-enfant', 'ma fille dit que son beau-père entre dans la salle de bain et la touche'],
    ['urgence-enfant', 'elle ne donne pas à manger à sa fille, la petite est toute maigre'],
    ['urgence-enfant', 'mon ado n’est pas rentré depuis hier soir'],
    ['urgence-hebergement', 'je n’ai nulle part où aller ce soir avec mes deux enfants'],
    ['urgence-hebergement', 'on m’a mise à la porte, je ne sais pas où dormir ce soir'],
    ['urgence-hebergement', 'expulsion demain matin, on va où avec les petits'],
    ['urgence-hebergement', 'je dors dans un parking depuis que j’ai perdu mon logement'],
    ['urgence-hebergement', 'mon propriétaire a changé les serrures, je peux avoir l’apl ?'],
    ['urgence-hebergement', 'je suis hébergé à droite à gauche, quelle adresse je mets'],
    ['urgence-medicale', 'ma mère a le visage de travers et parle bizarrement'],
    ['urgence-medicale', 'j’ai une douleur qui serre la poitrine et le bras gauche engourdi'],
    ['urgence-medicale', 'mon fils fait une crise d’asthme et n’arrive plus à respirer'],
    ['urgence-medicale', 'mon mari est tombé par terre et ne répond plus'],
    ['urgence-medicale', 'ma fille a bu de la javel'],
    ['urgence-suicide', 'quand les papiers seront réglés je compte disparaître pour de bon, tout est organisé pour ce soir'],
    ['urgence-violence', 'je me dépêche, s’il rentre et voit l’ordinateur allumé je vais prendre des coups'],
    ['urgence-violence', 'il va encore me jeter dehors avec les enfants si je lui parle de la caf'],
    ['urgence-enfant', 'ma nièce a des traces de brûlures sur les mains, elle dit que c’est sa mère'],
    ['urgence-suicide', 'jveux plus etre la, le code marche pas'],
    ['urgence-suicide', 'I don’t want to live anymore, my RSA was refused'],
    ['urgence-suicide', 'je vais avaler tous mes cachets ce soir'],
    ['urgence-suicide', 'je me sens de trop sur cette terre'],
    ['urgence-suicide', 'si je perds l’apl je me tue'],
    ['urgence-suicide', 'je suis au bord du pont, le paiement n’est pas arrivé'],
    ['urgence-violence', 'il m’a cassé le bras la semaine dernière, je dois déclarer la séparation'],
    ['urgence-violence', 'mon conjoint m’oblige à lui donner ma carte et mes codes'],
    ['urgence-violence', 'il m’a mis une claque devant les enfants'],
    ['urgence-violence', 'he hits me, I want to leave with my kids'],
    ['urgence-violence', 'il m’interdit de sortir et prend toutes les allocations'],
    ['urgence-enfant', 'mon ex laisse notre bébé seul à la maison pour sortir'],
    ['urgence-enfant', 'ma fille de 13 ans a été agressée sexuellement'],
    ['urgence-enfant', 'the neighbour’s child is always alone and hungry'],
    ['urgence-hebergement', 'demain on est expulsés, on n’a rien trouvé'],
    ['urgence-hebergement', 'I sleep in the street, can caf help'],
    ['urgence-medicale', 'mon enfant a mangé des médicaments'],
    ['urgence-suicide', 'je ne vois plus l’intérêt de continuer, sinon la prime d’activité tombe quand'],
    ['urgence-suicide', 'franchement je n’ai plus aucune raison de me lever'],
    ['urgence-violence', 'elle m’a de nouveau giflé devant les petits'],
    ['urgence-violence', 'il m’a encore tapée samedi, je veux mon propre dossier'],
    ['urgence-hebergement', 'je n’ose plus rentrer chez nous cette nuit'],
    ['urgence-suicide', 'des fois je pense que ce serait mieux de ne plus être là, mon code arrive pas'],
    ['urgence-violence', 'si le dossier n’est pas fini il va encore me mettre des coups'],
    ['urgence-violence', 'mon compagnon garde tous mes papiers, je peux faire la demande sans ?'],
    ['urgence-violence', 'je me dépêche de finir, il a dit que quand il rentrerait il me finirait'],
    ['urgence-violence', 'mon ex m’a prévenue qu’il allait m’achever si je demandais la garde'],
    ['urgence-violence', 'elle répète qu’un jour elle va me crever, je mets quelle adresse ?'],
    ['urgence-violence', 'mon copain me fait tellement peur quand il a bu, je peux demander l’apl seule ?'],
    ['urgence-enfant', 'j’ai 15 ans et ma mère m’a mise à la porte ce soir, je dors où ?'],
    ['urgence-enfant', 'je suis mineur, mon oncle me frappe, la caf peut m’aider ?'],
  ])('%s ← « %s »', (kind, sentence) => {
    expect(distressesOf(sentence)).toContain(kind);
  });

  it.each([
    'le site me force à changer de mot de passe tous les mois',
    'est-ce qu’un conseiller lit mes messages',
    'le bouton devient bleu mais rien ne se passe',
    'ma fille a tapé son code trois fois',
    'la date de naissance, on la tape comment ?',
    'je tape le code et la touche entrée ne marche pas',
    'je veux en finir avec ce formulaire',
    'je vais accoucher en mars, la prime de naissance c’est quand',
    'le site ne réagit plus quand je clique',
    'je me cogne la tête contre les murs avec votre site',
    'je suis hébergée chez mes parents, quelle adresse',
    'je pars définitivement au Portugal, je dois fermer mon compte ?',
    'j’ai fait une bêtise dans le formulaire',
    'le propriétaire veut récupérer son logement en juin, j’ai droit à quoi',
    'ma fille touche l’AAH, elle peut avoir son compte ?',
    'avc FranceConnect ou avc mon mot de passe ?',
    'je compte partir en vacances en août, je dois prévenir la caf ?',
    'je suis à la rue Victor Hugo numéro 12',
    'je vais mourir de rire avec ce formulaire',
    'je me tue à vous expliquer que je n’ai pas reçu le code',
    'j’ai pris mes médicaments ce matin, je remplis le dossier',
    'ce changement de loi, c’est une claque pour les familles',
    'je vois pas le sens de continuer ce formulaire',
    'il n’y a plus d’intérêt à continuer la demande ?',
    'je ne peux pas rentrer chez moi ce soir avant 22 h, je finis demain ?',
    'je voudrais ne plus être là demain quand le facteur passe, le code arrive par courrier ?',
    'ma voisine va me donner des coups de main pour remplir le dossier',
    'il m’a dit qu’il allait me crever les pneus, je mets quelle adresse ?',
    'ce formulaire va me finir, il reste combien d’étapes ?',
    'ce formulaire me fait peur, il y a beaucoup d’étapes ?',
  ])('« %s » names no distress', (sentence) => {
    expect(distressesOf(sentence)).toEqual([]);
  });
});

describe('a stroke, a heart attack or a break-in told by what is happening', () => {
  it.each([
    ['urgence-medicale', 'ma mère ne sent plus sa jambe droite et parle bizarrement, c’est pour son dossier apl'],
    ['urgence-medicale', 'depuis ce matin il n’arrive plus à parler, il a la bouche de travers'],
    ['urgence-medicale', 'je vois tout double et j’ai des vertiges, je remplis quoi ici'],
    ['urgence-medicale', 'mon bras gauche est tout engourdi et ça me serre dans la poitrine'],
    ['urgence-violence', 'mon ex a fracassé la porte tout à l’heure, je dois changer mon adresse ?'],
    ['urgence-violence', 'il essaie d’entrer de force, je suis enfermée dans la salle de bain'],
  ])('%s: « %s »', (kind, sentence) => {
    expect(distressesOf(sentence)).toContain(kind);
  });

  it.each([
    'j’arrive pas à parler à quelqu’un au 3230',
    'je n’arrive pas à parler français très bien, aidez-moi pour le code',
    'ma vue est floue sur le téléphone, je peux agrandir le texte ?',
    'je ne sens pas le besoin de changer de mot de passe',
    'j’essaie de rentrer chez moi mais le code ne marche pas',
    'on m’a volé mon porte-monnaie avec ma carte vitale',
  ])('« %s » names no distress', (sentence) => {
    expect(distressesOf(sentence)).toEqual([]);
  });
});

describe('a minor in danger or without a roof', () => {
  it('gets the 119 beside the 115', () => {
    expect(distressesOf('j’ai 16 ans, mon père m’a mis dehors, je dors dans la rue')).toEqual(['urgence-enfant', 'urgence-hebergement']);
  });

  it('an adult without a roof gets the 115 alone', () => {
    expect(distressesOf('j’ai 36 ans et je dors dans la rue depuis lundi')).toEqual(['urgence-hebergement']);
  });
});

describe('violence guessed by the classifier alone', () => {
  it('needs a blow, a threat or a person: a fear about one’s own typing is no violence', () => {
    expect(saysViolence('jai peur davoir mal ecrit mon mot de pass, il apparait pas')).toBe(false);
    expect(saysViolence('j’ai peur de mon mari quand il boit')).toBe(true);
    expect(saysViolence('mon copain lit tous mes messages')).toBe(true);
    expect(saysViolence('il me menace de partir avec les enfants')).toBe(true);
    const a = new Assistant({ agencyPhone: '3230' }).ask(
      'jai verifié le recapitulatif tout est bon mais jai peur davoir mal ecrit mon mot de pass, il apparait pas',
      'recapitulatif',
    );
    expect(a.topic).not.toBe('urgence-violence');
    expect(a.answer).not.toContain('3919');
  });
});
