/**
 * The assistant on its frozen held-out sets (src/assistant/evaluation/heldout/, written by people who
 * never saw the knowledge base): `npm run bench assistant-heldout`. Prints right / unsure / wrong for
 * each set (its files together), per step and per style of writing (with the share of answers that say
 * « pas sûr » or offer choices), all sets pooled per step, then the questions answered wrong.
 * Asserts nothing; the bar of the issue is ≥ 90 % right and ≤ 2 % wrong, on each step. Never tune on
 * what it prints: once read, a set is spent (moved to the tuning sets, `tuning/spent/`).
 */
import { Assistant } from '../src/assistant/assistant';
import { type HeldoutResult, heldoutFiles, loadHeldout, scoreHeldout, versionOf } from '../src/assistant/evaluation/heldout/heldout';

const assistant = new Assistant({ agencyPhone: '3230' });
const files = heldoutFiles();
const versions = [...new Set(files.map(versionOf))];
const results = new Map(files.map((f) => [f, scoreHeldout(assistant, loadHeldout(f))]));
const ofVersion = (v: string) => files.filter((f) => versionOf(f) === v).flatMap((f) => results.get(f)!);
const quiet = process.argv.includes('--totals');

function line(label: string, rs: HeldoutResult[]): string {
  const n = (v: string) => rs.filter((r) => r.verdict === v).length;
  const pct = (k: number) => `${((k / rs.length) * 100).toFixed(1)} %`.padStart(7);
  const hedged = rs.filter((r) => r.answer.choices || /pas s[uû]r/i.test(r.answer.answer)).length;
  return `${label.padEnd(22)} ${String(rs.length).padStart(4)}  right ${pct(n('right'))}  unsure ${pct(n('unsure'))}  wrong ${pct(n('wrong'))}  (hedged ${pct(hedged)})`;
}

function groups(rs: HeldoutResult[], key: (r: HeldoutResult) => string): void {
  const by = new Map<string, HeldoutResult[]>();
  for (const r of rs) by.set(key(r), [...(by.get(key(r)) ?? []), r]);
  for (const [k, list] of [...by].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${line(k, list)}`);
}

for (const version of versions) {
  const rs = ofVersion(version);
  console.log(line(`heldout-${version}, all`, rs));
  for (const f of files.filter((x) => versionOf(x) === version))
    console.log(line(`  ${f.replace('assistant-', '').replace('.json', '')}`, results.get(f)!));
  if (quiet) continue;
  console.log('\nper step:');
  groups(rs, (r) => r.case.step ?? '(none)');
  console.log('\nper style:');
  groups(rs, (r) => r.case.style);
  console.log('\nanswered wrong:');
  for (const r of rs.filter((x) => x.verdict === 'wrong'))
    console.log(
      `  ${r.case.id} [${r.case.step ?? '-'}] « ${r.answer.maskedQuestion} » → ${r.answer.topic}; missing ${JSON.stringify(r.missing)}${r.forbidden.length ? `; forbidden ${JSON.stringify(r.forbidden)}` : ''}`,
    );
  console.log('');
}

/** Every held-out set pooled, per step: the bar holds on each step, and one set has too few questions a step to tell. */
const pooled = [...results.values()].flat();
console.log(`\n${line('all sets, all', pooled)}\n\nall sets, per step:`);
groups(pooled, (r) => r.case.step ?? '(none)');
