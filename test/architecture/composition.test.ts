import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Services are built once, by the composition root (src/context.ts), and handed down: no journey
 * (its routes nor its use cases) builds one of them again — a second rate limiter, code store or
 * assistant would have state of its own.
 */
const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** What src/context.ts builds: the classes it instantiates and the factories it calls. */
function builtByTheRoot(): string[] {
  const source = read('src/context.ts');
  const classes = [...source.matchAll(/\bnew ([A-Z]\w+)\(/g)].map((m) => m[1]!);
  const factories = [...source.matchAll(/\b((?:create|connect|open|worker)[A-Z]\w*)\(/g)].map((m) => m[1]!);
  return [...new Set([...classes, ...factories])].filter((name) => name !== 'createContext');
}

describe('the composition root', () => {
  it('is the only place that builds the services it hands down', () => {
    const services = builtByTheRoot();
    expect(services).toEqual(expect.arrayContaining(['Assistant', 'ContactCodes', 'PasswordCheck', 'createMessaging']));
    const found: string[] = [];
    for (const file of filesUnder('src/journeys')) {
      const source = read(file);
      for (const name of services) {
        const call = name[0] === name[0]!.toUpperCase() ? `new ${name}(` : `${name}(`;
        if (source.includes(call)) found.push(`${relative(root, join(root, file))}: ${call}`);
      }
    }
    expect(found).toEqual([]);
  });
});
