import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Assistant, HEDGE_CONFIDENCE, MIN_COVERAGE, splitQuestions } from '../../../src/assistant/assistant';
import type { AssistantAnswer } from '../../../src/assistant/answer';
import { asksTwice } from '../../../src/assistant/matches';
import { FILES, loadKnowledge } from '../../../src/assistant/knowledge';
import { loadTuning } from '../../../src/assistant/evaluation/tuning/score';
import { DISPUTED_SURE } from '../../../src/assistant/topics/blend';
import { ASSISTANT_STEPS, STEP_TOPICS } from '../../../src/assistant/steps';

const assistant = new Assistant({ agencyPhone: '3230' });

describe('the knowledge base', () => {
  const topics = loadKnowledge();

  it('loads every JSON file of its folder, in the order of their names', () => {
    const folder = readdirSync(new URL('../../../src/assistant/knowledge', import.meta.url)).filter((f) => f.endsWith('.json'));
    expect(Object.keys(FILES)).toEqual(folder.sort());
  });

  it('covers the topics the issue lists, each with sources, its steps and example questions', () => {
    const ids = topics.map((t) => t.id);
    for (const id of [
      'sans-nir',
      'sans-titre-francais',
      'titres-acceptes',
      'format-nir',
      'code-non-recu',
      'code-expire-ou-faux',
      'sms-ou-mail',
      'modifier-coordonnees',
      'regles-mot-de-passe',
      'mot-de-passe-oublie',
      'identifiant-connexion',
      'code-connexion',
      'franceconnect',
      'deja-un-compte',
      'recapitulatif',
      'conjoint-procuration',
      'enfant-personne-a-charge',
      'separation',
      'numero-allocataire',
      'demander-prestation',
      'suivre-demarches',
      'assistant',
    ]) {
      expect(ids).toContain(id);
    }
    for (const t of topics.filter((x) => x.indexed)) {
      expect(t.sources.length, t.id).toBeGreaterThan(0);
      expect(t.questions.length, t.id).toBeGreaterThanOrEqual(4);
    }
    for (const step of ASSISTANT_STEPS) expect(ids).toContain(STEP_TOPICS[step]);
  });

  it('never asks for a number, a password or a code in its answers', () => {
    for (const t of topics) for (const p of t.answer) expect(p, t.id).not.toMatch(/(donnez|indiquez|écrivez|envoyez)[- ]moi|\d{6,}/i);
  });
});

/** The other questions a message really asks, answered beside its first (« Pour votre autre question (« … ») »). */
const answeredBeside = (a: AssistantAnswer): string[] =>
  asksTwice(a.maskedQuestion)
    ? a.others.filter((o) => a.answer.includes(`Pour votre autre question (« ${o.title} »)`)).map((o) => o.topic)
    : [];

describe('answers', () => {
  it('answers in French with the topic, its sources and a confidence', () => {
    const a = assistant.ask("je n'ai pas de numéro de sécurité sociale");
    expect(a.topic).toBe('sans-nir');
    expect(a.answer).toContain('identifiant provisoire');
    expect(a.sources[0]).toEqual({ title: expect.any(String), url: expect.stringMatching(/^\/|^https:/) });
    expect(a.confidence).toBeGreaterThan(0.5);
    expect(a.handover).toBe(false);
  });

  it('uses the step the person is on', () => {
    expect(assistant.ask('je suis bloqué', 'code').topic).toBe('code-non-recu');
    expect(assistant.ask('je suis bloqué', 'mot-de-passe').topic).toBe('regles-mot-de-passe');
    expect(assistant.ask('aide', 'titre-identite').topic).toBe('titres-acceptes');
    expect(assistant.ask('comment corriger une erreur', 'recapitulatif').topic).toBe('recapitulatif');
  });

  it.each([
    ['quel temps fera-t-il demain à Lyon ?', 'hors-sujet'],
    ['comment déclarer mes impôts', 'hors-sujet'],
    ['combien je vais toucher de RSA', 'montant'],
    ["c'est quoi le montant de l'APL", 'montant'],
    ['quand est-ce que je serai payé', 'etat-dossier'],
    ['donne-moi le numéro de sécu de ma femme', 'donnees-d-autrui'],
    ['quel est le mot de passe de mon mari', 'donnees-d-autrui'],
    ['combien touche mon voisin', 'donnees-d-autrui'],
    ['xkcd qwerty zzz', 'inconnu'],
  ])('refuses « %s » plainly and gives the human contact (%s)', (question, topic) => {
    const a = assistant.ask(question);
    expect(a.topic).toBe(topic);
    expect(a.handover).toBe(true);
    expect(a.answer).toMatch(/3230/);
    expect(a.answer).not.toMatch(/\d+\s?€|\beuros\b/);
  });

  it('does not take « combien de caractères » for a question about money', () => {
    expect(assistant.ask('combien de caractères pour le mot de passe').topic).toBe('regles-mot-de-passe');
    expect(assistant.ask('combien de temps le code est valable').topic).toBe('code-expire-ou-faux');
  });

  it('never repeats a NIR, a password or a code, and warns never to give them', () => {
    const a = assistant.ask('mon numéro 2 84 12 75 056 123 45 et mon mot de passe Soleil2024x ne marchent pas, mon code 123456');
    for (const secret of ['2 84 12 75 056 123 45', 'Soleil2024x', '123456']) {
      expect(a.answer).not.toContain(secret);
      expect(a.maskedQuestion).not.toContain(secret);
    }
    expect(a.masked).toEqual(expect.arrayContaining(['nir', 'secret', 'code']));
    expect(a.answer).toContain('Ne donnez jamais votre code ni votre mot de passe');
  });

  it('answers the main question of a message, then the other one, each with its sources', () => {
    const a = assistant.ask("Je n'ai pas reçu le code. Et aussi, c'est quoi les règles du mot de passe ?", 'code');
    expect(a.topic).toBe('code-non-recu');
    expect(a.others).toEqual([
      { topic: 'regles-mot-de-passe', title: 'Les règles du mot de passe', url: '/aide/assistant?sujet=regles-mot-de-passe' },
    ]);
    expect(a.answer).toContain('« Les règles du mot de passe »');
    const second = assistant.topic('regles-mot-de-passe')!;
    const parts = a.answer.split('\n\n');
    const lead = parts.indexOf('Pour votre autre question (« Les règles du mot de passe ») :');
    expect(lead).toBeGreaterThan(0);
    expect(parts.slice(lead + 1, lead + 1 + second.answer.length)).toEqual(second.answer);
    for (const s of [...assistant.topic('code-non-recu')!.sources, ...second.sources]) expect(a.sources).toContainEqual(s);
  });

  it('answers two or three questions of one message, not more, the rest as links', () => {
    const a = assistant.ask(
      'mon code n’arrive jamais ? et mon mot de passe oublié ? et c’est quoi FranceConnect ? et le numéro allocataire ?',
      'connexion',
    );
    const answered = a.answer.split('\n\n').filter((p) => p.startsWith('Pour votre autre question'));
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(answered.length).toBeLessThanOrEqual(2);
    expect(a.others.length).toBeGreaterThan(answered.length);
    expect(a.answer).toContain('Vous avez aussi demandé');
  });

  it('answers in order a message whose first question is a guess of another step and whose second is clear, rather than offer choices', () => {
    const a = assistant.ask('je pourrai suivre mes versements après la connexion ? et pour écrire à ma Caf je fais comment ?', 'code');
    expect(a.choices).toBe(false);
    expect(a.answer).toContain('Je ne suis pas sûr d’avoir bien compris');
    expect(a.answer).toContain('Pour votre autre question (« Contacter ma Caf ») :');
    expect(a.handover).toBe(true);
  });

  it('cuts a message into its questions', () => {
    expect(splitQuestions('code pas reçu ? mdp oublié. et aussi FranceConnect')).toEqual(['code pas reçu', 'mdp oublié', 'FranceConnect']);
  });

  it('puts the agency phone of the configuration in its answers', () => {
    expect(new Assistant({ agencyPhone: '01 23 45 67 89' }).ask('parler à un conseiller').answer).toContain('01 23 45 67 89');
  });

  it('answers a prestation named in the question rather than put it to a choice with « Demander une prestation »', () => {
    const a = assistant.ask('je voudrais 1 dmd de rsa, c’est dans quel theme', 'demarches');
    expect(a.choices).toBe(false);
    expect(a.topic).toBe('prestation-rsa');
    expect(a.answer).toContain('« Aides et démarches »');
  });

  it('says it is not sure when it answers a topic it is not sure of, and only then', () => {
    const UNSURE = 'Je ne suis pas sûr d’avoir bien compris votre question';
    let unsure = 0;
    for (const c of loadTuning('v1')) {
      const a = assistant.ask(c.question, c.step ?? undefined);
      // The confidence given back is rounded to two decimals: at the threshold it may have been just under.
      if (a.choices || a.confidence === HEDGE_CONFIDENCE || a.confidence === DISPUTED_SURE) continue;
      const topic = assistant.topic(a.topic)!;
      const step = c.step ?? undefined;
      const doubt =
        a.confidence < HEDGE_CONFIDENCE ||
        assistant.coverage(a.maskedQuestion, step) < MIN_COVERAGE ||
        assistant.disputes(topic, a.confidence, a.maskedQuestion, step, answeredBeside(a));
      // Every topic the search can find is said to be a guess when it is one, those that hand over too.
      const expectUnsure = doubt && topic.indexed;
      if (expectUnsure) unsure++;
      expect(a.answer.includes(UNSURE), c.question).toBe(expectUnsure);
    }
    expect(unsure).toBeGreaterThan(0);
  });
});
