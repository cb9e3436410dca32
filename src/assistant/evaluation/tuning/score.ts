/**
 * Scores the tuning sets: `npx tsx src/assistant/evaluation/tuning/score.ts [--set v1|v2|v2a|v2b|v3|t3a|t3b|…|v11|t11a|t11b|h1|h1a|h1b|…|h8] [--failures] [--json] [--no-classifier] [--no-topic-classifier]`.
 * Each question is asked as a new user would (`Assistant.ask` with its step), judged right, unsure
 * or wrong (../judge.ts), and counted per set, per step and per style; `--failures` lists every
 * answer not right. These sets are for tuning: the held-out sets are scored by the lead, never here.
 *
 * `v2a` and `v2b` are the two halves of v2, `t3a` and `t3b` those of v3, `t4a` and `t4b` those of v4, and so on to `t11a` and `t11b` (every
 * other question of each style): tune on v1 and the « a » halves, and score the « b » halves without reading their failures
 * to see whether a change generalises.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Assistant } from '../../assistant';
import { judge, judgedCaseSchema, type JudgedCase, type Judgement, type Verdict } from '../judge';

export interface Scored {
  case: JudgedCase;
  topic: string;
  answer: string;
  judgement: Judgement;
}

/**
 * v1…v11 were written for tuning; h1…h11 are the former held-out sets (`spent/`), written apart but read
 * once measured, and since then tuned on like the others (the held-out sets are now `../heldout/`).
 */
export const TUNING_SETS = [
  'v1',
  'v2',
  'v3',
  'v4',
  'v5',
  'v6',
  'v7',
  'v8',
  'v9',
  'v10',
  'v11',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'h7',
  'h8',
  'h9',
  'h10',
  'h11',
] as const;
export type TuningSet = (typeof TUNING_SETS)[number];

const cases = z.array(judgedCaseSchema);
const read = (name: string) => cases.parse(JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')));

export function loadTuning(set: TuningSet = 'v1'): JudgedCase[] {
  if (!set.startsWith('h')) return read(`./assistant-tuning-${set}.json`);
  // A spent held-out set written by two writers at once (v4 to v11) is both their files, the registration's steps first.
  const n = Number(set.slice(1));
  return n < 4 ? read(`./spent/assistant-heldout-v${n}.json`) : ['a', 'b'].flatMap((h) => read(`./spent/assistant-heldout-v${n}${h}.json`));
}

/** The half of a set a case falls in: every other case of each style, in the order of the file. */
export function halves(cases: JudgedCase[]): { a: JudgedCase[]; b: JudgedCase[] } {
  const seen = new Map<string, number>();
  const a: JudgedCase[] = [];
  const b: JudgedCase[] = [];
  for (const c of cases) {
    const n = seen.get(c.style) ?? 0;
    seen.set(c.style, n + 1);
    (n % 2 === 0 ? a : b).push(c);
  }
  return { a, b };
}

export function score(assistant: Assistant, cases: JudgedCase[]): Scored[] {
  return cases.map((c) => {
    const a = assistant.ask(c.question, c.step ?? undefined);
    return { case: c, topic: a.topic, answer: a.answer, judgement: judge(c, a) };
  });
}

type Tally = Record<Verdict, number>;

export function tally(results: Scored[], key: (r: Scored) => string): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const r of results) {
    const k = key(r);
    const t = out.get(k) ?? { right: 0, unsure: 0, wrong: 0 };
    t[r.judgement.verdict]++;
    out.set(k, t);
  }
  return out;
}

function line(label: string, t: Tally): string {
  const n = t.right + t.unsure + t.wrong;
  const pc = (x: number) => `${((x / n) * 100).toFixed(1).padStart(5)} %`;
  return `${label.padEnd(22)} ${String(n).padStart(4)}  right ${pc(t.right)}  unsure ${pc(t.unsure)}  wrong ${pc(t.wrong)}`;
}

function report(label: string, results: Scored[], failures: boolean): void {
  console.log(`\n=== ${line(label, tally(results, () => 'all').get('all')!)}`);
  console.log('per step:');
  for (const [k, t] of [...tally(results, (r) => r.case.step ?? '(sans étape)')]) console.log(`  ${line(k, t)}`);
  console.log('per style:');
  for (const [k, t] of [...tally(results, (r) => r.case.style)].sort()) console.log(`  ${line(k, t)}`);
  if (!failures) return;
  console.log('not right:');
  for (const r of results.filter((x) => x.judgement.verdict !== 'right')) {
    const j = r.judgement;
    console.log(
      `${j.verdict === 'wrong' ? '✗' : '?'} ${r.case.id} [${r.case.step ?? '-'}/${r.case.style}] « ${r.case.question} » → ${r.topic}` +
        `${j.missing.length ? `; missing ${j.missing.map((g) => g.join('|')).join(' & ')}` : ''}${j.forbidden.length ? `; forbidden ${j.forbidden.join(', ')}` : ''}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('score.ts')) {
  const assistant = new Assistant({
    agencyPhone: '3230',
    classifier: !process.argv.includes('--no-classifier'),
    topicClassifier: !process.argv.includes('--no-topic-classifier'),
  });
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  // v1 whole; each later set whole and as its halves: v2a/v2b, then t3a/t3b … t11a/t11b.
  const sets: Record<string, JudgedCase[]> = { v1: loadTuning('v1') };
  for (const set of TUNING_SETS.slice(1)) {
    const cases = loadTuning(set);
    const { a, b } = halves(cases);
    const prefix = set === 'v2' ? 'v2' : set.startsWith('h') ? set : `t${set.slice(1)}`;
    Object.assign(sets, { [set]: cases, [`${prefix}a`]: a, [`${prefix}b`]: b });
  }
  const chosen = arg('--set')?.split(',') ?? [...TUNING_SETS];
  for (const name of chosen) if (!sets[name]) throw new Error(`unknown set « ${name} »: ${Object.keys(sets).join(', ')}`);
  if (process.argv.includes('--json')) {
    const out = chosen.flatMap((name) =>
      score(assistant, sets[name]!).map((r) => ({ set: name, id: r.case.id, verdict: r.judgement.verdict, topic: r.topic })),
    );
    console.log(JSON.stringify(out));
  } else {
    for (const name of chosen) report(`tuning ${name}`, score(assistant, sets[name]!), process.argv.includes('--failures'));
  }
}
