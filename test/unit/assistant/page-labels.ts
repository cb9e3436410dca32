import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The words a person reads on the product's pages, collected from the page code: every text node of
 * the HTML templates (`>Mot de passe oublié ?</a>`) and every string literal (`button('Valider')`,
 * the labels of radios, options and summary rows), by folder. Used to check that what the assistant
 * quotes « … » is written on the pages it talks about.
 */
const root = new URL('../../../', import.meta.url).pathname;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Curly and straight apostrophes, non-breaking spaces: one form, so that « l’accès » and « l'accès » meet. */
export function normalise(text: string): string {
  return text
    .replace(/[’‘]/g, "'")
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function textsOf(source: string): string[] {
  const out: string[] = [];
  // text between tags in templates, and between a tag and an interpolation
  for (const m of source.matchAll(/>([^<>`${}]+)(?=<|\$\{)/g)) out.push(m[1]!);
  // string literals
  for (const m of source.matchAll(/'((?:[^'\\\n]|\\.)*)'/g)) out.push(m[1]!.replace(/\\'/g, "'"));
  for (const m of source.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) out.push(m[1]!);
  // template literals, cut at their interpolations (« Trop de tentatives de connexion. ${wait} »)
  for (const m of source.matchAll(/`([^`]*)`/g)) out.push(...m[1]!.split(/\$\{[^}]*\}/));
  // one line of a template with its tags removed: the name of a button whose words are in two elements
  for (const line of source.split('\n')) if (line.includes('</')) out.push(line.replace(/<[^>]*>/g, '').replace(/\$\{[^}]*\}/g, ' '));
  return out.map(normalise).filter((t) => t.length > 0);
}

/** The texts of the pages under each folder of src/journeys (by journey) and of the shared views. */
export function pageTexts(): Map<string, string[]> {
  const byFolder = new Map<string, string[]>();
  for (const dir of ['src/journeys', 'src/http/views', 'src/prestations', 'src/demarches', 'src/caf-messages']) {
    for (const file of tsFiles(join(root, dir))) {
      const key = dir === 'src/journeys' ? file.slice(root.length).split('/').slice(0, 3).join('/') : dir;
      const list = byFolder.get(key) ?? [];
      list.push(...textsOf(readFileSync(file, 'utf8')));
      byFolder.set(key, list);
    }
  }
  return byFolder;
}
