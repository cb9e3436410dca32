/**
 * Scores the tuning set: `npx tsx src/assistant/evaluation/tuning/score.ts [--failures] [--json]`.
 * Each question is asked as a new user would (`Assistant.ask` with its step), judged right, unsure
 * or wrong (../judge.ts), and counted overall, per step and per style; `--failures` lists every
 * answer not right. This set is for tuning: the held-out sets are scored by the lead, never here.
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

export function loadTuning(): JudgedCase[] {
  return z.array(judgedCaseSchema).parse(JSON.parse(readFileSync(new URL('./assistant-tuning-v1.json', import.meta.url), 'utf8')));
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

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('score.ts')) {
  const assistant = new Assistant({ agencyPhone: '3230' });
  const results = score(assistant, loadTuning());
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(results.map((r) => ({ id: r.case.id, verdict: r.judgement.verdict, topic: r.topic }))));
  } else {
    console.log(line('tuning set', tally(results, () => 'all').get('all')!));
    console.log('\nper step:');
    for (const [k, t] of [...tally(results, (r) => r.case.step ?? '(sans étape)')]) console.log(line(k, t));
    console.log('\nper style:');
    for (const [k, t] of [...tally(results, (r) => r.case.style)].sort()) console.log(line(k, t));
    if (process.argv.includes('--failures')) {
      console.log('\nnot right:');
      for (const r of results.filter((x) => x.judgement.verdict !== 'right')) {
        const j = r.judgement;
        console.log(
          `${j.verdict === 'wrong' ? '✗' : '?'} ${r.case.id} [${r.case.step ?? '-'}/${r.case.style}] « ${r.case.question} » → ${r.topic}` +
            `${j.missing.length ? `; missing ${j.missing.map((g) => g.join('|')).join(' & ')}` : ''}${j.forbidden.length ? `; forbidden ${j.forbidden.join(', ')}` : ''}`,
        );
      }
    }
  }
}
