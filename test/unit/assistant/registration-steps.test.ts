import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

/**
 * On the forms of « Créer Mon Compte » (état civil, titre d'identité, contact, code, mot de passe) a message is
 * about the field in front of the person: words of our own, not the tuning sets'.
 */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('the registration’s form steps', () => {
  it('answers the step’s own topic as the closest one when the search finds only close topics, the others as links', () => {
    const a = assistant.ask('le titre ça marche pas', 'titre-identite');
    expect(a.choices).toBe(false);
    expect(a.topic).toBe('titres-acceptes');
    expect(a.answer).toContain('Je ne suis pas sûr');
    expect(a.answer).toContain('3230');
    expect(a.answer).toContain('reformulez votre question');
    expect(a.others.length).toBeGreaterThan(0);
    expect(a.others.map((o) => o.topic)).not.toContain('titres-acceptes');
  });

  it.each([
    ['ça coince ici', 'titre-identite', 'titres-acceptes'],
    ['je galère grave', 'mot-de-passe', 'regles-mot-de-passe'],
  ])('answers « %s » on %s with the step’s topic, said to be the closest one, rather than « je n’ai pas compris »', (q, step, topic) => {
    const a = assistant.ask(q, step as 'code');
    expect(a.topic).toBe(topic);
    expect(a.answer).toContain('Je ne suis pas sûr');
    expect(a.handover).toBe(true);
  });

  it('reads « ça marche pas » as the field not working, not as a second question (a word and its negation are one word)', () => {
    const a = assistant.ask('le titre ça marche pas', 'titre-identite');
    expect(a.topic).toBe('titres-acceptes');
    expect(a.answer).not.toContain('Pour votre autre question');
  });

  it('still offers another step’s topic found without assurance beside the step’s own', () => {
    expect(assistant.ask('faut il un justificatif de domicile', 'mot-de-passe').choices).toBe(true);
  });
});

describe('facts of the registration’s forms, as the product has them', () => {
  it('says why a code is sent, as the contact page does', () => {
    const a = assistant.ask('pourquoi vous voulez mon portable ou mon mail', 'contact');
    expect(a.topic).toBe('sms-ou-mail');
    expect(a.answer).toContain('sécuriser la création de votre compte');
  });

  it('says that the password’s characters are masked, as its field is (type password, no « afficher »)', async () => {
    const { passwordFields } = await import('../../../src/http/views/password-fields');
    const field = String(passwordFields({}));
    expect(field).toContain('type="password"');
    expect(field.toLowerCase()).not.toContain('afficher');
    const a = assistant.ask('je vois que des points quand je tape mon mot de passe', 'mot-de-passe');
    expect(a.topic).toBe('regles-mot-de-passe');
    expect(a.answer).toContain('masqués');
  });

  it('says a number beginning with 7 or 8 is a provisional one, accepted, as the NIR check has it', () => {
    const a = assistant.ask('mon numéro commence par un 7, il est refusé ?', 'etat-civil');
    expect(a.topic).toBe('format-nir');
    expect(a.answer).toContain('7 ou 8');
    expect(a.answer).toContain('provisoire');
    expect(a.answer).toContain('définitif');
  });

  it('gives the overseas codes of the number, Mayotte’s included', () => {
    const a = assistant.ask('dans le numéro de sécu, quel chiffre pour une naissance à Mayotte ?', 'etat-civil');
    expect(a.answer).toContain('976');
  });

  it('says on the recap how to correct the civilité, checked against the number’s first digit', () => {
    const a = assistant.ask('on voit Madame au lieu de Monsieur sur le résumé, je change comment', 'recapitulatif');
    expect(a.topic).toBe('recapitulatif');
    expect(a.answer).toContain('« Civilité »');
    expect(a.answer).toContain('« Modifier »');
    expect(a.answer).toContain('1 pour un homme, 2 pour une femme');
  });
});

describe('the recap: what the account gives once created', () => {
  it('says where a prestation is asked for and followed, and what each member of the household sees', () => {
    const a = assistant.ask('quand mon compte sera fait je pourrai voir quoi dedans ?', 'recapitulatif');
    expect(a.topic).toBe('recapitulatif');
    for (const label of ['« Mes démarches »', '« Mes paiements »', '« Mes attestations »', 'Vie personnelle', 'procuration', 'coordonnées'])
      expect(a.answer).toContain(label);
  });
});

describe('how long things take', () => {
  it.each([
    ['cb de tps pour que le sms arrive', 'code', 'quelques secondes'],
    ['combien de temps il faut pour tout remplir', 'accueil', 'quelques minutes'],
  ])('reads « %s » as a duration, not an amount', (q, step, said) => {
    const a = assistant.ask(q, step as 'code');
    expect(a.topic).not.toBe('montant');
    expect(a.answer).toContain(said);
  });

  it('says the account can be used as soon as it is created', () => {
    expect(assistant.ask('combien de temps avant de pouvoir me connecter apres inscription ?', 'accueil').answer).toContain(
      'vous connecter tout de suite',
    );
  });
});

describe('the password rules, said simply', () => {
  const a = assistant.ask('le mot de passe il faut mettre quoi dedans ?', 'mot-de-passe');

  it('says what a capital and a small letter are, and that only letters and digits are taken', () => {
    expect(a.topic).toBe('regles-mot-de-passe');
    for (const words of ['grande lettre', 'petite lettre', 'lettres et chiffres', 'pas d’espace']) expect(a.answer).toContain(words);
  });

  it('says it is a new password of its own, and how to get one back by a code when forgotten', () => {
    expect(a.answer).toContain('pas celui de votre boîte mail');
    expect(a.answer).toContain('un code vous est envoyé');
    expect(a.answer).toContain('propre à Mon Compte');
  });
});

describe('the identity documents, as the product checks them', () => {
  it('says the former identity card (12 characters) is accepted, and never that it is not', () => {
    const a = assistant.ask('ma vieille carte d’identité plastifiée ça passe ?', 'titre-identite');
    expect(a.topic).toBe('titres-acceptes');
    expect(a.answer).toContain('l’ancienne (plastifiée, à 12 caractères)');
    expect(a.answer).not.toMatch(/n’est pas accepté/);
  });

  it('takes a carte de résident for a titre de séjour, with its numéro étranger', () => {
    const a = assistant.ask('j’ai une carte de résident, je mets quel numéro ?', 'titre-identite');
    expect(a.answer).toContain('carte de résident, votre numéro étranger à 10 chiffres');
  });
});

describe('the social security number, as nir.ts reads it', () => {
  it('says a département of before 1968 (75, 78) is the one in force at birth, and normal', () => {
    const a = assistant.ask('née à Boulogne-Billancourt en 1962, mon numéro dit 75 et pas 92, c’est faux ?', 'etat-civil');
    expect(a.topic).toBe('format-nir');
    expect(a.answer).toContain('en vigueur à votre naissance');
    expect(a.answer).toContain('1968');
  });

  it('says an unknown month is written 20, 30 to 42 or 50 and more', () => {
    expect(assistant.ask('le mois dans mon numéro de sécu c’est 35, normal ?', 'etat-civil').answer).toContain('de 30 à 42');
  });

  it('takes a provisional number of the CPAM, and tells where to find one not at hand', () => {
    const a = assistant.ask('je n’ai pas ma carte vitale avec moi, je fais comment pour le numéro ?', 'etat-civil');
    expect(a.answer).toContain('attestation de droits');
    expect(a.answer).toContain('commence par 7 ou 8, est accepté');
  });
});

describe('the code step', () => {
  it('says a page closed or a message lost is no loss: the answers are kept, a new code can be asked for', () => {
    const a = assistant.ask('j’avais le code mais la page s’est fermée, c’est perdu ?', 'code');
    expect(a.topic).toBe('code-non-recu');
    expect(a.answer).toContain('Vos réponses sont conservées une heure');
    expect(a.answer).toContain('valable 10 minutes');
  });

  it('says on the contact step where a code that does not come may be, and what to do with an address about to be lost', () => {
    const a = assistant.ask('mon adresse du travail, je la perds le mois prochain, je la mets quand même ?', 'contact');
    expect(a.topic).toBe('sms-ou-mail');
    expect(a.answer).toContain('adresse personnelle');
    expect(a.answer).toContain('indésirables (spam)');
  });
});

describe('no social security number, said otherwise', () => {
  it.each([
    ['i dont have a social security number, what do i do', 'etat-civil'],
    ['réfugiée depuis peu, pas encore de numéro de sécurité social', 'etat-civil'],
  ])('reads « %s » as having no number', (q, step) => {
    const a = assistant.ask(q, step as 'etat-civil');
    expect(a.topic).toBe('sans-nir');
    expect(a.answer).toContain('identifiant provisoire');
  });
});
