import { describe, expect, it } from 'vitest';
import { distressesOf } from '../../../src/assistant/distress';

/**
 * Distress told in passing, beside a question about a démarche, by its circumstances rather than its word: a
 * farewell, a low mood told by its signs, a fall or a product swallowed, a threat with a weapon or to kill « us »,
 * papers kept, a phone watched, being followed, a child beaten by a step-parent or left alone for days, a
 * landlord putting the family out. Each sentence is ours — none comes from a tuning or held-out set.
 */
describe('distress told in passing', () => {
  it.each([
    ['urgence-suicide', 'une fois le dossier fini je pourrai m’en aller tranquille, plus personne n’aura besoin de moi'],
    ['urgence-suicide', 'mes parents n’auront plus besoin de moi, c’est quoi la pièce à mettre ?'],
    ['urgence-suicide', 'est-ce que ma femme recevra l’aide au logement après moi ?'],
    ['urgence-suicide', 'je règle les papiers pour après moi'],
    ['urgence-suicide', 'c’est pour savoir ce qu’ils toucheront après ma mort'],
    ['urgence-suicide', 'je suis assise sur le rebord de la fenêtre, dites-moi juste si ma fille aura le RSA'],
    ['urgence-suicide', 'elle et moi on serait mieux morts, de toute façon'],
    ['urgence-suicide', 'pourquoi je devrais continuer à vivre, rien ne marche, même pas ce site'],
    ['urgence-suicide', 'je dors plus, je reste couchée tous les jours, à quoi bon. pourquoi mon rsa a baissé'],
    ['urgence-suicide', 'si quelqu’un meurt, la famille touche quoi ? j’ai pris ma décision'],
    ['urgence-medicale', 'ma fille respire avec difficulté depuis tout à l’heure'],
    ['urgence-medicale', 'mon père vient de chuter dans la salle de bain, il saigne de la tête'],
    ['urgence-medicale', 'mon grand-père est tombé du lit et il bouge pas'],
    ['urgence-medicale', 'le petit a croqué une capsule de lessive'],
    ['urgence-medicale', 'ma fille de 3 ans a bu du détergent, elle tousse'],
    ['urgence-medicale', 'ma voisine âgée n’ouvre plus depuis hier, je m’inquiète'],
    ['urgence-medicale', 'les volets de mon oncle sont fermés et il ne décroche plus'],
    ['urgence-violence', 'mon compagnon m’a menacée avec un marteau'],
    ['urgence-violence', 'mon ex nous a menacés, moi et les enfants'],
    ['urgence-violence', 'il a dit qu’il allait nous tuer si je parlais'],
    ['urgence-violence', 'si je pars il me tue, il me l’a dit'],
    ['urgence-violence', 'ma femme a confisqué mon titre de séjour, comment je fais le compte ?'],
    ['urgence-violence', 'mon passeport, il refuse de me le rendre'],
    ['urgence-violence', 'mon conjoint fouille mes messages chaque jour'],
    ['urgence-violence', 'il ne doit pas savoir que je veux partir, le courrier arrive où ?'],
    ['urgence-violence', 'mon ancien compagnon me suit jusqu’au travail'],
    ['urgence-violence', 'il sait tout le temps où je vais'],
    ['urgence-enfant', 'ma petite sœur se fait frapper par notre père'],
    ['urgence-enfant', 'mon neveu de 6 ans est tout seul chez lui depuis avant-hier'],
    ['urgence-hebergement', 'on est toujours dans la voiture depuis la séparation'],
    ['urgence-hebergement', 'le propriétaire nous jette lundi, je demande quoi ?'],
    ['urgence-hebergement', 'ils vont nous mettre dehors demain'],
    ['urgence-hebergement', 'on est expulsés dans trois jours, où on va'],
  ])('%s: « %s »', (kind, text) => {
    expect(distressesOf(text)).toContain(kind);
  });

  it.each([
    'je suis sur le pont toute la semaine, je ferai la demande samedi',
    'je veux tout finir pour partir tranquille en vacances',
    'le propriétaire me met la pression pour le loyer, l’APL est versée quand ?',
    'la conseillère m’a menacée de couper le RSA si je n’envoie pas le papier',
    'mon mari regarde mon dossier avec moi, il peut ?',
    'ma fille de 16 ans reste seule le mercredi, je dois la déclarer ?',
    'elle me suit depuis deux ans, ma conseillère, elle part en retraite',
    'mon fils est tombé malade la semaine dernière, je peux décaler le rendez-vous ?',
    'le site, à quoi ça sert de mettre un code ?',
    'on est dans la voiture, je fais la demande sur le téléphone',
  ])('not distress: « %s »', (text) => {
    expect(distressesOf(text)).toEqual([]);
  });
});
