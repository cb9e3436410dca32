import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { fold } from '../../../src/assistant/analyser';
import { allParagraphs, loadKnowledge } from '../../../src/assistant/knowledge';
import { SUBJECT_LABELS } from '../../../src/caf-messages/messages';
import { STATUS_LABELS } from '../../../src/demarches/machine';

/** Nothing the assistant says may contradict the product: its statuses, its rules, its labels. */
const assistant = new Assistant({ agencyPhone: '3230' });
const topics = loadKnowledge();

/** Words a text uses to name the state of a request (a product status or not). */
const STATUS_WORDS =
  /\b(brouillon|envoyee|en cours(?: d'instruction)?|en attente d[e'] ?[a-z]+|traitee|acceptee|refusee|classee sans suite|validee|cloturee|en traitement|rejetee|terminee)\b/g;

function withoutSubjects(paragraph: string): string {
  return Object.values(SUBJECT_LABELS).reduce((p, label) => p.replaceAll(`« ${label} »`, ''), paragraph);
}

describe('the facts of the knowledge base', () => {
  it('names only statuses of a démarche the product uses (src/demarches/machine.ts)', () => {
    const labels = new Set(Object.values(STATUS_LABELS).map((l) => fold(l)));
    const named: string[] = [];
    // The subjects of « Contacter ma Caf » are labels of that page (« Ma demande en cours »), not statuses.
    for (const t of topics)
      for (const paragraph of allParagraphs(t))
        for (const m of fold(withoutSubjects(paragraph)).matchAll(STATUS_WORDS)) {
          named.push(m[1]!);
          expect(labels, `${t.id}: « ${m[1]} »`).toContain(m[1]);
        }
    // The test reads what it means to: the démarches' topic names the product's statuses.
    expect(named).toEqual(expect.arrayContaining(["en cours d'instruction", 'en attente de pieces', 'classee sans suite']));
  });

  it('never tells a FranceConnect account to log in with a password', () => {
    for (const [q, step] of [
      ['j’ai créé mon compte avec FranceConnect, comment je me connecte maintenant ?', 'connexion'],
      ['compte fait avec france connect, j’ai oublié mon mot de passe', 'mot-de-passe-oublie'],
      ['c’est quoi FranceConnect', undefined],
    ] as const) {
      const a = assistant.ask(q, step);
      expect(fold(a.answer), q).toContain('pas de mot de passe');
      expect(a.answer, q).toContain('S’identifier avec FranceConnect');
    }
  });

  it('lets a child over 15 or a personne à charge declare a separation, as the household rule says', () => {
    const a = assistant.ask('est-ce que mon fils de 17 ans peut déclarer une séparation ?', 'espace');
    expect(a.answer).toMatch(/enfant de plus de 15 ans/);
    expect(a.answer).toContain('séparation');
    for (const t of topics) expect(t.answer.join(' '), t.id).not.toContain('départ du foyer');
  });

  it('says where a separation is declared, as the catalogue and the household pages have it', () => {
    const a = assistant.ask('je me sépare, je le déclare où ?', 'demarches');
    expect(a.topic).toBe('separation');
    expect(a.answer).toContain('« Déclarer une séparation »');
    expect(a.answer).toContain('« Accident de vie »');
  });

  it('says that « Mot de passe oublié » never tells whether an account exists, as the page answers the same to all', () => {
    const a = assistant.ask(
      'mot de passe oublié : le site dit qu’un code est envoyé si un compte correspond, alors mon compte existe ?',
      'mot-de-passe-oublie',
    );
    expect(a.answer).toMatch(/ne dit pas si un compte existe/);
  });

  it('says what registration does when an account already exists (no second account, the new password does not work), not a message it never shows', () => {
    const a = assistant.ask('j’ai déjà un compte je crois, je refais l’inscription ?', 'accueil');
    expect(a.answer).toContain('aucun second compte n’est créé');
    for (const t of topics) expect(t.answer.join(' '), t.id).not.toContain('vous ne pouvez pas créer de compte');
  });

  it('quotes the link of the code page as the page writes it', () => {
    const a = assistant.ask('je me suis trompé dans mon adresse mail', 'code');
    expect(a.answer).toContain('« Modifiez vos coordonnées de contact »');
    for (const t of topics) expect(t.answer.join(' '), t.id).not.toContain('Modifier mes coordonnées de contact');
  });

  it('knows the pages of the personal space as they are written', () => {
    const paid = assistant.ask('c’est quand que la caf paie ? on est le 6 et j’ai rien', 'espace');
    expect(paid.answer).toContain('le 5 du mois suivant');
    expect(paid.answer).toContain('« Mes paiements »');
    const held = assistant.ask('j’ai changé de compte bancaire et mon paiement est en attente', 'espace');
    expect(held.answer).toContain('délai de vérification');
    const qf = assistant.ask('où je trouve mon attestation de quotient familial pour la crèche ?', 'espace');
    expect(qf.answer).toContain('« Mes attestations »');
    expect(qf.answer).toContain('« Obtenir une attestation de quotient familial »');
    const check = assistant.ask('je suis propriétaire, comment vérifier l’attestation de paiement de mon futur locataire ?');
    expect(check.answer).toContain('« Vérifier une attestation »');
    expect(check.answer).toMatch(/nom de famille/i);
    const write = assistant.ask('comment écrire à ma caf depuis mon espace, je peux joindre un fichier ?', 'espace');
    expect(write.answer).toContain('« Ma demande en cours »');
    expect(write.answer).toContain('« Mes messages »');
  });

  it('says what the identity step accepts: a foreign document goes by « Je ne dispose pas… », its number is not the NIR (src/journeys/registration/views.ts)', () => {
    const foreign = assistant.ask('ma carte d’identité est allemande, je peux la mettre ?', 'titre-identite');
    expect(foreign.answer).toContain('« Je ne dispose pas d’une pièce d’identité française »');
    const required = assistant.ask('c’est obligatoire de donner une pièce d’identité pour s’inscrire ?', 'titre-identite');
    expect(required.answer).toContain('« Je ne dispose pas d’une pièce d’identité française »');
    const number = assistant.ask('le numéro de la carte d’identité, c’est celui de la sécu ?', 'titre-identite');
    expect(number.answer).toContain('n’est pas votre numéro de sécurité sociale');
  });

  it('says on the recap that an identity « à confirmer » still opens the account (src/journeys/registration/review-views.ts)', () => {
    // Asked on the recap, the recap's topic is answered or offered among the choices; chosen, it says so.
    const a = assistant.ask('sur le récap il y a écrit identité à confirmer, c’est un problème ?', 'recapitulatif');
    const recap =
      a.topic === 'recapitulatif'
        ? a
        : a.others.some((o) => o.topic === 'recapitulatif')
          ? assistant.answerOf(assistant.topic('recapitulatif')!)
          : a;
    expect(recap.topic).toBe('recapitulatif');
    expect(recap.answer).toContain('« à confirmer »');
    expect(recap.answer).toMatch(/pourra vous demander une? (pièce|justificatif)/);
  });

  it('lists what FranceConnect transmits as the provider sends it, and that it is personal', () => {
    const a = assistant.ask('FranceConnect donne quoi comme infos à la Caf ?', 'franceconnect');
    for (const field of ['prénoms', 'nom de naissance', 'sexe', 'date de naissance', 'lieu de naissance'])
      expect(a.answer).toContain(field);
    expect(a.answer).toContain('FranceConnect est donc personnel');
  });

  it('says that any password meeting the rules is accepted (src/auth/password-rules.ts)', () => {
    const a = assistant.ask('un mot avec une majuscule et des chiffres derrière, ça passe comme mot de passe ?', 'mot-de-passe');
    expect(a.answer).toContain('Tout mot de passe qui respecte ces règles est accepté');
  });

  it('says that a code after the password at each login is normal', () => {
    const a = assistant.ask('pourquoi un code à 6 chiffres en plus du mot de passe ?', 'connexion');
    expect(fold(a.answer)).toMatch(/normal|mesure de securite/);
  });

  it('answers a member of an allocataire household on the civil-status step, where the « Mon Compte » link leads them', () => {
    const a = assistant.ask('mon mari a déjà son espace sur notre dossier, je peux créer le mien aussi ?', 'etat-civil');
    expect(a.topic).toBe('compte-membre-foyer');
    expect(a.answer).not.toContain('Je ne suis pas sûr');
  });
});
