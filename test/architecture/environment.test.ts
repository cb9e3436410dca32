import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every environment variable is read in src/config/config.ts (validated with zod, with its default)
 * and handed down as parameters: no other file of src/ reads the environment. The FranceConnect
 * stand-in's main (src/franceconnect-standin/main.ts) is a program of its own, given its environment.
 */
const ALLOWED = ['config/config.ts', 'franceconnect-standin/main.ts'];

const READS_ENVIRONMENT = [
  /\bprocess\s*\??\.\s*env\b/, // process.env.X, process?.env
  /\bprocess\s*\[\s*['"`]env['"`]\s*\]/, // process['env']
  /\{[^}]*\benv\b[^}]*\}\s*=\s*(?:globalThis\s*\.\s*)?process\b/, // const { env } = process
  /import\s*\{[^}]*\benv\b[^}]*\}\s*from\s*['"](?:node:)?process['"]/, // import { env } from 'node:process'
];

function readsEnvironment(source: string): boolean {
  return READS_ENVIRONMENT.some((r) => r.test(source));
}

describe('the environment', () => {
  it('is read by src/config only (and the stand-in’s own main)', () => {
    const src = join(import.meta.dirname, '../../src');
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => /\.(ts|js|mjs|cjs)$/.test(f));
    expect(files.length).toBeGreaterThan(200);
    const readers = files.filter((f) => readsEnvironment(readFileSync(join(src, f), 'utf8'))).sort();
    expect(readers.filter((f) => !ALLOWED.includes(f))).toEqual([]);
    // The two allowed readers do read it (the check is not looking at the wrong files).
    expect(readers).toEqual(ALLOWED.slice().sort());
  });

  it('is seen however a file reads it', () => {
    for (const source of [
      'const level = process.env.LOG_LEVEL;',
      "const size = Number(process.env['DATABASE_POOL_SIZE']);",
      "if (process['env'].NODE_ENV === 'production') {}",
      'const { env } = process;',
      'const { env: e } = globalThis.process;',
      "import { env } from 'node:process';",
      "import { argv, env } from 'process';",
    ])
      expect(readsEnvironment(source), source).toBe(true);
    for (const source of ['const config = loadConfig();', 'config.env', "const env = 'production';", 'process.exit(1);'])
      expect(readsEnvironment(source), source).toBe(false);
  });
});
