import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import type { AssistantStep } from '../../../src/assistant/steps';

/** The step is a strong prior: another step's topic wins only when the question names it. */
const assistant = new Assistant({ agencyPhone: '3230' });
/** The topics about a code: on the login page, each answers with the login code's facts. */
const LOGIN_CODE = 'code-connexion|code-non-recu|code-expire-ou-faux';

describe('the step the person is on', () => {
  it.each<[AssistantStep, string, string, string]>([
    ['titre-identite', 'j’en ai pas, je fais quoi ?', 'sans-titre-francais', 'Je ne dispose pas d’une pièce d’identité française'],
    ['titre-identite', 'jen ai pas', 'sans-titre-francais', 'Je ne dispose pas d’une pièce d’identité française'],
    ['etat-civil', 'j’en ai pas', 'sans-nir', 'identifiant provisoire'],
    ['code', 'combien de chiffres il faut mettre ?', 'code-expire-ou-faux', '6 chiffres'],
    ['code', 'j’en ai pas', 'code-non-recu', 'Renvoyer un code'],
    // the weak steps' everyday questions, in words of our own (the paraphrases teach the classifier their like)
    // (on the login page, each code topic answers with the login code's own facts: `cases` of the step)
    ['connexion', 'le code à six chiffres pour me connecter, je le reçois où ?', LOGIN_CODE, 'par SMS ou par mail'],
    ['connexion', 'je n’ai plus le téléphone qui reçoit le code de connexion', LOGIN_CODE, 'un code envoyé par courrier'],
    ['accueil', 'faut-il être allocataire avant de s’inscrire ?', 'creer-compte', 'Un numéro allocataire n’est pas nécessaire'],
    ['accueil', 'je dois créer un compte avant de demander le rsa ?', 'creer-compte', '« Créer un compte »'],
    ['recapitulatif', 'quelle est l’étape d’après ?', 'recapitulatif', '« Se connecter »'],
    ['recapitulatif', 'je reçois un mail une fois le compte créé ?', 'recapitulatif', 'un message vous est envoyé par SMS ou par mail'],
  ])('on %s, « %s » → %s', (step, question, topic, phrase) => {
    const a = assistant.ask(question, step);
    expect(topic.split('|')).toContain(a.topic);
    expect(a.answer).toContain(phrase);
  });

  it('on the recap, a field entered wrong is corrected from the recap, whichever step asked it', () => {
    for (const q of [
      'ma date de naissance est fausse, je fais comment',
      'jai fait une faute dans mon prenom',
      'le mail que j ai mis est mal ecrit',
      'le numéro de sécu affiché n’est pas le bon',
      'ma ville de naissance est erronée',
    ]) {
      const a = assistant.ask(q, 'recapitulatif');
      expect(a.topic, q).toBe('recapitulatif');
      expect(a.answer).toContain('« Modifier »');
    }
    // Elsewhere the same words keep their own topics.
    expect(assistant.ask('ma date de naissance est fausse, je fais comment', 'etat-civil').topic).not.toBe('recapitulatif');
  });

  it('still answers another step’s topic when the question names it', () => {
    expect(assistant.ask('je n’ai pas de numéro de sécurité sociale', 'code').topic).toBe('sans-nir');
    expect(assistant.ask('quelles sont les règles du mot de passe', 'titre-identite').topic).toBe('regles-mot-de-passe');
    expect(assistant.ask('combien de chiffres dans le numéro de sécurité sociale', 'code').topic).toBe('format-nir');
  });

  it('says it is unsure and offers the likeliest topics as choices rather than answer the wrong one', () => {
    const a = assistant.ask('il y a un truc bizarre sur mon compte', 'espace');
    expect(a.choices).toBe(true);
    expect(a.answer).toContain('Je ne suis pas sûr');
    expect(a.others.length).toBeGreaterThanOrEqual(2);
    expect(a.others.length).toBeLessThanOrEqual(3);
    expect(a.others.map((o) => o.topic)).toContain('demander-prestation');
    for (const o of a.others) expect(a.answer).toContain(o.title);
    expect(a.handover).toBe(true);
  });

  it('on the recap, the start, the login and the démarches, answers the step’s own topic among the choices, as the closest one', () => {
    for (const [step, question, topic] of [
      ['demarches', 'ma demande est introuvable', 'suivre-demarches'],
      ['recapitulatif', 'quelle est la prochaine étape ?', 'recapitulatif'],
    ] as const) {
      const a = assistant.ask(question, step);
      expect(a.topic, question).toBe(topic);
      expect(a.choices).toBe(false);
      expect(a.answer).toContain('Je ne suis pas sûr');
      expect(a.answer).toContain(assistant.topic(topic)!.answer[0]!.slice(0, 60));
      expect(a.handover).toBe(true);
      // the other likely topics stay as links
      expect(a.others.length).toBeGreaterThanOrEqual(1);
      expect(a.others.map((o) => o.topic)).not.toContain(topic);
    }
  });

  it('answers a topic of the step found unsurely as the closest one, the search’s close topics offered as links, not as questions asked', () => {
    for (const [step, question, topic, link] of [
      // another topic of the step, on a step that is not a form
      ['connexion', 'j’ai oublié mon code secret', 'mot-de-passe-oublie', 'code-non-recu'],
      // the step's own topic
      ['connexion', 'ca veut pas me laisser entrer', 'identifiant-connexion', 'si-un-compte-correspond'],
    ] as const) {
      const a = assistant.ask(question, step);
      expect(a.topic, question).toBe(topic);
      expect(a.choices).toBe(false);
      expect(a.answer).toContain('Je ne suis pas sûr');
      expect(a.answer).toContain('Votre question porte peut-être plutôt sur');
      expect(a.answer).not.toContain('Vous avez aussi demandé');
      expect(a.others.map((o) => o.topic)).toContain(link);
      expect(a.others.map((o) => o.topic)).not.toContain(topic);
    }
  });

  it('answers the step’s topic when the question names what it covers', () => {
    expect(assistant.ask('je retrouve plus mon brouillon', 'demarches').topic).toBe('brouillon-demande');
  });

  it('does not put a sure answer to a choice', () => {
    const a = assistant.ask('j’ai pas reçu le code', 'code');
    expect(a.choices).toBe(false);
    expect(a.topic).toBe('code-non-recu');
  });
});
