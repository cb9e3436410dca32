/**
 * Cross-validation of the topic classifier's learning (issue 23):
 * `npx tsx scripts/cv-topic-classifier.ts [--by v|h] [--variant "a;b"] [--folds] [--labels FILE]`.
 * `--by v` (the default): the folds are the five tuning sets v1…v5, each whole. `--by h`: the folds are the eight spent
 * held-out sets h1…h8, each written by writers of its own, so that each fold measures writers the model never learnt from.
 * For each fold, the classifier is trained on the knowledge base, our paraphrases and the other sets as `topicCorpus`
 * learns them (or what a variant says), a question written in the fold or in an unlearnt second half left out; then the
 * fold is scored by the whole assistant with that model (`Assistant.ask`, as `score.ts` does). Printed: right / unsure /
 * wrong summed over the folds, the right answers said to be only the closest one (« hedged right »), and with `--folds`
 * each fold's totals. Only totals are printed for `--by v` (its folds hold the second halves `v2b`…`t5b`). `--labels FILE`
 * keeps the tuning questions' labels from one run to the next (minutes on a busy machine).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Assistant } from '../src/assistant/assistant';
import type { JudgedCase, Verdict } from '../src/assistant/evaluation/judge';
import { halves, loadTuning, type Scored, score, TUNING_SETS, type TuningSet } from '../src/assistant/evaluation/tuning/score';
import { loadKnowledge } from '../src/assistant/knowledge';
import { TopicIndex } from '../src/assistant/retrieval';
import type { BlendTuning } from '../src/assistant/topics/blend';
import { baseCorpus, LEARNT_WHOLE, TOPIC_TRAINING, type Labelling, type TopicUtterance, topicsOf } from '../src/assistant/topics/corpus';
import { classify, type LinearModel, type TrainOptions, train } from '../src/assistant/topics/linear';
import type { TopicProbabilities } from '../src/assistant/topics/model';

export interface Variant {
  name: string;
  /** what each fold learns of the other sets: today's rule (v1 and the first halves of v2–v4), the first halves of all, or all whole */
  data?: 'today' | 'a-halves' | 'whole';
  labelling?: Labelling;
  /** one model, or several whose probabilities are averaged */
  train?: TrainOptions | TrainOptions[];
  blend?: Partial<BlendTuning>;
}

const topics = loadKnowledge();
const index = new TopicIndex(topics);
const sets = Object.fromEntries(TUNING_SETS.map((s) => [s, loadTuning(s)])) as Record<TuningSet, JudgedCase[]>;

function learnt(set: TuningSet, data: Variant['data']): JudgedCase[] {
  // v6 and later are learnt by their first half only (as `topicCorpus` does): their second half is the untuned check.
  if (!LEARNT_WHOLE.includes(set)) return halves(sets[set]).a;
  if (data === 'whole' || set === 'v1') return sets[set];
  if (data === 'today' && set === 'v5') return [];
  return halves(sets[set]).a;
}

function average(models: TopicProbabilities[]): TopicProbabilities {
  if (models.length === 1) return models[0]!;
  return (text, step) => {
    const sum = new Map<string, number>();
    for (const m of models) for (const [id, p] of m(text, step)) sum.set(id, (sum.get(id) ?? 0) + p / models.length);
    return sum;
  };
}

function cached(f: TopicProbabilities): TopicProbabilities {
  let last: { text: string; step: string | undefined; likely: Map<string, number> } | undefined;
  return (text, step) => {
    if (last?.text !== text || last.step !== step) last = { text, step, likely: f(text, step) };
    return last.likely;
  };
}

/** Each question's labels, and each fold's models, computed once for every variant that shares them. */
const labels = new Map<string, string[]>();
// A labelling takes minutes on a busy machine: `--labels FILE` keeps it from one run to the next (the knowledge base unchanged).
const labelFile = process.argv.includes('--labels') ? process.argv[process.argv.indexOf('--labels') + 1] : undefined;
if (labelFile && existsSync(labelFile)) for (const [k, v] of JSON.parse(readFileSync(labelFile, 'utf8'))) labels.set(k, v);
function labelled(cases: JudgedCase[], o: Labelling, unseen: ReadonlySet<string>, steps: boolean): TopicUtterance[] {
  const out: TopicUtterance[] = [];
  for (const c of cases) {
    if (unseen.has(c.question)) continue;
    const key = `${c.id}\t${c.question}\t${JSON.stringify(o)}`;
    if (!labels.has(key)) labels.set(key, topicsOf(c, topics, index, o));
    for (const intent of labels.get(key)!)
      out.push(steps && c.step ? { utterance: c.question, intent, step: c.step } : { utterance: c.question, intent });
  }
  return out;
}
const models = new Map<string, LinearModel>();
/**
 * The folds: `v`, the five tuning sets v1…v5, each whole (the later sets are learnt by their first half only, their
 * second is the untuned check); `h`, the eight spent held-out sets h1…h8, each written by writers of its own — leaving
 * one out measures how the assistant does for writers it never learnt from.
 */
export const FOLDINGS = {
  v: ['v1', 'v2', 'v3', 'v4', 'v5'],
  h: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8'],
} as const satisfies Record<string, readonly TuningSet[]>;
export type Folding = keyof typeof FOLDINGS;
/** The questions of the second halves of the sets learnt by their first half only: never learnt, in any fold. */
const secondHalves = TUNING_SETS.filter((s) => !LEARNT_WHOLE.includes(s)).flatMap((s) => halves(sets[s]).b.map((c) => c.question));

export type Tally = Record<Verdict, number>;

/**
 * The answers not right of a fold that may be read: v1 whole, of the others only the first half (« a »).
 * The second halves' failures are never returned.
 */
export function readable(fold: TuningSet, results: Scored[]): Scored[] {
  const whole = fold === 'v1' || fold.startsWith('h');
  const a = new Set(whole ? sets[fold].map((c) => c.id) : halves(sets[fold]).a.map((c) => c.id));
  return results.filter((r) => a.has(r.case.id) && r.judgement.verdict !== 'right');
}

/** A right answer said to be only « the closest one »: right for the judge, but hedged (the cost of hedging more). */
const HEDGED = /je ne suis pas sûr/i;

export function crossValidate(
  v: Variant,
  folding: Folding = 'v',
): { folds: Map<TuningSet, Tally>; total: Tally; failures: Scored[]; hedged: number } {
  const folds = new Map<TuningSet, Tally>();
  const total: Tally = { right: 0, unsure: 0, wrong: 0 };
  const options = Array.isArray(v.train) ? v.train : [v.train ?? {}];
  const steps = options.some((o) => o.features?.step);
  const base = baseCorpus(topics);
  const failures: Scored[] = [];
  let hedged = 0;
  for (const fold of FOLDINGS[folding]) {
    const unseen = new Set([...sets[fold].map((c) => c.question), ...secondHalves]);
    const cases = TUNING_SETS.filter((s) => s !== fold).flatMap((s) => learnt(s, v.data ?? 'whole'));
    const corpus = [...base, ...labelled(cases, v.labelling ?? {}, unseen, steps)];
    const trained = options.map((o) => {
      const key = JSON.stringify([fold, v.data ?? 'whole', v.labelling ?? {}, o]);
      const m = models.get(key) ?? train(corpus, o);
      models.set(key, m);
      return (text: string, step?: string) => new Map(classify(m, text, step).map((c) => [c.intent, c.score]));
    });
    const assistant = new Assistant({ agencyPhone: '3230', topicModel: cached(average(trained)), blendTuning: v.blend });
    const t: Tally = { right: 0, unsure: 0, wrong: 0 };
    const results = score(assistant, sets[fold]);
    for (const r of results) t[r.judgement.verdict]++;
    hedged += results.filter((r) => r.judgement.verdict === 'right' && HEDGED.test(r.answer)).length;
    failures.push(...readable(fold, results));
    folds.set(fold, t);
    for (const k of ['right', 'unsure', 'wrong'] as const) total[k] += t[k];
  }
  return { folds, total, failures, hedged };
}

const word = [{ features: { bigrams: false } }];
export const VARIANTS: Variant[] = [
  { name: 'main', train: TOPIC_TRAINING },
  // Tried with the folds h1…h8 (`--by h`): features, regularisation, labelling.
  ...(
    [
      ['bigrams', { features: { step: true, bigrams: true } }],
      ['grams 3 4', { features: { step: true, grams: [3, 4] } }],
      ['grams 4 5', { features: { step: true, grams: [4, 5] } }],
      ['across 5', { features: { step: true, across: 5 } }],
      ['l2 1e-3', { l2: 1e-3, features: { step: true } }],
      ['l2 1e-5', { l2: 1e-5, features: { step: true } }],
      ['balance 0.5', { balance: 0.5, features: { step: true } }],
      ['expanded', { features: { step: true, expanded: true } }],
      ['3 seeds', [1, 2, 3].map((seed) => ({ seed, features: { step: true } }))],
    ] as const
  ).map(([name, train]) => ({ name: `step ${name}`, train: train as TrainOptions | TrainOptions[] })),
  { name: 'step pairs', train: TOPIC_TRAINING, labelling: { pairs: true } },
  { name: 'step max 3', train: TOPIC_TRAINING, labelling: { maxSatisfying: 3 } },
  { name: 'step max 10', train: TOPIC_TRAINING, labelling: { maxSatisfying: 10 } },
  ...(
    [
      ['weight 0.4', { weight: 0.4 }],
      ['disputed 0.9', { disputedSure: 0.9 }],
      ['agreed 0.4', { agreedLikely: 0.4 }],
      ['agreed 0.2', { agreedLikely: 0.2 }],
      ['weight 0.65', { weight: 0.65 }],
      ['weight 0.65 agreed 0.4', { weight: 0.65, agreedLikely: 0.4 }],
      ['weight 0.65 agreed 0.35', { weight: 0.65, agreedLikely: 0.35 }],
      ['weight 0.65 resolves 0.2', { weight: 0.65, resolves: 0.2 }],
      ['weight 0.65 disputed 0.9', { weight: 0.65, disputedSure: 0.9 }],
      ['weight 0.65 coverage 0.45', { weight: 0.65, minCoverage: 0.45 }],
      ['weight 0.7', { weight: 0.7 }],
      ['weight 0.8', { weight: 0.8 }],
      ['weight 0.6 agreed 0.4', { weight: 0.6, agreedLikely: 0.4 }],
      ['weight 0.6 resolves 0.2', { weight: 0.6, resolves: 0.2 }],
      ['weight 0.6 resolves 0.4', { weight: 0.6, resolves: 0.4 }],
      ['hedge 0.75', { hedge: 0.75 }],
      ['hedge 0.8', { hedge: 0.8 }],
      ['coverage 0.6', { minCoverage: 0.6 }],
      ['coverage 0.4', { minCoverage: 0.4 }],
      ['disputed 0.95', { disputedSure: 0.95 }],
      ['disputed 0.85', { disputedSure: 0.85 }],
      ['weight 0.6', { weight: 0.6 }],
      ['resolves 0.2', { resolves: 0.2 }],
      ['resolves 0.4', { resolves: 0.4 }],
      ['disputed 0.95 resolves 0.2', { disputedSure: 0.95, resolves: 0.2 }],
      ['disputed 1', { disputedSure: 1 }],
    ] as const
  ).map(([name, blend]) => ({ name: `main ${name}`, train: TOPIC_TRAINING, blend })),
  ...[0.3, 0.5].map((agreedLikely) => ({ name: `main agreed ${agreedLikely}`, train: TOPIC_TRAINING, blend: { agreedLikely } })),
  { name: 'today', data: 'today' },
  { name: 'a-halves', data: 'a-halves' },
  { name: 'whole', data: 'whole' },
  { name: 'whole max 3', labelling: { maxSatisfying: 3 } },
  { name: 'whole max 10', labelling: { maxSatisfying: 10 } },
  { name: 'whole pairs', labelling: { pairs: true } },
  { name: 'whole l2 0', train: { l2: 0 } },
  { name: 'whole l2 1e-3', train: { l2: 1e-3 } },
  { name: 'whole l2 3e-3', train: { l2: 3e-3 } },
  { name: 'whole 15 epochs', train: { epochs: 15 } },
  { name: 'whole 60 epochs', train: { epochs: 60 } },
  { name: 'whole rate 0.25', train: { rate: 0.25 } },
  { name: 'whole rate 1', train: { rate: 1 } },
  { name: 'whole bigrams', train: { features: { bigrams: true } } },
  { name: 'whole step', train: { features: { step: true } } },
  { name: 'whole balance 0.5', train: { balance: 0.5 } },
  { name: 'whole balance 1', train: { balance: 1 } },
  { name: 'whole 3 seeds', train: [{ seed: 1 }, { seed: 2 }, { seed: 3 }] },
  { name: 'whole plain + bigrams', train: [...word, { features: { bigrams: true } }] },
  { name: 'whole weight 0.35', blend: { weight: 0.35 } },
  { name: 'whole weight 0.65', blend: { weight: 0.65 } },
  { name: 'whole resolves 0.4', blend: { resolves: 0.4 } },
  { name: 'whole resolves 0.2', blend: { resolves: 0.2 } },
  { name: 'whole disputed 0.8', blend: { disputedSure: 0.8 } },
  { name: 'whole disputed 0.95', blend: { disputedSure: 0.95 } },
  { name: 'whole step resolves 0.2', train: { features: { step: true } }, blend: { resolves: 0.2 } },
  { name: 'whole step weight 0.65', train: { features: { step: true } }, blend: { weight: 0.65 } },
  { name: 'whole step resolves 0.2 weight 0.65', train: { features: { step: true } }, blend: { resolves: 0.2, weight: 0.65 } },
  { name: 'whole step rate 1', train: { rate: 1, features: { step: true } } },
  { name: 'whole step 3 seeds', train: [1, 2, 3].map((seed) => ({ seed, features: { step: true } })) },
];

const pc = (x: number, n: number) => `${((x / n) * 100).toFixed(1)} %`;

if (process.argv[1]?.endsWith('cv-topic-classifier.ts')) {
  const i = process.argv.indexOf('--variant');
  const names = i >= 0 ? process.argv[i + 1]!.split(';') : VARIANTS.map((v) => v.name);
  for (const name of names) {
    const v = VARIANTS.find((x) => x.name === name);
    if (!v) throw new Error(`unknown variant « ${name} »: ${VARIANTS.map((x) => x.name).join(', ')}`);
    const started = performance.now();
    const by = process.argv.indexOf('--by');
    const folding = (by >= 0 ? process.argv[by + 1] : 'v') as Folding;
    if (!(folding in FOLDINGS)) throw new Error(`unknown folding « ${folding} »: ${Object.keys(FOLDINGS).join(', ')}`);
    const { folds, total, failures, hedged } = crossValidate(v, folding);
    if (labelFile) writeFileSync(labelFile, JSON.stringify([...labels]));
    const n = total.right + total.unsure + total.wrong;
    console.log(
      `${v.name.padEnd(28)} ${n}  right ${total.right} (${pc(total.right, n)})  unsure ${total.unsure} (${pc(total.unsure, n)})  wrong ${total.wrong} (${pc(total.wrong, n)})  hedged right ${hedged}  ${Math.round((performance.now() - started) / 1000)} s`,
    );
    if (process.argv.includes('--folds'))
      for (const [f, t] of folds) console.log(`  ${f.padEnd(4)} right ${t.right}  unsure ${t.unsure}  wrong ${t.wrong}`);
    if (process.argv.includes('--failures'))
      for (const r of failures) {
        const j = r.judgement;
        if (process.argv.includes('--wrong') && j.verdict !== 'wrong') continue;
        console.log(
          `  ${j.verdict === 'wrong' ? '✗' : '?'} ${r.case.id} [${r.case.step ?? '-'}/${r.case.style}] « ${r.case.question} » → ${r.topic}` +
            `${j.missing.length ? `; missing ${j.missing.map((g) => g.join('|')).join(' & ')}` : ''}${j.forbidden.length ? `; forbidden ${j.forbidden.join(', ')}` : ''}`,
        );
        if (process.argv.includes('--answers')) console.log(`      ${r.answer.replace(/\n/g, ' / ').slice(0, 400)}`);
      }
  }
}
