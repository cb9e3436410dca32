import { frenchSpaces } from './typography';

/**
 * Typed, escaping HTML templates. `html\`…\`` escapes every interpolated value unless it is itself
 * `SafeHtml` (the result of another `html` call, or `raw()` for trusted markup). Arrays are joined.
 * The text between tags — the template's own and the values written there — follows French
 * typography (./typography.ts); attribute values and the contents of <script>, <style> and
 * <textarea> are left as they are.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function escapeHtml(s: string): string {
  // Most values (names, labels, numbers) hold nothing to escape: then no new string is made.
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : s;
}

/** `inText`: the value is written between tags (not in an attribute, nor in a <script>, <style>, <textarea>). */
function render(v: HtmlValue, inText: boolean): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map((x) => render(x, inText)).join('');
  const escaped = escapeHtml(String(v));
  return inText ? frenchSpaces(escaped) : escaped;
}

/** Elements whose content is not text for people, or is what a person typed: never retouched. */
const KEPT_AS_IS = new Set(['script', 'style', 'textarea']);

interface Template {
  /** the template's literal parts, their text typeset */
  parts: string[];
  /** for each value, whether it is written between tags */
  inText: boolean[];
}

/**
 * Reads a template's literal parts once (a call site always passes the same strings array): where
 * its text is, and where each value falls. Values are escaped or whole fragments, so they never
 * open or close a tag; only the literals move the reading from text to tag and back.
 */
function compile(strings: TemplateStringsArray): Template {
  let inTag = false;
  let quote: '"' | "'" | null = null;
  let tag = ''; // the tag being read, from its « < »
  let keptUntil: string | null = null; // the closing tag that ends a <script>, <style> or <textarea>
  const parts: string[] = [];
  const inText: boolean[] = [];
  for (const s of strings) {
    let out = '';
    let text = '';
    const flushText = () => {
      out += frenchSpaces(text);
      text = '';
    };
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (keptUntil) {
        if (c === '<' && s.slice(i, i + keptUntil.length).toLowerCase() === keptUntil) {
          keptUntil = null;
          inTag = true;
          tag = '';
        }
        out += c;
        continue;
      }
      if (inTag) {
        out += c;
        tag += c;
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') {
          inTag = false;
          const name = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(tag)?.[1]?.toLowerCase();
          if (name && KEPT_AS_IS.has(name) && !tag.endsWith('/>')) keptUntil = `</${name}`;
        }
        continue;
      }
      if (c === '<' && /[a-zA-Z/!]/.test(s[i + 1] ?? '')) {
        flushText();
        inTag = true;
        tag = '<';
        out += c;
        continue;
      }
      text += c;
    }
    flushText();
    parts.push(out);
    inText.push(!inTag && !keptUntil);
  }
  return { parts, inText };
}

const templates = new WeakMap<TemplateStringsArray, Template>();

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let t = templates.get(strings);
  if (!t) {
    t = compile(strings);
    templates.set(strings, t);
  }
  let out = t.parts[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i], t.inText[i]!) + (t.parts[i + 1] ?? '');
  return new SafeHtml(out);
}

/**
 * A text quoted as it was written elsewhere — a message as it was sent, for instance: escaped, but
 * not retouched by the pages' typography.
 */
export function verbatim(s: string): SafeHtml {
  return new SafeHtml(escapeHtml(s));
}

/** Markup that is trusted as is (never user input). */
export function raw(s: string): SafeHtml {
  return new SafeHtml(s);
}

/** `attr('name', value)` → ` name="value"`, or nothing when value is null/undefined/false. */
export function attr(name: string, value: string | number | boolean | null | undefined): SafeHtml {
  if (value === null || value === undefined || value === false) return raw('');
  if (value === true) return raw(` ${name}`);
  return raw(` ${name}="${escapeHtml(String(value))}"`);
}
