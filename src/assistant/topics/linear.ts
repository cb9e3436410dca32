import { analyse, expand, fold, words } from '../analyser';

/**
 * A linear topic classifier (multinomial logistic regression): a text's features are its terms as
 * the search reads them (accents folded, SMS spellings and synonyms expanded, stemmed) and the
 * letter 4-grams of its words (a typo leaves most of them intact). Trained ahead of time by
 * `train`; a text is classified with a sum of weights and a softmax, in a few microseconds.
 */
export interface LinearModel {
  classes: string[];
  bias: number[];
  /** feature → [class index, weight, class index, weight, …] (weights near zero left out) */
  weights: Record<string, number[]>;
  /** The features beyond terms and 4-grams that the model was trained with (none when absent). */
  features?: FeatureOptions;
}

/** Features a model may add to terms and letter 4-grams (tried under cross-validation: see `train`). */
export interface FeatureOptions {
  /** pairs of consecutive terms (`b:<term> <term>`) */
  bigrams?: boolean;
  /** the step the question is asked on (`s:<step>`), when one is */
  step?: boolean;
  /** the sizes of the letter n-grams of each word (`[4]` when absent) */
  grams?: number[];
  /** the letter n-grams of the whole folded text, across words (`w:<gram>`), of this size */
  across?: number;
  /** the n-grams taken of the analyser's words (phrases rewritten, elisions dropped, SMS spellings and synonyms expanded) rather than of the raw words */
  expanded?: boolean;
}

/** Weights nearer zero than this are left out of the model (a smaller file, the same answers). */
const PRUNE = 0.02;
/** The letter n-grams of each word (3- or 5-grams, or both with 4, did no better). */
const GRAM = 4;

export function features(text: string, o: FeatureOptions = {}, step?: string): string[] {
  const out = new Set<string>();
  const terms = analyse(text);
  for (const t of terms) out.add(`t:${t}`);
  if (o.bigrams) for (let i = 0; i + 1 < terms.length; i++) out.add(`b:${terms[i]} ${terms[i + 1]}`);
  if (o.step && step) out.add(`s:${step}`);
  const folded = fold(text);
  const grams = o.grams ?? [GRAM];
  for (const w of o.expanded ? words(text).flatMap(expand) : folded.split(/[^a-z0-9]+/)) {
    if (w.length < 3) continue;
    const padded = `<${w}>`;
    for (const n of grams)
      for (let i = 0; i + n <= padded.length; i++) out.add(n === GRAM ? `g:${padded.slice(i, i + n)}` : `g${n}:${padded.slice(i, i + n)}`);
  }
  if (o.across) {
    const line = ` ${folded
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .join(' ')} `;
    for (let i = 0; i + o.across <= line.length; i++) out.add(`w:${line.slice(i, i + o.across)}`);
  }
  return [...out];
}

/** Each class with its probability, the likeliest first. */
export function classify(model: LinearModel, text: string, step?: string): { intent: string; score: number }[] {
  const fs = features(text, model.features, step);
  const z = [...model.bias];
  const scale = 1 / Math.sqrt(fs.length || 1);
  for (const f of fs) {
    const w = model.weights[f];
    if (!w) continue;
    for (let i = 0; i < w.length; i += 2) z[w[i]!]! += w[i + 1]! * scale;
  }
  const max = Math.max(...z);
  const e = z.map((x) => Math.exp(x - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return model.classes.map((intent, i) => ({ intent, score: e[i]! / sum })).sort((a, b) => b.score - a.score);
}

export interface TrainOptions {
  epochs?: number;
  rate?: number;
  l2?: number;
  /** the seed of the fixed shuffle */
  seed?: number;
  /** each class's rows weighed by (mean class size / its size)^balance: 0 leaves them as they are, 1 balances fully */
  balance?: number;
  features?: FeatureOptions;
}

/** Trains the model by stochastic gradient descent, in a fixed order (the same corpus gives the same model). */
export function train(corpus: readonly { utterance: string; intent: string; step?: string }[], o: TrainOptions = {}): LinearModel {
  const { epochs = 30, rate = 0.5, l2 = 1e-4, seed: seed0 = 1, balance = 0, features: fo = {} } = o;
  const classes = [...new Set(corpus.map((u) => u.intent))].sort();
  const k = classes.length;
  const rows = corpus.map((u) => ({ fs: features(u.utterance, fo, u.step), y: classes.indexOf(u.intent) }));
  const sizes = new Array<number>(k).fill(0);
  for (const r of rows) sizes[r.y]!++;
  const weightOf = sizes.map((n) => (rows.length / k / n) ** balance);
  const dense = new Map<string, Float64Array>();
  for (const r of rows) for (const f of r.fs) if (!dense.has(f)) dense.set(f, new Float64Array(k));
  const bias = new Float64Array(k);
  // A fixed shuffle: each epoch visits the rows in another order, the same from run to run.
  let seed = seed0;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const lr = rate / (1 + epoch * 0.1);
    for (const n of order) {
      const { fs, y } = rows[n]!;
      const scale = 1 / Math.sqrt(fs.length || 1);
      const z = Float64Array.from(bias);
      for (const f of fs) {
        const w = dense.get(f)!;
        for (let c = 0; c < k; c++) z[c]! += w[c]! * scale;
      }
      const max = Math.max(...z);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c]! - max);
      const wy = weightOf[y]!;
      for (let c = 0; c < k; c++) {
        const g = wy * (z[c]! / sum - (c === y ? 1 : 0));
        bias[c]! -= lr * g;
        for (const f of fs) {
          const w = dense.get(f)!;
          w[c]! -= lr * (g * scale + l2 * w[c]!);
        }
      }
    }
  }
  const weights: Record<string, number[]> = {};
  for (const [f, w] of dense) {
    const kept: number[] = [];
    for (let c = 0; c < k; c++) if (Math.abs(w[c]!) >= PRUNE) kept.push(c, Math.round(w[c]! * 100) / 100);
    if (kept.length) weights[f] = kept;
  }
  const used = Object.keys(fo).length ? { features: { ...fo } } : {};
  return { classes, bias: [...bias].map((b) => Math.round(b * 1000) / 1000), weights, ...used };
}
