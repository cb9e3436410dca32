/**
 * A prestation's form, as data (after GOV.UK Forms and XGovFormBuilder): sections of pages, one
 * question group per page, conditions on pages and questions, validation by question type plus a
 * few cross-field rules. One engine (./engine.ts) reads, validates and walks every form; one
 * renderer (src/http/views/form-page.ts) draws every page. No page is written by hand.
 *
 * Answers are stored by key: the question's id, or `${id}_${n}` in the n-th copy of a repeated page
 * (a child, a month…). Values are stored normalised: text as typed (trimmed), amounts in cents,
 * integers as numbers, dates as YYYY-MM-DD, IBAN in electronic format, SIRET as 14 digits, radios
 * as the option's value, checkboxes as a list of values.
 */

/** When a page or a question applies, read from the answers given so far. */
export type Condition =
  | { question: string; equals: string }
  | { question: string; in: readonly string[] }
  | { question: string; includes: string }
  /** the answer is there: for a fact the Caf already knows (`caf_…`, see `known` questions) */
  | { question: string; answered: true }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition };

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

interface QuestionBase {
  id: string;
  label: string;
  /** what the question asks, with its article, for messages: « le loyer hors charges » */
  name: string;
  hint?: string;
  /**
   * The hint instead of `hint` while the field shows a value the Caf knows and the person has not
   * confirmed yet (src/demarches/known.ts `dossierPrefill`): « the amount known to the Caf, correct it ».
   */
  prefilledHint?: string;
  optional?: boolean;
  showIf?: Condition;
  /** the HTML autocomplete token (address-line1, postal-code, name…) */
  autocomplete?: string;
}

export type Question =
  | (QuestionBase & {
      type: 'text';
      maxLength: number;
      width?: 5 | 10 | 20 | 30;
      pattern?: { regex: RegExp; message: string };
      /** a person's name or prénom: the rule of the civil status (src/identity/names.ts), stored in its NFKC form */
      personName?: true;
    })
  | (QuestionBase & { type: 'textarea'; maxLength: number })
  /** euros with cents, stored in cents; `max` in euros */
  | (QuestionBase & { type: 'amount'; max: number })
  /** `example`: a value a person would type, for the message (« par exemple 45 m² »), when min is not one */
  | (QuestionBase & { type: 'integer'; min: number; max: number; unit?: string; example?: number })
  /** `when`: past (today or before), future (today or after) */
  | (QuestionBase & { type: 'date'; when?: 'past' | 'future' })
  | (QuestionBase & { type: 'radios'; options: readonly Option[] })
  | (QuestionBase & { type: 'checkboxes'; options: readonly Option[] })
  | (QuestionBase & { type: 'postcode' })
  | (QuestionBase & { type: 'siret' })
  | (QuestionBase & { type: 'iban' })
  /**
   * What the Caf already knows (« Dites-le nous une fois »): shown to confirm, never a field. Its
   * value is set by the server under a `caf_…` key (src/demarches/known.ts), never read from what
   * the person sends; `link` leads to where it is changed (the protected change of bank details…).
   */
  | (QuestionBase & {
      type: 'known';
      format: 'text' | 'amount';
      link?: { href: string; text: string };
      /** only words of the page's title (`Page.titleWith`: the month a page is about), never shown as a row */
      inTitle?: true;
    });

export type QuestionType = Question['type'];

export type Answers = Record<string, unknown>;

/** A rule over several answers of a page (and earlier ones), with its message at one field. */
export interface PageRule {
  /** the question whose field shows the message */
  question: string;
  /** undefined when the answers are fine; otherwise the French message */
  check(answers: Answers, today: string): string | undefined;
}

export interface Page {
  /** in the page's address: /mon-espace/demarches/:id/:page */
  id: string;
  title: string;
  intro?: string;
  questions: readonly Question[];
  showIf?: Condition;
  /** one copy of the page per item: how many is the answer to `count` (at most `max`) */
  repeat?: { count: string; max: number; label: string };
  rules?: readonly PageRule[];
  /**
   * A title made with a fact of the Caf (an `inTitle` known question of the page: « septembre 2026 »),
   * `title` staying the words used while the fact is not there (a démarche sent before it existed).
   */
  titleWith?: { question: string; title: (words: string) => string };
}

export interface Section {
  id: string;
  title: string;
  pages: readonly Page[];
}

export interface FormDefinition {
  /** the prestation's slug in the catalogue */
  prestation: string;
  sections: readonly Section[];
}
