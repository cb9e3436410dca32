import type { Answers, Condition, FormDefinition, Page, Question, Section } from './definition';
import { displayValue, readQuestion, sentence, toInput, type Input } from './fields';
import { PARTNER_CIVILITY, namesPartner, partnerCivility, speakPage, textsOf } from './words';

/**
 * The one engine behind every form: which pages apply given the answers so far (conditions,
 * repeated pages), the order to walk them, reading and validating a page, what is still missing,
 * and the recap. Pure: no I/O; `today` is the agency's day (YYYY-MM-DD).
 */

/** A page as met by the person: the page of the definition, or one copy of a repeated page. */
export interface PageInstance {
  /** in the address: the page's id, or `${id}-${n}` for its n-th copy */
  key: string;
  /** the page of the definition, its texts said for the household (./words.ts: « votre conjointe ») */
  page: Page;
  section: Section;
  /** 1-based copy number of a repeated page */
  copy?: number;
  /** the title shown: « Enfant 2 : ses informations » */
  title: string;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export function holds(c: Condition | undefined, a: Answers): boolean {
  if (!c) return true;
  if ('all' in c) return c.all.every((x) => holds(x, a));
  if ('any' in c) return c.any.some((x) => holds(x, a));
  if ('not' in c) return !holds(c.not, a);
  const v = a[c.question];
  if ('answered' in c) return v !== undefined && v !== null;
  if ('equals' in c) return v === c.equals;
  if ('in' in c) return typeof v === 'string' && c.in.includes(v);
  return Array.isArray(v) && v.includes(c.includes);
}

/** The key under which a question of a page copy is stored (and named in the HTML form). */
export function answerKey(q: Question, copy?: number): string {
  return copy === undefined ? q.id : `${q.id}_${copy}`;
}

/** The question as seen in one copy: its id becomes the copy's key. */
function inCopy(q: Question, copy?: number): Question {
  return copy === undefined ? q : { ...q, id: answerKey(q, copy) };
}

/** The questions a page instance asks, given the answers so far (question conditions). */
export function questionsOf(inst: PageInstance, answers: Answers): Question[] {
  return inst.page.questions.filter((q) => holds(q.showIf, answers)).map((q) => inCopy(q, inst.copy));
}

/**
 * Every page that applies to these answers, in order, each said for the household: the partner named
 * after the civilité the answers' facts carry (./words.ts), « conjoint(e) » when it is unknown.
 */
export function visiblePages(def: FormDefinition, answers: Answers): PageInstance[] {
  const out: PageInstance[] = [];
  const partner = partnerCivility(answers);
  for (const section of def.sections) {
    for (const written of section.pages) {
      if (!holds(written.showIf, answers)) continue;
      const page = speakPage(written, partner);
      if (!page.repeat) {
        out.push({ key: page.id, page, section, title: pageTitle(page, answers) });
        continue;
      }
      const n = Math.min(Number(answers[page.repeat.count] ?? 0) || 0, page.repeat.max);
      for (let copy = 1; copy <= n; copy++)
        out.push({ key: `${page.id}-${copy}`, page, section, copy, title: `${page.repeat.label} ${copy} : ${page.title}` });
    }
  }
  return out;
}

/** The page's title, with the fact it names when the Caf gave it (« Vos ressources de septembre 2026 »). */
function pageTitle(page: Page, answers: Answers): string {
  const words = page.titleWith && answers[page.titleWith.question];
  return typeof words === 'string' && words ? page.titleWith!.title(words) : page.title;
}

/**
 * Where a page stands in its form, as « Étape x sur n »: its section among the form's sections. A
 * count of pages would change on the way (a conjoint's pages appear when the person says they live
 * as a couple); the sections do not — each always has a page that applies (test/forms/definitions.test.ts).
 */
export function formStep(def: FormDefinition, inst: PageInstance): { index: number; total: number } {
  return { index: def.sections.indexOf(inst.section) + 1, total: def.sections.length };
}

/**
 * Whether `key` names a page of the form, whether or not it applies to the answers: a page's id, or
 * `${id}-${n}` for a copy of a repeated page (1 ≤ n ≤ its maximum).
 */
export function isPageOf(def: FormDefinition, key: string): boolean {
  return def.sections.some((s) =>
    s.pages.some((p) => {
      if (!p.repeat) return p.id === key;
      const n = key.startsWith(`${p.id}-`) ? key.slice(p.id.length + 1) : '';
      return /^[1-9]\d*$/.test(n) && Number(n) <= p.repeat.max;
    }),
  );
}

export function findPage(def: FormDefinition, answers: Answers, key: string): PageInstance | undefined {
  return visiblePages(def, answers).find((p) => p.key === key);
}

/** The page after `key` among those that apply (undefined: the recap comes next). */
export function nextPage(def: FormDefinition, answers: Answers, key: string): PageInstance | undefined {
  const pages = visiblePages(def, answers);
  const i = pages.findIndex((p) => p.key === key);
  return i < 0 ? pages[0] : pages[i + 1];
}

export function previousPage(def: FormDefinition, answers: Answers, key: string): PageInstance | undefined {
  const pages = visiblePages(def, answers);
  const i = pages.findIndex((p) => p.key === key);
  return i > 0 ? pages[i - 1] : undefined;
}

export interface PageReading {
  /** the page's values, by answer key (absent optional answers are undefined) */
  values: Answers;
  problems: FieldProblem[];
}

/**
 * Reads a page's input: each question it asks (conditions read from the earlier answers merged with
 * this page's), then the page's cross-field rules. Nothing is kept from a question that is not asked.
 */
export function readPage(inst: PageInstance, input: Input, earlier: Answers, today: string): PageReading {
  const values: Answers = {};
  const problems: FieldProblem[] = [];
  // A question may depend on another of the same page: read them all first, then filter.
  const all = inst.page.questions.map((q) => inCopy(q, inst.copy));
  const firstPass: Answers = {};
  for (const q of all) {
    const r = q.type === 'known' ? { ok: true, value: earlier[q.id] } : readQuestion(q, input, today);
    if (r.ok) firstPass[q.id] = r.value;
  }
  const merged = { ...earlier, ...firstPass };
  for (const q of questionsOf(inst, merged)) {
    // What the Caf knows is the server's, never what the person sends.
    const r = q.type === 'known' ? { ok: true as const, value: earlier[q.id] } : readQuestion(q, input, today);
    if (r.ok) values[q.id] = r.value;
    else problems.push({ field: q.id, message: r.message });
  }
  if (problems.length === 0) {
    const after = { ...earlier, ...values };
    for (const rule of inst.page.rules ?? []) {
      const message = rule.check(withCopy(after, inst.copy), today);
      if (message) problems.push({ field: answerKey({ id: rule.question } as Question, inst.copy), message: sentence(message) });
    }
  }
  return { values, problems };
}

/** Rules of a repeated page read their copy's answers under the plain question ids. */
function withCopy(a: Answers, copy?: number): Answers {
  if (copy === undefined) return a;
  const out = { ...a };
  for (const [k, v] of Object.entries(a)) if (k.endsWith(`_${copy}`)) out[k.slice(0, -`_${copy}`.length)] = v;
  return out;
}

/** What a page's fields show from the stored answers. */
export function pageInput(inst: PageInstance, answers: Answers): Input {
  return Object.assign({}, ...inst.page.questions.map((q) => inCopy(q, inst.copy)).map((q) => toInput(q, answers[q.id])));
}

/** Whether the stored answers of a page are complete and valid. */
export function pageComplete(inst: PageInstance, answers: Answers, today: string): boolean {
  return readPage(inst, pageInput(inst, answers), answers, today).problems.length === 0;
}

/** The first page still to fill (undefined: every page is done, the recap can be shown). */
export function firstIncomplete(def: FormDefinition, answers: Answers, today: string): PageInstance | undefined {
  return visiblePages(def, answers).find((p) => !pageComplete(p, answers, today));
}

/**
 * The facts of the Caf a form's words use (./words.ts): the partner's civilité when a text of the
 * form names the partner. Looked up with the facts its `known` questions show, kept with what is sent.
 */
export function factsSpoken(def: FormDefinition): string[] {
  let facts = factsOfForm.get(def);
  if (!facts) {
    facts = def.sections.some((s) => s.pages.some((p) => textsOf(p).some(namesPartner))) ? [PARTNER_CIVILITY] : [];
    factsOfForm.set(def, facts);
  }
  return facts;
}
const factsOfForm = new WeakMap<FormDefinition, string[]>();

/** The answers that apply: those of visible pages and asked questions only, and the facts the form's words use (what is sent). */
export function relevantAnswers(def: FormDefinition, answers: Answers): Answers {
  const out: Answers = {};
  for (const inst of visiblePages(def, answers))
    for (const q of questionsOf(inst, answers)) if (answers[q.id] !== undefined) out[q.id] = answers[q.id];
  for (const fact of factsSpoken(def)) if (answers[fact] !== undefined) out[fact] = answers[fact];
  return out;
}

export interface RecapRow {
  pageKey: string;
  key: string;
  label: string;
  value: string;
  /** the title of the block the row is in, when its label alone is not unique (« Vos ressources de septembre 2026 ») */
  context?: string;
  /**
   * A fact the Caf knows (a `known` question), not an answer: its page cannot change it, so the
   * recap offers no « Modifier » — only the way to where it is changed, when there is one (`link`).
   */
  fact?: { link?: { href: string; text: string } };
}

export interface RecapSection {
  title: string;
  rows: RecapRow[];
}

/**
 * « Vérifiez vos réponses » and the accusé de réception: every asked question, by section — or,
 * in a section whose pages ask the same questions (each month's resources, the person's and the
 * conjoint's), by page, each block titled with its page (its month, whose), so that no two rows read
 * alike.
 */
export function recap(def: FormDefinition, answers: Answers, o: { maskIban?: boolean } = {}): RecapSection[] {
  const bySection: { title: string; pages: { title: string; rows: RecapRow[] }[] }[] = [];
  for (const inst of visiblePages(def, answers)) {
    let s = bySection.at(-1);
    if (!s || s.title !== inst.section.title) {
      s = { title: inst.section.title, pages: [] };
      bySection.push(s);
    }
    const rows: RecapRow[] = [];
    for (const q of questionsOf(inst, answers)) {
      if (q.type === 'known' && q.inTitle) continue;
      const prefix = inst.copy !== undefined ? `${inst.page.repeat!.label} ${inst.copy} – ` : '';
      rows.push({
        pageKey: inst.key,
        key: q.id,
        label: prefix + q.label,
        value: displayValue(q, answers[q.id], o),
        ...(q.type === 'known' ? { fact: q.link ? { link: q.link } : {} } : {}),
      });
    }
    s.pages.push({ title: inst.title, rows });
  }
  return bySection.flatMap((s) => {
    const labels = s.pages.flatMap((p) => p.rows.map((r) => r.label));
    if (new Set(labels).size === labels.length) return [{ title: s.title, rows: s.pages.flatMap((p) => p.rows) }];
    return s.pages.filter((p) => p.rows.length).map((p) => ({ title: p.title, rows: p.rows.map((r) => ({ ...r, context: p.title })) }));
  });
}
