import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/ (.dependency-cruiser.cjs): no cycle of imports, src/http only under the
 * journeys and the top, the journeys only under the top, the composition root only at the top.
 */
const root = join(import.meta.dirname, '../..');
const configFile = join(root, '.dependency-cruiser.cjs');
const bin = join(root, 'node_modules/.bin/depcruise');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}
interface Module {
  source: string;
  dependencies: { resolved: string }[];
}
interface CruiseResult {
  modules: Module[];
  summary: { violations: Violation[] };
}

const cruises = new Map<string, Promise<CruiseResult>>();
function cruise(cwd: string): Promise<CruiseResult> {
  let result = cruises.get(cwd);
  if (!result) {
    result = run(cwd);
    cruises.set(cwd, result);
  }
  return result;
}

async function run(cwd: string): Promise<CruiseResult> {
  const { stdout } = await promisify(execFile)(bin, ['src', '--config', configFile, '--output-type', 'json'], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as CruiseResult;
}

function readable(v: Violation): string {
  const path = v.cycle?.length ? `${v.from} → ${v.cycle.map((c) => c.name).join(' → ')}` : `${v.from} → ${v.to}`;
  return `${v.rule.name}: ${path}`;
}

describe('the layers of src/', () => {
  it('has no cycle, and no import pointing up', async () => {
    const result = await cruise(root);
    expect(result.modules.length).toBeGreaterThan(200);
    expect(result.summary.violations.map(readable).sort()).toEqual([]);
  }, 180_000);

  it('lets no journey import the composition root: its rule has no exception but the top', async () => {
    const config = createRequire(import.meta.url)(configFile) as {
      forbidden: { name: string; from: { pathNot?: string[] } }[];
    };
    const rule = config.forbidden.find((r) => r.name === 'context-only-from-top');
    expect(rule?.from.pathNot).toEqual(['^src/(main|context|routes|app-errors)[.]ts$']);
    const result = await cruise(root);
    const importers = result.modules
      .filter((m) => m.source.startsWith('src/journeys/'))
      .filter((m) => m.dependencies.some((d) => d.resolved === 'src/context.ts'))
      .map((m) => m.source);
    expect(importers).toEqual([]);
  }, 180_000);

  it('refuses each kind of wrong import (a small src/ written to break every rule)', async () => {
    const result = await cruise(join(import.meta.dirname, 'fixture'));
    expect(result.summary.violations.map((v) => [v.rule.name, v.from, v.to]).sort()).toEqual([
      ['context-only-from-top', 'src/journeys/one/pages.ts', 'src/context.ts'],
      ['http-only-from-journeys-and-top', 'src/accounts/repository.ts', 'src/http/layout.ts'],
      ['journeys-only-from-journeys-and-top', 'src/http/menu.ts', 'src/journeys/one/pages.ts'],
      ['no-circular', 'src/accounts/closing.ts', 'src/accounts/repository.ts'],
    ]);
  }, 180_000);
});
