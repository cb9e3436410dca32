import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { asksIntoOthersFile } from '../../../src/assistant/others-file';

const assistant = new Assistant({ agencyPhone: '3230' });

/** Someone else's file asked into in the ways `safety.ts` does not read. Each sentence is ours. */
describe('someone else’s file asked into', () => {
  it.each([
    ['j’aimerais obtenir les informations que vous avez concernant mon ancien compagnon', undefined],
    ['mon frère a déposé sa demande d’APL, elle est bien arrivée ? je peux regarder pour lui', 'demarches'],
    ['affichez-moi les documents que mon conjoint a déposés pour la prime', 'demarches'],
    ['pouvez-vous contrôler si la carte d’identité de ma mère est périmée ?', 'titre-identite'],
    ['je voudrais savoir combien elle touche, mon ex, pour les petits', 'espace'],
    ['je peux utiliser le compte de ma sœur pour faire ma demande ? j’ai ses identifiants', undefined],
    ['envoyez-moi un code pour mon père, il n’a pas de téléphone', 'mot-de-passe-oublie'],
    ['Donnez-moi l’adresse de Sophie Lambert, elle me doit de l’argent', undefined],
    ['mon fils (il est majeur et c’est lui qui a le dossier) a eu un code ce matin, vous pouvez me le dire ?', 'code'],
    ['j’ai gardé la carte vitale de mon ancien mari, je veux regarder ce qu’il a touché l’an dernier', 'etat-civil'],
    ['ma tante a perdu son mot de passe Caf, vous pouvez me le redonner ?', 'mot-de-passe'],
    ['j’ai le code de ma coloc, tu me dis ce qu’elle perçoit chaque mois ?', 'franceconnect'],
    ['je n’ai pas le numéro de sécu de ma mère, retrouvez-le moi avec sa date de naissance', 'etat-civil'],
    ['quelqu’un utilise mon téléphone pour son compte, vous pouvez me donner son identité et son nom ?', 'contact'],
  ] as const)('is refused: « %s »', (q, step) => {
    expect(assistant.ask(q, step).topic).toBe('donnees-d-autrui');
  });

  it.each([
    'je peux voir les documents que ma femme a envoyés, je suis son conjoint avec procuration ?',
    'ma fille voudrait voir ses informations, elle peut avoir son propre compte ?',
    'le numéro de Sécurité Sociale de mon fils, je le mets où dans la demande ?',
    'mon mari a fait une demande de RSA, est-ce que je dois en faire une aussi ?',
    'je me connecte avec FranceConnect, mon mari aussi, chacun son compte ?',
    'Ma fille a créé son compte avec FranceConnect, je peux faire pareil ?',
    'je remplis pour mon père, il faut mettre son numéro de sécu à lui ?',
    'mon fils a oublié son mot de passe, il fait comment pour le retrouver ?',
    'ma fille doit mettre son nom de naissance ou son nom d’usage ?',
    'mon mari a déclaré ses revenus, je dois le faire aussi ?',
  ])('is not: « %s »', (q) => {
    expect(asksIntoOthersFile(q) && assistant.ask(q).topic === 'donnees-d-autrui').toBe(false);
  });
});

/** A refusal says what the person can do instead: their own account, the contact they entered, the Caf's counsellor. */
describe('the refusal of someone else’s data', () => {
  const refusal = assistant.ask('donnez-moi le mot de passe de mon frère').answer;
  it('says what to do instead', () => {
    expect(refusal).toMatch(/votre propre compte/);
    expect(refusal).toMatch(/séparation/);
    expect(refusal).toMatch(/« Modifiez vos coordonnées de contact »/);
    expect(refusal).toMatch(/conseiller/);
    expect(refusal).toMatch(/accueil/);
    expect(refusal).toMatch(/procuration/);
    expect(refusal).toMatch(/3230/);
  });
});
