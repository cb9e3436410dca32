/**
 * The assistant on its frozen held-out set (src/assistant/evaluation/heldout/, written by someone
 * who never saw the knowledge base): `npm run bench assistant-heldout`. Prints right / unsure / wrong
 * overall, per step and per style of writing (with the share of answers that say « pas sûr » or offer
 * choices), then the questions answered wrong. Asserts nothing;
 * the bar of the issue is ≥ 90 % right and ≤ 2 % wrong. Never tune on what it prints.
 */
import { Assistant } from '../src/assistant/assistant';
import { type HeldoutResult, loadHeldout, scoreHeldout } from '../src/assistant/evaluation/heldout/heldout';

const assistant = new Assistant({ agencyPhone: '3230' });
const sets = [
  'assistant-heldout-v1.json',
  'assistant-heldout-v2.json',
  'assistant-heldout-v3.json',
  'assistant-heldout-v4a.json',
  'assistant-heldout-v4b.json',
  'assistant-heldout-v5a.json',
  'assistant-heldout-v5b.json',
  'assistant-heldout-v6a.json',
  'assistant-heldout-v6b.json',
  'assistant-heldout-v7a.json',
  'assistant-heldout-v7b.json',
  'assistant-heldout-v8a.json',
  'assistant-heldout-v8b.json',
];
/** v4 to v8 were each written by two writers at once (the registration's steps, and the rest): each figure is both halves together. */
const together = {
  'heldout-v4, all': ['assistant-heldout-v4a.json', 'assistant-heldout-v4b.json'],
  'heldout-v5, all': ['assistant-heldout-v5a.json', 'assistant-heldout-v5b.json'],
  'heldout-v6, all': ['assistant-heldout-v6a.json', 'assistant-heldout-v6b.json'],
  'heldout-v7, all': ['assistant-heldout-v7a.json', 'assistant-heldout-v7b.json'],
  'heldout-v8, all': ['assistant-heldout-v8a.json', 'assistant-heldout-v8b.json'],
};

function line(label: string, rs: HeldoutResult[]): string {
  const n = (v: string) => rs.filter((r) => r.verdict === v).length;
  const pct = (k: number) => `${((k / rs.length) * 100).toFixed(1)} %`.padStart(7);
  const hedged = rs.filter((r) => r.answer.choices || /pas s[uû]r/i.test(r.answer.answer)).length;
  return `${label.padEnd(22)} ${String(rs.length).padStart(4)}  right ${pct(n('right'))}  unsure ${pct(n('unsure'))}  wrong ${pct(n('wrong'))}  (hedged ${pct(hedged)})`;
}

function groups(results: HeldoutResult[], key: (r: HeldoutResult) => string): void {
  const by = new Map<string, HeldoutResult[]>();
  for (const r of results) by.set(key(r), [...(by.get(key(r)) ?? []), r]);
  for (const [k, rs] of [...by].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${line(k, rs)}`);
}

for (const file of sets) {
  const results = scoreHeldout(assistant, loadHeldout(file));
  console.log(line(`${file.replace('assistant-', '').replace('.json', '')}, all`, results));
  console.log('\nper step:');
  groups(results, (r) => r.case.step ?? '(none)');
  console.log('\nper style:');
  groups(results, (r) => r.case.style);
  console.log('\nanswered wrong:');
  for (const r of results.filter((x) => x.verdict === 'wrong'))
    console.log(
      `  ${r.case.id} [${r.case.step ?? '-'}] « ${r.answer.maskedQuestion} » → ${r.answer.topic}; missing ${JSON.stringify(r.missing)}`,
    );
  console.log('');
}

for (const [label, files] of Object.entries(together))
  console.log(
    line(
      label,
      files.flatMap((file) => scoreHeldout(assistant, loadHeldout(file))),
    ),
  );

/** Every held-out set pooled, per step: the bar holds on each step, and one set has too few questions a step to tell. */
const pooled = sets.flatMap((file) => scoreHeldout(assistant, loadHeldout(file)));
console.log(`\n${line('all sets, all', pooled)}\n\nall sets, per step:`);
groups(pooled, (r) => r.case.step ?? '(none)');
