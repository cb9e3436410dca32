import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { loadKnowledge } from '../../../src/assistant/knowledge';
import { FRANCECONNECT_SCOPES } from '../../../src/franceconnect';
import { checkName } from '../../../src/identity/names';
import { DEMARCHES_PATH } from '../../../src/journeys/demarches/pages';

/** What FranceConnect sends, the facts of the knowledge base checked against the code, and the pages of the personal space. */
const assistant = new Assistant({ agencyPhone: '3230' });
const topic = (id: string) => loadKnowledge().find((t) => t.id === id)!;
const text = (id: string) => topic(id).answer.join('\n');

describe('FranceConnect: what is asked and sent', () => {
  it('says the e-mail address is sent, as the scopes ask it and the page « Qu’est-ce que FranceConnect ? » says', () => {
    expect(FRANCECONNECT_SCOPES).toContain('email');
    const page = readFileSync(new URL('../../../src/journeys/franceconnect/login-pages.ts', import.meta.url), 'utf8');
    expect(page).toContain('et votre adresse mail');
    const a = assistant.ask('quelles infos FranceConnect envoie à la caf, aussi mon mail ?', 'franceconnect');
    expect(a.topic).toBe('franceconnect');
    expect(a.answer).toContain('et votre adresse mail');
    expect(a.answer).not.toContain('transmet seulement votre identité');
  });

  it('names the usage name when there is one (scope preferred_username) and that the e-mail is only offered as the contact, verified by a code', () => {
    expect(FRANCECONNECT_SCOPES).toContain('preferred_username');
    expect(text('franceconnect')).toContain('nom d’usage s’il y en a un');
    expect(text('franceconnect')).toContain('l’adresse mail transmise par FranceConnect vous est proposée');
  });
});

describe('facts of the knowledge base, as the code has them', () => {
  it('does not say given names may be separated by commas: the name check refuses a comma', () => {
    expect(checkName('Marie, Anne', 120).ok).toBe(false);
    expect(text('etat-civil-nom')).not.toContain('virgules');
  });

  it('does not say the NIR is never shown in full: the recap and « Mes informations » show it (formatNir)', () => {
    expect(text('format-nir')).not.toContain('jamais montré en entier');
  });

  it('links the démarches page at its real address', () => {
    const urls = loadKnowledge().flatMap((t) => t.sources.map((s) => s.url));
    expect(urls).not.toContain('/mes-demarches');
    expect(topic('contester-decision').sources.map((s) => s.url)).toContain(DEMARCHES_PATH);
  });

  it('counts the appeal delay from the notification of the decision (src/prestations/appeals.ts)', () => {
    expect(text('contester-decision')).toContain('à compter de la notification de la décision');
  });

  it('says a contact change asks for the current password and sends a code to the new contact', () => {
    const a = assistant.ask('je suis connectée, comment je change mon adresse mail ?', 'espace');
    expect(a.topic).toBe('modifier-coordonnees');
    expect(a.answer).toContain('« Mot de passe actuel »');
    expect(a.answer).toContain('« Recevoir un code »');
  });
});

describe('the pages of the personal space', () => {
  it.each([
    ['je voudrais changer mon mot de passe, je connais l’ancien, je suis déjà connecté', '« Enregistrer mon nouveau mot de passe »'],
    ['comment je déconnecte mon compte sur la tablette que j’ai perdue ?', '« Mettre fin à cette session »'],
    ['où je vois les dernières connexions à mon compte ?', '« Mes dernières connexions »'],
  ])('answers « %s » from « Sécurité du compte »', (q, label) => {
    const a = assistant.ask(q, 'espace');
    expect(a.topic).toBe('securite-compte');
    expect(a.answer).toContain(label);
  });

  it('explains « Ce qui vous attend » and its items', () => {
    const a = assistant.ask('c’est quoi la liste « ce qui vous attend » en haut de mon espace ?', 'espace');
    expect(a.topic).toBe('ce-qui-vous-attend');
    expect(a.answer).toContain('« Décision à lire »');
    expect(a.answer).toContain('« Fichiers pas encore envoyés »');
  });

  it('says where to consult one’s information and that a civil-status mistake is corrected by the Caf', () => {
    const a = assistant.ask('où est-ce que je peux consulter mes informations, nom, date de naissance, une fois connecté ?', 'espace');
    expect(a.topic).toBe('mes-informations');
    expect(a.answer).toContain('elle peut la corriger avec un justificatif');
  });
});
