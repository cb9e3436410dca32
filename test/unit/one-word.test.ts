import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * One word for each thing: a person reads « adresse mail » (the seed's word), never « adresse
 * e-mail », « courriel » or « e-mail », in pages, messages and the assistant's knowledge. This scans
 * every string literal and template text of src/ (comments and code identifiers such as the
 * channel value 'email' are not read by a person: an identifier has no space) and the assistant's
 * knowledge files.
 *
 * Left out: what reads a person's own words rather than speaking to them — the assistant's lexicon
 * and analyser, the knowledge's `keywords` and `questions` (they must still understand « courriel »)
 * and the evaluation sets (questions as people wrote them) — and English texts for developers
 * (« Agent login e-mail missing. »). A value named in quotes (« email », `contactKind = email`) is an
 * identifier of the JSON API, not a word.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');
const READS_PEOPLE = new Set(['src/assistant/lexicon.ts', 'src/assistant/analyser.ts', 'src/assistant/retrieval.ts']);
const FORBIDDEN = /\be-mails?\b|\bcourriels?\b|\bemails?\b/i;
/** French: an accented letter, a typographic apostrophe or guillemet, or a French little word. */
const FRENCH = /[àâçéèêëîïôûùœ’«»]|\b(le|la|les|de|du|des|vous|votre|vos|par|ou|et|un|une|au|aux|à)\b/i;
const IDENTIFIERS = /« [a-z_]+ »|= [a-z_]+/g;
const offends = (s: string) => FRENCH.test(s) && FORBIDDEN.test(s.replace(IDENTIFIERS, ''));

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'evaluation' ? [] : files(path, ext);
    return path.endsWith(ext) ? [path] : [];
  });
}

/** The texts a person may read in a TypeScript file: its string literals and template parts that are words (with a space). */
function stringsOf(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) return;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(n.text);
    else if (ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) out.push(n.text);
    n.forEachChild(visit);
  };
  visit(source);
  return out.filter((s) => /\s/.test(s.trim()) || /[A-Z]/.test(s[0] ?? ''));
}

function jsonStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(jsonStrings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(jsonStrings);
  return [];
}

describe('one word for the address a message is sent to: « adresse mail »', () => {
  it('the scanner finds what it looks for (a literal, a template part), not comments nor identifiers', () => {
    const probe = join(import.meta.dirname, 'one-word.probe.ts.txt');
    const found = stringsOf(probe).filter(offends);
    expect(found).toEqual(['Saisissez votre adresse e-mail', 'Envoyé par courriel à ', 'Par e-mail']);
  });

  it('no French string of src/ says « e-mail », « courriel » or « email »', () => {
    const offending = files(SRC, '.ts')
      .filter((f) => !READS_PEOPLE.has(relative(ROOT, f)))
      .flatMap((f) =>
        stringsOf(f)
          .filter(offends)
          .map((s) => `${relative(ROOT, f)}: ${s}`),
      );
    expect(offending).toEqual([]);
  });

  it('nor does the assistant’s knowledge', () => {
    const offending = files(join(SRC, 'assistant', 'knowledge'), '.json').flatMap((f) =>
      (JSON.parse(readFileSync(f, 'utf8')) as { title: string; answer: unknown; sources?: { title: string }[] }[])
        .flatMap((e) => [e.title, ...jsonStrings(e.answer), ...(e.sources ?? []).map((x) => x.title)])
        .filter((s) => FORBIDDEN.test(s))
        .map((s) => `${relative(ROOT, f)}: ${s}`),
    );
    expect(offending).toEqual([]);
  });
});
