import type { FieldError } from '../../errors/app-error';
import type { Answers, Question } from '../../forms/definition';
import { displayValue } from '../../forms/fields';
import type { PageInstance, RecapRow, RecapSection } from '../../forms/engine';
import type { Input } from '../../forms/fields';
import { checkboxes, dateInput, errorFor, radios, summaryList, textInput, type Errors, type SummaryRow } from './components';
import { attr, html, type SafeHtml } from './html';

/**
 * The one renderer of every form page (src/forms): GOV.UK patterns, one question group per page.
 * A page of a single question makes that question the page's heading (its label or legend); a page
 * of several has the page title as heading and a label per question.
 */
const WIDTHS: Record<number, string> = {
  5: 'govuk-input--width-5',
  10: 'govuk-input--width-10',
  20: 'govuk-input--width-20',
  30: 'govuk-input--width-30',
};

function one(input: Input, key: string): string | undefined {
  const v = input[key];
  return Array.isArray(v) ? v[0] : v;
}

/** A fact the Caf already knows: its value in words (never a field), and where it is changed. */
function knownFact(q: Question & { type: 'known' }, value: unknown): SafeHtml {
  return html`<dl class="govuk-summary-list mc-known"><div class="govuk-summary-list__row">
  <dt class="govuk-summary-list__key">${q.label}</dt>
  <dd class="govuk-summary-list__value">${displayValue(q, value)}${q.hint ? html`<br><span class="govuk-hint govuk-!-margin-bottom-0">${q.hint}</span>` : ''}</dd>
  ${q.link ? html`<dd class="govuk-summary-list__actions"><a class="govuk-link" href="${q.link.href}">${q.link.text}</a></dd>` : ''}
</div></dl>`;
}

function field(q: Question, input: Input, errors: Errors, heading: boolean, answers: Answers = {}): SafeHtml {
  if (q.type === 'known') return q.inTitle ? html`` : knownFact(q, answers[q.id]);
  const common = { name: q.id, hint: q.hint, errors, optional: q.optional };
  switch (q.type) {
    case 'radios':
    case 'checkboxes': {
      const group = q.type === 'radios' ? radios : checkboxes;
      const v = input[q.id];
      return group({
        name: q.id,
        legend: q.label,
        legendIsPageHeading: heading,
        legendSize: heading ? 'l' : 'm',
        hint: q.hint,
        errors,
        value: v,
        choices: q.options.map((o) => ({ value: o.value, label: o.label, hint: o.hint })),
      });
    }
    case 'date':
      return dateInput({
        name: q.id,
        legend: q.label,
        legendIsPageHeading: heading,
        hint: q.hint,
        errors,
        birthday: false,
        value: { day: one(input, `${q.id}-day`), month: one(input, `${q.id}-month`), year: one(input, `${q.id}-year`) },
      });
    case 'textarea': {
      const e = errorFor(errors, q.id);
      return html`<div class="govuk-form-group${e ? ' govuk-form-group--error' : ''}">
  ${heading ? html`<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="${q.id}">${q.label}</label></h1>` : html`<label class="govuk-label" for="${q.id}">${q.label}</label>`}
  ${q.hint ? html`<div id="${q.id}-hint" class="govuk-hint">${q.hint}</div>` : ''}
  ${e ? html`<p id="${q.id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Erreur :</span> ${e.message}</p>` : ''}
  <textarea class="govuk-textarea${e ? ' govuk-textarea--error' : ''}" id="${q.id}" name="${q.id}" rows="5"${attr('maxlength', q.maxLength)}${attr('aria-describedby', [q.hint && `${q.id}-hint`, e && `${q.id}-error`].filter(Boolean).join(' ') || undefined)}>${one(input, q.id) ?? ''}</textarea>
</div>`;
    }
    default: {
      const o = {
        ...common,
        label: q.label,
        labelIsPageHeading: heading,
        value: one(input, q.id),
        autocomplete: q.autocomplete,
      };
      if (q.type === 'amount')
        return textInput({ ...o, inputmode: 'text', widthClass: 'govuk-input--width-10', suffix: '€', maxlength: 20, spellcheck: false });
      if (q.type === 'integer')
        return textInput({ ...o, inputmode: 'numeric', widthClass: 'govuk-input--width-4', suffix: q.unit, maxlength: 6 });
      if (q.type === 'postcode') return textInput({ ...o, inputmode: 'numeric', widthClass: 'govuk-input--width-5', maxlength: 10 });
      if (q.type === 'siret')
        return textInput({ ...o, inputmode: 'numeric', widthClass: 'govuk-input--width-20', maxlength: 20, spellcheck: false });
      if (q.type === 'iban')
        return textInput({ ...o, widthClass: 'govuk-input--width-30', maxlength: 50, spellcheck: false, autocomplete: 'off' });
      return textInput({ ...o, widthClass: q.width ? WIDTHS[q.width] : undefined, maxlength: q.maxLength });
    }
  }
}

export interface FormPageView {
  inst: PageInstance;
  questions: readonly Question[];
  input: Input;
  errors?: readonly FieldError[] | undefined;
  /** where the page stands: its section among the form's (`formStep`), « Étape 2 sur 4 » */
  step?: { index: number; total: number };
  /** shown between the heading and the fields: what the Caf already knows, a warning… */
  before?: SafeHtml;
  /** the answers so far: the facts of `known` questions are read there */
  answers?: Answers;
}

/**
 * The caption above the heading: « Étape x sur n », then the section — unless the section's title
 * is the heading's own words (no caption repeats the title).
 */
export function stepCaption(v: Pick<FormPageView, 'inst' | 'questions' | 'step'>): SafeHtml {
  const heading = v.questions.length === 1 ? v.questions[0]!.label : v.inst.title;
  const section = v.inst.section.title;
  const parts = [v.step ? `Étape ${v.step.index} sur ${v.step.total}` : '', section === heading || section === v.inst.title ? '' : section];
  const text = parts.filter(Boolean).join(' · ');
  return text ? html`<span class="govuk-caption-l">${text}</span>` : html``;
}

/** The body of a form page: caption (the step and the section), heading, intro, the fields. */
export function formFields(v: FormPageView): SafeHtml {
  const single = v.questions.length === 1;
  const caption = stepCaption(v);
  const before = v.before ?? html``;
  if (single) {
    if (v.questions[0]!.type === 'known') {
      return html`${caption}<h1 class="govuk-heading-l">${v.inst.title}</h1>${v.inst.page.intro ? html`<p class="govuk-body">${v.inst.page.intro}</p>` : ''}${before}${field(v.questions[0]!, v.input, v.errors, false, v.answers)}`;
    }
    return html`${caption}${v.inst.page.intro ? html`<p class="govuk-body">${v.inst.page.intro}</p>` : ''}${before}${field(v.questions[0]!, v.input, v.errors, true)}`;
  }
  return html`${caption}<h1 class="govuk-heading-l">${v.inst.title}</h1>
${v.inst.page.intro ? html`<p class="govuk-body">${v.inst.page.intro}</p>` : ''}
${before}
${v.questions.map((q) => field(q, v.input, v.errors, false, v.answers))}`;
}

/** « Vérifiez vos réponses »: one summary list per section, « Modifier » on each answer. */
export function recapLists(sections: RecapSection[], changeHref?: (pageKey: string) => string): SafeHtml {
  return html`${sections.map(
    (s) => html`<h2 class="govuk-heading-m">${s.title}</h2>
${summaryList(s.rows.map((r) => ({ key: r.label, value: r.value, ...(changeHref ? changeOf(r, changeHref) : {}) })))}`,
  )}`;
}

/**
 * The action of a recap row: « Modifier » leads back to the answer's page; a fact the Caf knows
 * (the household of the dossier, the salaries of the feed) is not changed there, so it has none,
 * or the link to where it is changed (« Changer de compte bancaire »).
 */
function changeOf(r: RecapRow, changeHref: (pageKey: string) => string): Pick<SummaryRow, 'change'> {
  if (!r.fact) return { change: { href: changeHref(r.pageKey), hiddenText: changeWords(r) } };
  const link = r.fact.link;
  return link ? { change: { href: link.href, label: link.text, hiddenText: '' } } : {};
}

/** What « Modifier » changes, for screen readers: the label, and its block when the label alone repeats (« … (vos ressources de septembre 2026) »). */
function changeWords(r: RecapRow): string {
  return r.context ? `${inSentence(r.label)} (${inSentence(r.context)})` : inSentence(r.label);
}

/** A label inside a sentence (« Modifier le nom du bailleur »): its first letter in lower case, unless it starts an acronym (« IBAN »). */
export function inSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}
