import { type Civility, pronoun, spouse } from '../household/names';
import type { Answers, Page, Question } from './definition';

/**
 * Words of a form's texts that depend on the household: the partner, named after their civilité
 * when the household knows it (« votre conjointe », « a-t-elle »), « conjoint(e) » otherwise (a
 * partner declared in the form who is not in the dossier yet). A definition writes them as
 * placeholders — `{conjoint}`, `{il}` — in any text (title, intro, label, name, hint, option,
 * message); the engine (./engine.ts) speaks every page it hands out with the answers' facts, so
 * that pages, messages, the recap and the accusé de réception say the same words.
 *
 * The civilité is a fact of the Caf (`caf_…`, src/demarches/known.ts), kept with the answers sent:
 * what a sent démarche said is what the household was at the time.
 */
export const PARTNER_CIVILITY = 'caf_civilite_conjoint';

const WORDS: Record<string, (c: Civility | undefined) => string> = {
  /** « conjointe », « conjoint », « conjoint(e) »: the helper of the household's pages */
  conjoint: (c) => (c ? spouse(c) : 'conjoint(e)'),
  /** « elle », « il », « il ou elle » */
  il: (c) => (c ? pronoun(c) : 'il ou elle'),
};

const PLACEHOLDER = /\{(\w+)\}/g;

/** The partner's civilité the answers carry (undefined: unknown). */
export function partnerCivility(answers: Answers): Civility | undefined {
  const c = answers[PARTNER_CIVILITY];
  return c === 'M' || c === 'MME' ? c : undefined;
}

/** A text with its placeholders said for this partner; an unknown placeholder is a bug of the definition. */
export function speak(text: string, c: Civility | undefined): string {
  return text.replace(PLACEHOLDER, (_, word: string) => {
    const say = Object.hasOwn(WORDS, word) ? WORDS[word] : undefined;
    if (!say) throw new Error(`forms: unknown placeholder {${word}} in « ${text} »`);
    return say(c);
  });
}

/** Whether a text names the partner (a placeholder of theirs). */
export const namesPartner = (text: string): boolean => [...text.matchAll(PLACEHOLDER)].some((m) => Object.hasOwn(WORDS, m[1] ?? ''));

function speakQuestion(q: Question, say: (t: string) => string): Question {
  const out: Question = { ...q, label: say(q.label), name: say(q.name) };
  if (q.hint !== undefined) out.hint = say(q.hint);
  if (q.prefilledHint !== undefined) out.prefilledHint = say(q.prefilledHint);
  if ('options' in out)
    out.options = out.options.map((o) => ({ ...o, label: say(o.label), ...(o.hint !== undefined ? { hint: say(o.hint) } : {}) }));
  if (out.type === 'text' && out.pattern) out.pattern = { ...out.pattern, message: say(out.pattern.message) };
  return out;
}

/** The page with each of its texts passed through `say` (its rules' messages and its title made with a fact when they are made). */
function mapTexts(page: Page, say: (t: string) => string): Page {
  const { titleWith, rules, intro, repeat } = page;
  return {
    ...page,
    title: say(page.title),
    ...(intro !== undefined ? { intro: say(intro) } : {}),
    questions: page.questions.map((q) => speakQuestion(q, say)),
    ...(rules
      ? { rules: rules.map((r) => ({ question: r.question, check: (a: Answers, today: string) => mapDefined(r.check(a, today), say) })) }
      : {}),
    ...(titleWith ? { titleWith: { question: titleWith.question, title: (w: string) => say(titleWith.title(w)) } } : {}),
    ...(repeat ? { repeat: { ...repeat, label: say(repeat.label) } } : {}),
  };
}

const mapDefined = (s: string | undefined, f: (t: string) => string) => (s === undefined ? undefined : f(s));

/** Pages said once per civilité: the engine hands out the same objects at each call. */
const spoken = new WeakMap<Page, Map<Civility | undefined, Page>>();

/** The page with every text of it said for this partner. */
export function speakPage(page: Page, c: Civility | undefined): Page {
  const byCivility = spoken.get(page) ?? new Map<Civility | undefined, Page>();
  spoken.set(page, byCivility);
  const out = byCivility.get(c) ?? mapTexts(page, (t) => speak(t, c));
  byCivility.set(c, out);
  return out;
}

/** Every static text of a page (not its rules' messages nor its titles made with a fact, which are functions). */
export function textsOf(page: Page): string[] {
  const out: string[] = [];
  mapTexts(page, (t) => {
    out.push(t);
    return t;
  });
  return out;
}
