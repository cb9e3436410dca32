import { describe, expect, it } from 'vitest';
import { Assistant, HEDGE_CONFIDENCE } from '../../../src/assistant/assistant';
import { loadEvaluation } from '../../../src/assistant/evaluation/evaluate';
import { heldoutFiles, loadHeldout } from '../../../src/assistant/evaluation/heldout/heldout';
import { halves, loadTuning, TUNING_SETS } from '../../../src/assistant/evaluation/tuning/score';
import { loadKnowledge } from '../../../src/assistant/knowledge';
import type { Match } from '../../../src/assistant/retrieval';
import { TopicIndex } from '../../../src/assistant/retrieval';
import { CLASSIFIER_LIFT, CLASSIFIER_LIFT_CAP, blend, lift, resolve } from '../../../src/assistant/topics/blend';
import { baseCorpus, LEARNT_WHOLE, topicCorpus, topicDigest, topicOf, topicsOf } from '../../../src/assistant/topics/corpus';
import { classify, features, train } from '../../../src/assistant/topics/linear';
import model from '../../../src/assistant/topics/model.json' with { type: 'json' };
import { probabilitiesOf, topicProbabilities } from '../../../src/assistant/topics/model';
import paraphrases from '../../../src/assistant/topics/paraphrases.json' with { type: 'json' };

/**
 * The topic classifier (src/assistant/topics/): a linear model trained ahead of time on the
 * knowledge base, our paraphrases and the tuned halves of the tuning sets, whose probabilities are
 * combined with the search's scores.
 */
const topics = loadKnowledge();
/** The corpus labels some 1,500 tuning questions (seconds on a busy machine): built once for the tests that read it. */
let built: ReturnType<typeof topicCorpus> | undefined;
const corpusNow = () => {
  built ??= topicCorpus();
  return built;
};
const SLOW = 120_000;

describe('the topic classifier', () => {
  it(
    'is trained on its corpus as it is now (run scripts/train-assistant-classifier.ts after changing it)',
    () => {
      const corpus = corpusNow();
      expect(model.digest).toBe(topicDigest(corpus));
      expect(model.utterances).toBe(corpus.length);
    },
    SLOW,
  );

  it(
    'learns v1–v5 and the spent held-out sets whole, and of a later tuning set (v6, v7…) only the first half, the second kept to check that it generalises',
    () => {
      const learnt = new Set(corpusNow().map((u) => u.utterance));
      // A second-half question written word for word as one of our own (« Quelles aides je peux demander en ligne ? »
      // is an example question of the knowledge base) is learnt from ours, not from the tuning set.
      const ours = new Set(baseCorpus().map((u) => u.utterance));
      // Whichever sets score.ts knows, none after v5 is learnt beyond its first half.
      for (const set of TUNING_SETS.filter((s) => !LEARNT_WHOLE.includes(s)))
        expect(halves(loadTuning(set)).b.filter((c) => learnt.has(c.question) && !ours.has(c.question))).toEqual([]);
      // A set v6 that does not exist yet: every other question of a style is in its second half.
      const asked = (n: number, question: string) => ({
        id: `v6-${n}`,
        step: null,
        style: 'sms',
        question,
        mustContain: [['indésirables']],
        mustNotContain: [],
      });
      const v6 = [
        asked(1, 'le code sms arrive pas 1'),
        asked(2, 'le code sms arrive pas 2'),
        asked(3, 'le code sms arrive pas 3'),
        asked(4, 'le code sms arrive pas 1'),
      ];
      const withV6 = new Set(
        topicCorpus([
          { set: 'v5', cases: loadTuning('v5') },
          { set: 'v6', cases: v6 },
        ]).map((u) => u.utterance),
      );
      expect(withV6.has('le code sms arrive pas 3')).toBe(true);
      expect(withV6.has('le code sms arrive pas 2')).toBe(false);
      // Written in both halves, it stays unseen.
      expect(withV6.has('le code sms arrive pas 1')).toBe(false);
      expect(loadTuning('v5').filter((c) => withV6.has(c.question)).length).toBeGreaterThan(50);
    },
    SLOW,
  );

  it(
    'never learns a question of the held-out sets nor of the evaluation sets (but one also written in a tuning set or ours)',
    () => {
      const learnt = new Set(corpusNow().map((u) => u.utterance));
      const written = new Set([
        ...baseCorpus().map((u) => u.utterance),
        ...TUNING_SETS.flatMap((s) => loadTuning(s).map((c) => c.question)),
      ]);
      const heldout = heldoutFiles();
      expect(heldout.length).toBeGreaterThan(0);
      const questions = [
        ...heldout.flatMap((f) => loadHeldout(f)),
        ...(['questions.json', 'holdout.json', 'fresh.json'] as const).flatMap((f) => loadEvaluation(f)),
      ].map((c) => c.question);
      expect(questions.filter((q) => learnt.has(q) && !written.has(q))).toEqual([]);
      // Short questions such as « et maintenant ? » are written alike by several writers: a few, not a set.
      expect(questions.filter((q) => learnt.has(q)).length).toBeLessThan(questions.length / 20);
    },
    SLOW,
  );

  it(
    'learns only the topics the search can find, each from our paraphrases too',
    () => {
      const indexed = new Set(topics.filter((t) => t.indexed).map((t) => t.id));
      expect(Object.keys(paraphrases).filter((id) => !indexed.has(id))).toEqual([]);
      expect([...indexed].filter((id) => !(id in paraphrases))).toEqual([]);
      expect(new Set(corpusNow().map((u) => u.intent))).toEqual(indexed);
    },
    SLOW,
  );

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

  it('labels two questions in one with both topics only when asked to, and leaves out a question too many answers satisfy', () => {
    const index = new TopicIndex(topics);
    const two = {
      id: 'x',
      step: null,
      style: 'two',
      question: 'mon code sms arrive pas et j ai oublié mon mot de passe',
      mustContain: [['Renvoyer un code'], ['Aucun lien n’est envoyé']],
      mustNotContain: [],
    };
    expect(topicsOf(two, topics, index)).toEqual([]);
    const both = topicsOf(two, topics, index, { pairs: true });
    expect(both).toHaveLength(2);
    expect(both).toContain('mot-de-passe-oublie');
    const caf = { ...two, question: 'mon code par texto n’arrive pas', mustContain: [['Caf']] };
    expect(topicsOf(caf, topics, index, { maxSatisfying: 1000 })).toHaveLength(1);
  });

  it('reads words and their letter 4-grams, so that a typo keeps most of a word', () => {
    const f = features('le mot de passe');
    expect(f).toContain('g:<pas');
    const typo = features('motdepase');
    expect(typo.filter((g) => features('mot de passe').includes(g)).length).toBeGreaterThan(0);
  });

  it('reads pairs of words and the step when the model is trained with them', () => {
    expect(features('code pas recu').some((f) => f.startsWith('b:'))).toBe(false);
    expect(features('code pas recu', { bigrams: true }).filter((f) => f.startsWith('b:')).length).toBeGreaterThan(0);
    expect(features('code', { step: true }, 'contact')).toContain('s:contact');
    expect(features('code', {}, 'contact')).not.toContain('s:contact');
    const corpus = [
      { utterance: 'je ne le trouve pas', intent: 'nir', step: 'etat-civil' },
      { utterance: 'je ne le trouve pas', intent: 'code', step: 'contact' },
      { utterance: 'mon numéro de sécu', intent: 'nir' },
      { utterance: 'le code sms', intent: 'code' },
    ];
    const m = train(corpus, { features: { step: true } });
    expect(m.features).toEqual({ step: true });
    expect(classify(m, 'je le trouve pas', 'contact')[0]!.intent).toBe('code');
    expect(classify(m, 'je le trouve pas', 'etat-civil')[0]!.intent).toBe('nir');
    expect(train(corpus).features).toBeUndefined();
  });

  it('reads other letter n-grams, n-grams across words and of the expanded words when asked to (tried under cross-validation)', () => {
    expect(features('le mot de passe', { grams: [3, 4] })).toEqual(expect.arrayContaining(['g3:<mo', 'g:<pas']));
    expect(features('mot de passe', { across: 5 })).toContain('w:ot de');
    expect(features('mdp', { expanded: true }).some((f) => f.startsWith('g:') && f.includes('pass'))).toBe(true);
    expect(features('mdp').some((f) => f.startsWith('g:') && f.includes('pass'))).toBe(false);
    expect(train([{ utterance: 'code', intent: 'x' }], { features: { grams: [3] } }).features).toEqual({ grams: [3] });
  });

  it('weighs a small class up when asked to balance the classes', () => {
    const corpus = [
      ...['aide logement', 'aide au loyer', 'logement cher', 'mon loyer', 'aide appartement', 'un loyer trop cher'].map((utterance) => ({
        utterance,
        intent: 'logement',
      })),
      { utterance: 'code sms', intent: 'code' },
    ];
    const p = (o: { balance?: number }) => classify(train(corpus, o), 'aide code').find((c) => c.intent === 'code')!.score;
    expect(p({ balance: 1 })).toBeGreaterThan(p({}));
    expect(train(corpus, { seed: 2 })).not.toEqual(train(corpus));
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
    const q = 'faut mettre les espaces dans le numéro de sécurité sociale ou pas';
    const alone = new Assistant({ agencyPhone: '3230', topicClassifier: false }).ask(q);
    expect(alone.choices).toBe(true);
    const both = new Assistant({ agencyPhone: '3230' }).ask(q);
    expect(both.choices).toBe(false);
    expect(both.topic).toBe('format-nir');
  });

  it('answers with another topic model and other figures when given them (to cross-validate them)', () => {
    const q = 'faut mettre les espaces dans le numéro de sécurité sociale ou pas';
    const steps: (string | undefined)[] = [];
    const other = new Assistant({
      agencyPhone: '3230',
      topicModel: (_text, step) => {
        steps.push(step);
        return new Map([['code-non-recu', 1]]);
      },
    });
    expect(other.ask(q, 'contact').topic).not.toBe('format-nir');
    expect(steps).toContain('contact');
    // A classifier given no weight in the blend and never trusted to resolve a choice leaves the choice to the person.
    const cautious = new Assistant({ agencyPhone: '3230', blendTuning: { weight: 0, resolves: 1.1 } });
    expect(cautious.ask(q).choices).toBe(true);
    const m = train([
      { utterance: 'code sms', intent: 'code-non-recu' },
      { utterance: 'mot de passe', intent: 'mot-de-passe-oublie' },
    ]);
    expect([...probabilitiesOf(m)('le code sms')][0]![0]).toBe('code-non-recu');
  });
});
