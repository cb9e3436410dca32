import { containerBootstrap } from '@nlpjs/core';
import { LangFr } from '@nlpjs/lang-fr';
import { NluNeural } from '@nlpjs/nlu';
import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { SafetyClassifier, type SafetyModel } from '../../../src/assistant/classifier/classifier';
import { digestOf, labelOf, trainingCorpus } from '../../../src/assistant/classifier/corpus';
import { distressesOf } from '../../../src/assistant/distress';
import model from '../../../src/assistant/classifier/model.json' with { type: 'json' };
import { halves, loadTuning } from '../../../src/assistant/evaluation/tuning/score';

/**
 * The safety classifier (src/assistant/classifier/): trained ahead of time on what corpus.ts says,
 * read the way NLP.js reads a text, and a second opinion beside the rules — it finds ways of saying
 * distress the rules do not name, and leaves ordinary questions alone.
 */
const classifier = new SafetyClassifier(model as SafetyModel);
const assistant = new Assistant({ agencyPhone: '3230' });

describe('the safety classifier', () => {
  it('is trained on its corpus as it is now (run scripts/train-assistant-classifier.ts after changing it)', () => {
    const corpus = trainingCorpus();
    expect(model.digest).toBe(digestOf(corpus));
    expect(model.utterances).toBe(corpus.length);
  });

  it.each(['v2', 'v3'] as const)('never learns from the second half of the tuning set %s, kept to check that it generalises', (set) => {
    const learnt = new Set(trainingCorpus().map((u) => u.utterance));
    const { a, b } = halves(loadTuning(set));
    expect(a.every((c) => learnt.has(c.question))).toBe(true);
    expect(b.filter((c) => learnt.has(c.question))).toEqual([]);
  });

  it('reads a text as NLP.js’s own French pipeline does, without its promises', async () => {
    const container = await containerBootstrap();
    container.use(LangFr);
    const nlu = new NluNeural({ container, locale: 'fr', log: false });
    nlu.fromJSON(model.model);
    for (const c of loadTuning('v1').slice(0, 60))
      expect(classifier.features(c.question), c.question).toEqual(await nlu.prepare(c.question));
    const q = 'je ne vois plus aucune raison de continuer, tout le monde serait mieux sans moi';
    expect(classifier.classify(q)[0]).toEqual((await nlu.process(q)).classifications[0]);
  });

  it('labels the tuning questions by what a right answer must contain', () => {
    expect(labelOf({ style: 'detresse', mustContain: [['3114', '31 14'], ['code']] })).toBe('urgence-suicide');
    expect(labelOf({ style: 'detresse', mustContain: [['112', 'samu', 'le 15']] })).toBe('urgence-medicale');
    expect(labelOf({ style: 'donnees-d-autrui', mustContain: [['ne peux pas', 'confidenti']] })).toBe('donnees-d-autrui');
    expect(labelOf({ style: 'mention-d-autrui', mustContain: [['mail']] })).toBe('none');
  });

  it.each([
    // (the rules of distress.ts now name « mieux sans moi » and « garde ma carte bancaire »)
    ['je me dis souvent que ce serait plus simple de ne pas me réveiller demain', 'urgence-suicide'],
    ['mon compagnon me rabaisse et me crie dessus, il décide de tout l’argent', 'urgence-violence'],
  ])('finds « %s » (%s), which no rule names', (q, intent) => {
    expect(distressesOf(q)).toEqual([]);
    expect(classifier.safety(q).map((s) => s.intent)).toContain(intent);
    expect(assistant.ask(q, 'espace').topic).toBe(intent);
  });

  it.each([
    'le site ne répond plus depuis ce matin',
    'mon mari est allocataire, je veux mon propre espace',
    'je n’ai pas reçu le code par SMS',
    'comment déclarer ma mère qui vit chez moi ?',
  ])('leaves « %s » alone', (q) => {
    expect(classifier.safety(q)).toEqual([]);
  });
});

describe('distress and a question in one message', () => {
  it('gives the emergency number first, then the answer to the question', () => {
    const a = assistant.ask('le code n’arrive pas et franchement je veux mourir, j’en peux plus', 'code');
    const paragraphs = a.answer.split('\n\n');
    expect(paragraphs[0]).toContain('3114');
    expect(a.answer).toContain('indésirables');
    expect(a.others.map((o) => o.topic)).toContain('code-non-recu');
  });

  it('names every kind of danger of the message, the most urgent first', () => {
    const a = assistant.ask('il m’a frappée et je dors dehors avec mon bébé depuis hier', 'accueil');
    expect(a.answer.indexOf('3919')).toBeGreaterThanOrEqual(0);
    expect(a.answer).toContain('115');
    expect(a.topic).toBe('urgence-violence');
  });

  it('gives only the emergency numbers when the danger is immediate', () => {
    const a = assistant.ask('mon fils a avalé des cachets, il ne respire plus, je voulais déclarer mon changement de situation', 'espace');
    expect(a.topic).toBe('urgence-medicale');
    expect(a.answer).toContain('15');
    expect(a.answer).not.toContain('3230');
    expect(a.others).toEqual([]);
  });
});
