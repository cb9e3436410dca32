import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The row types of the database live in src/db/tables/, each in a file named `*.table.ts` (below every
 * module that reads them, so that no module and src/db import each other), and src/db/schema.ts
 * combines them (it imports them; they never import it back).
 */
const src = join(import.meta.dirname, '../../src');
const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
const read = (f: string) => readFileSync(join(src, f), 'utf8');

describe('the table files', () => {
  it('hold every table type, and are all named *.table.ts', () => {
    const declaring = files.filter((f) => /export (interface|type) \w+Table\b/.test(read(f)));
    expect(declaring.length).toBeGreaterThan(10);
    expect(declaring.filter((f) => !f.endsWith('.table.ts'))).toEqual([]);
    expect(files.filter((f) => /tables?\.ts$/.test(basename(f)) && !f.endsWith('.table.ts'))).toEqual([]);
  });

  it('give src/db/schema.ts its tables, without importing it back (no withTables shim)', () => {
    const schema = read('db/schema.ts');
    const imported = [...schema.matchAll(/from '\.\/tables\/([^']+)'/g)].map((m) => `db/tables/${m[1]}.ts`);
    expect(imported.length).toBeGreaterThan(10);
    expect(imported.filter((f) => !f.endsWith('.table.ts'))).toEqual([]);
    const tableFiles = files.filter((f) => f.endsWith('.table.ts'));
    expect([...new Set(imported)].sort()).toEqual(tableFiles.slice().sort());
    expect(tableFiles.every((f) => f.startsWith('db/tables/'))).toBe(true);
    expect(tableFiles.filter((f) => /from '[./]+\/(db\/)?schema'/.test(read(f)))).toEqual([]);
    expect(files.filter((f) => /\bwithTables\b/.test(read(f)))).toEqual([]);
  });
});
