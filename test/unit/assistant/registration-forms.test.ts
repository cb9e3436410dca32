import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { birthCountryOf } from '../../../src/assistant/birthplace';
import { questionOf } from '../../../src/assistant/focus';
import { namesForeignDocument } from '../../../src/assistant/safety';

/**
 * The registration's forms (état civil, titre d'identité, contact, code, mot de passe): what a word means on the step,
 * and the facts of each field, checked in the code (src/auth/password-rules.ts, src/identity/phone.ts,
 * src/identity/documents.ts). Sentences of our own, none from a tuning or held-out set.
 */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('the password step', () => {
  it('reads a password the person tried (masked) as a question about the password’s rules', () => {
    const a = assistant.ask('j’ai essayé Printemps99 et sa marche pa', 'mot-de-passe');
    expect(a.topic).toBe('regles-mot-de-passe');
    expect(a.answer).toContain('pas de caractères spéciaux');
    expect(a.answer).not.toContain('Printemps99');
  });

  it('answers a first name or a birth date as a password with the rules, not with the civil status', () => {
    for (const q of [
      'je voulais mettre le prénom de ma fille et son année, Chloe2010, c’est bon ?',
      'est-ce que ma date de naissance toute seule en chiffres ça suffit comme mot de passe ?',
    ]) {
      const a = assistant.ask(q, 'mot-de-passe');
      expect(a.topic, q).toBe('regles-mot-de-passe');
      expect(a.answer, q).toContain('Un prénom, un nom ou une date de naissance seuls ne suffisent donc pas');
      expect(a.answer, q).toContain('au moins 10 caractères, avec une majuscule, une minuscule et un chiffre');
    }
  });
});

describe('the contact step', () => {
  it('says a mobile number is written with its 10 digits when it is refused', () => {
    const a = assistant.ask('il me met que mon numéro n’est pas valide, j’ai tapé 07 65 43 21 0', 'contact');
    expect(a.answer).toContain('avec leurs 10 chiffres');
    expect(a.answer).toContain('06 12 34 56 78');
  });
});

describe('the code step', () => {
  it('answers « et maintenant ? » with the step’s own topic: type the code, then « Valider »', () => {
    const a = assistant.ask('et maintenant ?', 'code');
    expect(a.topic).toBe('code-non-recu');
    expect(a.answer).toContain('« Valider »');
  });

  it('says the answers are kept when the page was closed before the code was typed', () => {
    const a = assistant.ask('g fermé la page par erreur, je doi tout recommencer ?', 'code');
    expect(a.topic).toBe('code-non-recu');
    expect(a.answer).toContain('Vos réponses sont conservées une heure');
  });

  it('reads a long message past its greeting: the code it opens with, not the last clause alone', () => {
    const q =
      'Bonjour, excusez-moi de vous déranger, j’ai reçu le code par mail hier après-midi, mais j’ai dû partir chercher les enfants à l’école avant de le recopier, et ce soir en le tapant on me dit qu’il ne marche pas. Pourtant c’est bien le vôtre. Je fais quoi ?';
    expect(questionOf(q)).toContain('j’ai reçu le code par mail hier après-midi');
    const a = assistant.ask(q, 'code');
    expect(['code-non-recu', 'code-expire-ou-faux']).toContain(a.topic);
    expect(a.answer).toContain('10 minutes');
  });
});

describe('the identity-document step', () => {
  it('reads the « numéro étranger » and a carte de résident as a titre de séjour, not a document of another country', () => {
    expect(namesForeignDocument('le numéro étranger c’est lequel sur ma carte ?')).toBe(false);
    expect(namesForeignDocument('il a un passeport marocain et une carte de résident')).toBe(false);
    const a = assistant.ask('c’est quoi le numéro étranger, il y a plusieurs numéros sur ma carte', 'titre-identite');
    expect(a.topic).toBe('titres-acceptes');
    expect(a.answer).toContain('numéro étranger à 10 chiffres');
  });
});

describe('the civil-status step', () => {
  it('reads no country of birth in a country the person says they live in, even named again beside the field', () => {
    expect(birthCountryOf('née à Lille, je vis au Maroc depuis, lieu de naissance je mets Lille ou Maroc ?')).toBeUndefined();
    const a = assistant.ask('né à Lyon mais j’habite en Tunisie depuis vingt ans, au lieu de naissance Lyon ou Tunisie ?', 'etat-civil');
    expect(a.answer).not.toContain('« Tunisie »');
    expect(a.answer).toContain('celui de votre acte de naissance, où que vous viviez aujourd’hui');
  });
});
