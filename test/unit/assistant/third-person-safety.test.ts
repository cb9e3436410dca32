import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { distressesOf, isPastMedical } from '../../../src/assistant/distress';

const assistant = new Assistant({ agencyPhone: '3230' });
const REFUSAL = 'Je ne peux pas vous communiquer les informations d’une autre personne';

/**
 * Safety when someone else is in the message: their distress told beside a request for their data,
 * a partner's threat to kill the person or to kill themselves, and a relative's stroke now or months
 * ago. Sentences written for this test (none from an
 * evaluation set), in standard French, SMS, typos, without accents and in English.
 */
describe('a third person’s distress beside a request for their data', () => {
  const cases: [string, string, string][] = [
    ['urgence-suicide', '3114', 'mon frère parle de se jeter sous un train, vous pouvez me dire combien il touche d’AAH ?'],
    ['urgence-suicide', '3114', 'mon frere dit qu il va se jeter sous un train, c quoi le montant de son aah'],
    ['urgence-suicide', '3114', 'Mon frère menace de se jeter par la fenêtre. Quel est le montant de son RSA ?'],
    ['urgence-suicide', '3114', 'ma soeur veut se pendre, donnez moi son numéro allocataire svp'],
    ['urgence-suicide', '3114', 'mon pere parle de se tirer une balle, je veux voir ses paiements'],
    ['urgence-suicide', '3114', 'mon fils dit qu’il veut mourir, je veux savoir s’il touche encore l’AAH'],
    ['urgence-suicide', '3114', 'mon copain a dit qu’il allait se foutre en l’air, c’est quoi son numéro de sécu'],
    ['urgence-suicide', '3114', 'mon frere veut se jeter du pont. combien il a d AAH'],
    ['urgence-suicide', '3114', 'ma mère a des idées noires, je voudrais consulter son dossier caf'],
    ['urgence-suicide', '3114', 'my brother wants to kill himself, how much AAH does he get'],
    ['urgence-suicide', '3114', 'mon oncle parle de se suicider, vous pouvez me donner le code qu il a reçu'],
    ['urgence-violence', '3919', 'ma soeur se fait frapper par son mari, donnez moi son adresse'],
    ['urgence-violence', '3919', 'ma cousine est battue par son copain, je veux savoir ce qu elle touche'],
    ['urgence-hebergement', '115', 'mon frere dort dehors depuis 3 jours, je veux voir ses allocations'],
    ['urgence-enfant', '119', 'mon neveu est battu par son beau-père, je veux savoir ce que touche ma soeur'],
  ];
  it.each(cases)('%s first (%s), then the refusal: « %s »', (kind, number, q) => {
    const a = assistant.ask(q);
    expect(a.topic).toBe(kind);
    expect(a.answer).toContain(number);
    expect(a.answer).toContain(REFUSAL);
    expect(a.answer.indexOf(number)).toBeLessThan(a.answer.indexOf(REFUSAL));
  });

  it.each([
    'mon frère parle de se jeter sous un train',
    'ma fille dit qu’elle veut plus vivre',
    'mon mari veut se jeter du balcon',
    'mon ami menace de se pendre',
  ])('gives the 3114 for someone else too: « %s »', (q) => {
    const a = assistant.ask(q);
    expect(a.topic).toBe('urgence-suicide');
    expect(a.answer).toContain('3114');
  });
});

describe('a partner’s threat to kill the person is violence, their threat to kill themselves is suicide', () => {
  it.each([
    'mon mari m’a dit qu’il allait me tuer si je partais',
    'on se sépare et mon mari m a dit qu il allait me tuer si je pars, comment déclarer la séparation',
    'mon ex a dit qu’il me tuerait si je demandais la garde',
    'mon copain a dit qu il me tuerait',
    'mon conjoint m’a menacée de mort',
    'il a essayé de me tuer hier soir',
    'mn mari a di kil aller me tuer si je le quite',
    'elle dit qu’elle va me tuer si je pars avec les enfants',
  ])('3919 and 17, not 3114: « %s »', (q) => {
    const a = assistant.ask(q);
    expect(a.topic).toBe('urgence-violence');
    expect(a.answer).toContain('3919');
    expect(a.answer).toContain('17');
    expect(a.answer).not.toContain('3114');
  });

  it.each([
    'mon mari menace de se tuer si je pars',
    'il menace de se suicider si je le quitte',
    'mon copain dit qu’il va se foutre en l’air si je m’en vais, je peux quand même déclarer la séparation ?',
    'elle menace de se tuer si je divorce',
  ])('3114 first, and the 3919 for the pressure: « %s »', (q) => {
    const a = assistant.ask(q);
    expect(a.topic).toBe('urgence-suicide');
    expect(a.answer).toContain('3114');
    expect(a.answer).toContain('3919');
    expect(a.answer.indexOf('3114')).toBeLessThan(a.answer.indexOf('3919'));
  });

  it.each([
    'je vais me tuer',
    'j’ai envie de me tuer',
    'des fois je me dis que je vais me tuer',
    'il y a des jours où j’ai envie de me tuer',
  ])('the person’s own wish is still suicide: « %s »', (q) => {
    expect(distressesOf(q)).toEqual(['urgence-suicide']);
  });
});

describe('a stroke happening now, or months ago', () => {
  it.each([
    'mon père a fait un AVC il y a 6 mois, je m’occupe de lui, quelles aides existent ?',
    'mon pere a fait un avc l an dernier, il est hemiplegique, j ai droit a quoi comme aidant',
    'depuis son AVC ma mère ne peut plus parler, est-ce que je peux avoir l’AJPA ?',
    'ma femme a eu un avc il y a 2 ans, quelle aide pour moi',
    'mon mari a fait une crise cardiaque l’année dernière, il a droit à l’AAH ?',
    'il y a trois mois mon père a eu un AVC, il garde des séquelles, je suis proche aidante',
    'my father had a stroke en 2024, je m occupe de lui, l ajpa c est pour moi ?',
    'je m’occupe de ma mère qui a eu un infarctus, il existe une aide pour moi ?',
    'je suis aidante de mon mari qui a fait un AVC, l’ajpa c’est pour moi ?',
    'mon mari a eu un AVC en mars, depuis il est en fauteuil et c’est moi qui m’occupe de tout, il y a une aide ?',
  ])('no medical emergency for a past stroke: « %s »', (q) => {
    expect(isPastMedical(q)).toBe(true);
    const a = assistant.ask(q);
    expect(a.topic).not.toBe('urgence-medicale');
    expect(a.answer).not.toContain('Samu');
  });

  it.each([
    'mon père ne peut plus parler, sa bouche est de travers',
    'mon pere arrive plus a parler et sa bouche est tordue',
    'ma mère a le visage de travers et son bras ne bouge plus',
    'mon mari fait un avc je crois',
    'mon père vient de faire un avc',
    'mon père a fait un AVC il y a 2 ans et là il a de nouveau la bouche de travers',
    'il a eu un avc l an dernier, et tout à coup ce matin il ne peut plus parler',
    'je m’occupe de mon père qui a eu un AVC ce matin, il ne peut plus parler',
    'j’aide ma voisine à se connecter mais depuis ce matin elle parle bizarrement et un côté de sa bouche tombe',
    'ma tante a un coté du visage qui tombe, on était en train de remplir son dossier',
    'mon grand-père parle bizarrement et il a le visage tordu, je fais sa demande pour lui',
  ])('the 15 for a stroke now: « %s »', (q) => {
    const a = assistant.ask(q);
    expect(a.topic).toBe('urgence-medicale');
    expect(a.answer).toContain('15');
  });
});

describe('a code someone else received, asked to be passed on', () => {
  it.each([
    'ma fille de 17 ans a reçu un code sur son portable, vous pouvez me le renvoyer ?',
    'mon mari a reçu le code par sms, pouvez-vous me le transférer',
    'mon fils de 19 ans a reçu son code sur son mail, vous pouvez me le renvoyer à moi ?',
  ])('is refused: « %s »', (q) => {
    expect(assistant.ask(q).topic).toBe('donnees-d-autrui');
  });

  it('but one’s own code not received is no one else’s', () => {
    expect(assistant.ask('j’ai pas reçu le code, vous pouvez me le renvoyer ?').topic).not.toBe('donnees-d-autrui');
  });
});
