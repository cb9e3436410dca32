import { describe, expect, it } from 'vitest';
import { Assistant, HEDGE_CONFIDENCE } from '../../../src/assistant/assistant';
import { halves, loadTuning } from '../../../src/assistant/evaluation/tuning/score';
import { loadKnowledge } from '../../../src/assistant/knowledge';
import type { Match } from '../../../src/assistant/retrieval';
import { TopicIndex } from '../../../src/assistant/retrieval';
import { CLASSIFIER_LIFT, CLASSIFIER_LIFT_CAP, blend, lift, resolve } from '../../../src/assistant/topics/blend';
import { topicCorpus, topicDigest, topicOf } from '../../../src/assistant/topics/corpus';
import { classify, features, train } from '../../../src/assistant/topics/linear';
import model from '../../../src/assistant/topics/model.json' with { type: 'json' };
import { topicProbabilities } from '../../../src/assistant/topics/model';
import paraphrases from '../../../src/assistant/topics/paraphrases.json' with { type: 'json' };

/**
 * The topic classifier (src/assistant/topics/): a linear model trained ahead of time on the
 * knowledge base, our paraphrases and the tuned halves of the tuning sets, whose probabilities are
 * combined with the search's scores.
 */
const topics = loadKnowledge();

describe('the topic classifier', () => {
  it('is trained on its corpus as it is now (run scripts/train-assistant-classifier.ts after changing it)', () => {
    const corpus = topicCorpus();
    expect(model.digest).toBe(topicDigest(corpus));
    expect(model.utterances).toBe(corpus.length);
  });

  it.each(['v2', 'v3', 'v4'] as const)(
    'never learns from the second half of the tuning set %s, kept to check that it generalises',
    (set) => {
      const learnt = new Set(topicCorpus().map((u) => u.utterance));
      expect(halves(loadTuning(set)).b.filter((c) => learnt.has(c.question))).toEqual([]);
    },
  );

  it('learns only the topics the search can find, each from our paraphrases too', () => {
    const indexed = new Set(topics.filter((t) => t.indexed).map((t) => t.id));
    expect(Object.keys(paraphrases).filter((id) => !indexed.has(id))).toEqual([]);
    expect([...indexed].filter((id) => !(id in paraphrases))).toEqual([]);
    expect(new Set(topicCorpus().map((u) => u.intent))).toEqual(indexed);
  });

  it('labels a tuning question by the topic whose answer the judge counts right, and leaves out one no answer satisfies', () => {
    const index = new TopicIndex(topics);
    const ask = (mustContain: string[][]) =>
      topicOf(
        { id: 'x', step: null, style: 'standard', question: 'mon code par texto n’arrive pas', mustContain, mustNotContain: [] },
        topics,
        index,
      );
    expect(ask([['indésirables']])).toBe('code-non-recu');
    expect(ask([['une phrase qu’aucune réponse ne contient']])).toBeUndefined();
    // Said by many answers (« Mon Compte »), the question says too little about its topic to learn from.
    expect(ask([['Caf']])).toBeUndefined();
  });

  it('reads words and their letter 4-grams, so that a typo keeps most of a word', () => {
    const f = features('le mot de passe');
    expect(f).toContain('g:<pas');
    const typo = features('motdepase');
    expect(typo.filter((g) => features('mot de passe').includes(g)).length).toBeGreaterThan(0);
  });

  it('trains the same model from the same corpus, and finds sentences it never saw', () => {
    const corpus = [
      { utterance: 'je veux une aide pour mon loyer', intent: 'logement' },
      { utterance: 'aide au logement pour étudiant', intent: 'logement' },
      { utterance: 'mon appartement coûte cher, une aide ?', intent: 'logement' },
      { utterance: 'le code par sms ne vient pas', intent: 'code' },
      { utterance: 'je ne reçois pas le code', intent: 'code' },
      { utterance: 'où est le code de validation', intent: 'code' },
    ];
    expect(train(corpus)).toEqual(train(corpus));
    const m = train(corpus);
    expect(classify(m, 'une aide pour payer le logment')[0]!.intent).toBe('logement');
    expect(classify(m, 'jai pas recu mon code')[0]!.intent).toBe('code');
    const p = classify(m, 'loyer');
    expect(p.reduce((s, c) => s + c.score, 0)).toBeCloseTo(1);
  });

  it.each([
    ['la nounou de ma fille coûte une fortune, y a un coup de pouce ?', 'prestation-complement-mode-de-garde'],
    ['mon proprio exige une preuve que je touche l apl', 'attestations'],
    ['ma ville natale a fusionné, elle est introuvable dans la liste', 'lieu-naissance'],
    ['jai recu une lettre: je dois rendre de l argent a la caf', 'rappel-indu'],
  ])('finds the topic of « %s » (%s)', (q, topic) => {
    expect([...topicProbabilities(q)][0]![0]).toBe(topic);
  });

  it('classifies a question once, however many times one answer asks', () => {
    const q = 'le texto avec le code ne vient pas';
    const first = topicProbabilities(q);
    expect(topicProbabilities(q)).toBe(first);
    expect(topicProbabilities('je cherche mon numéro allocataire')).not.toBe(first);
    expect(topicProbabilities(q)).toEqual(first);
  });
});

describe('the classifier combined with the search', () => {
  const [a, b, c] = topics.filter((t) => t.indexed);
  const match = (topic: typeof a, score: number): Match => ({ topic: topic!, score, coverage: 1, matched: [] });

  it('reorders the matches by the sum of both, the best keeping the best search score', () => {
    const found = [match(a, 10), match(b, 8), match(c, 2)];
    const likely = new Map([
      [a!.id, 0.05],
      [b!.id, 0.9],
    ]);
    const blended = blend(found, likely);
    expect(blended.map((m) => m.topic.id)).toEqual([b!.id, a!.id, c!.id]);
    expect(blended[0]!.score).toBeCloseTo(10);
    expect(blend(found, undefined)).toBe(found);
  });

  it('raises a confidence with the classifier’s probability, never to a sure answer by itself', () => {
    expect(lift(0.3, 0.9)).toBeCloseTo(0.9 * CLASSIFIER_LIFT);
    expect(lift(0.3, 1)).toBe(CLASSIFIER_LIFT_CAP);
    expect(CLASSIFIER_LIFT_CAP).toBeLessThan(HEDGE_CONFIDENCE);
    expect(lift(0.9, 0.1)).toBe(0.9);
    expect(lift(0.3, undefined)).toBe(0.3);
  });

  it('chooses between close topics only when the classifier clearly prefers one', () => {
    const choices = [{ id: 'x' }, { id: 'y' }];
    expect(
      resolve(
        choices,
        new Map([
          ['y', 0.6],
          ['x', 0.1],
        ]),
      )?.id,
    ).toBe('y');
    expect(
      resolve(
        choices,
        new Map([
          ['y', 0.45],
          ['x', 0.3],
        ]),
      ),
    ).toBeUndefined();
    expect(resolve(choices, new Map([['y', 0.2]]))).toBeUndefined();
  });

  it('answers, as the closest one, a question the search alone could only offer choices for', () => {
    const q = 'je suis tombée enceinte, y a quoi comme sous';
    const alone = new Assistant({ agencyPhone: '3230', topicClassifier: false }).ask(q);
    expect(alone.choices).toBe(true);
    const both = new Assistant({ agencyPhone: '3230' }).ask(q);
    expect(both.choices).toBe(false);
    expect(both.topic).toBe('prestation-prestation-naissance');
  });
});
