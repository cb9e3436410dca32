import type { FieldError } from '../../errors/app-error';
import { attr, html, raw, type HtmlValue, type SafeHtml } from './html';

/**
 * GOV.UK Frontend components as typed functions (the markup of the design system, texts in French).
 * Every form field takes the errors of the form, shows its own at the field and keeps the value typed.
 */
export type Errors = readonly FieldError[] | undefined;

export function errorFor(errors: Errors, field: string): FieldError | undefined {
  return errors?.find((e) => e.field === field);
}

/** `aria-describedby` of a field: its hint, then its error, when it has them. */
function describedBy(name: string, hint: HtmlValue | undefined, e: FieldError | undefined): SafeHtml {
  const ids = [hint ? `${name}-hint` : '', e ? `${name}-error` : ''].filter(Boolean).join(' ');
  return attr('aria-describedby', ids || undefined);
}

/** The hint of a field, if any. */
function hintOf(name: string, hint: HtmlValue | undefined): SafeHtml | '' {
  return hint ? html`<div id="${name}-hint" class="govuk-hint">${hint}</div>` : '';
}

interface LabelledFieldOptions {
  name: string;
  label: HtmlValue;
  hint?: HtmlValue;
  errors?: Errors;
  labelSize?: 'l' | 'm' | 's';
  /** the label is the page's heading (one question on the page) */
  labelIsPageHeading?: boolean;
}

/** A form group of one labelled field: its label, hint and error, then the field itself (given its error). */
function labelledField(o: LabelledFieldOptions, field: (e: FieldError | undefined) => SafeHtml): SafeHtml {
  const e = errorFor(o.errors, o.name);
  return html`<div class="govuk-form-group${e ? ' govuk-form-group--error' : ''}">
  ${
    o.labelIsPageHeading
      ? html`<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="${o.name}">${o.label}</label></h1>`
      : html`<label class="govuk-label${o.labelSize ? ` govuk-label--${o.labelSize}` : ''}" for="${o.name}">${o.label}</label>`
  }
  ${hintOf(o.name, o.hint)}
  ${errorMessage(o.name, e)}
  ${field(e)}
</div>`;
}

/** The error summary: each error links to its field; an error of the whole form (field `form`) is plain text. */
export function errorSummary(errors: Errors): SafeHtml {
  if (!errors?.length) return html``;
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1">
  <div role="alert">
    <h2 class="govuk-error-summary__title">Il y a un problème</h2>
    <div class="govuk-error-summary__body">
      <ul class="govuk-list govuk-error-summary__list">
        ${errors.map((e) => (e.field === 'form' ? html`<li>${e.message}</li>` : html`<li><a href="#${e.field}">${e.message}</a></li>`))}
      </ul>
    </div>
  </div>
</div>`;
}

function errorMessage(id: string, e: FieldError | undefined): SafeHtml {
  if (!e) return html``;
  return html`<p id="${id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Erreur :</span> ${e.message}</p>`;
}

export interface InputOptions {
  name: string;
  label: string;
  value?: string | null | undefined;
  hint?: HtmlValue;
  type?: 'text' | 'email' | 'tel' | 'password' | 'number';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'tel' | 'email';
  spellcheck?: boolean;
  widthClass?: string;
  errors?: Errors;
  labelIsPageHeading?: boolean;
  maxlength?: number;
  extraAttributes?: SafeHtml;
  optional?: boolean;
  /** a unit shown after the field (« € », « m² »), GOV.UK's input suffix */
  suffix?: string;
}

export function textInput(o: InputOptions): SafeHtml {
  return labelledField({ ...o, label: html`${o.label}${o.optional ? ' (facultatif)' : ''}` }, (e) => {
    const input = html`<input class="govuk-input${o.widthClass ? ` ${o.widthClass}` : ''}${e ? ' govuk-input--error' : ''}" id="${o.name}" name="${o.name}" type="${o.type ?? 'text'}"${attr('value', o.type === 'password' ? undefined : (o.value ?? undefined))}${attr('autocomplete', o.autocomplete)}${attr('inputmode', o.inputmode)}${attr('spellcheck', o.spellcheck === undefined ? undefined : String(o.spellcheck))}${attr('maxlength', o.maxlength)}${describedBy(o.name, o.hint, e)}${o.extraAttributes ?? ''}>`;
    return o.suffix
      ? html`<div class="govuk-input__wrapper">${input}<div class="govuk-input__suffix" aria-hidden="true">${o.suffix}</div></div>`
      : input;
  });
}

export interface TextareaOptions {
  name: string;
  label: HtmlValue;
  value?: string | null | undefined;
  hint?: HtmlValue;
  rows?: number;
  errors?: Errors;
  labelSize?: 'l' | 'm' | 's';
}

/** A multi-line field (GOV.UK « Textarea »), with its error and the text kept as typed. */
export function textarea(o: TextareaOptions): SafeHtml {
  return labelledField(
    o,
    (e) =>
      html`<textarea class="govuk-textarea${e ? ' govuk-textarea--error' : ''}" id="${o.name}" name="${o.name}" rows="${o.rows ?? 8}"${describedBy(o.name, o.hint, e)}>${o.value ?? ''}</textarea>`,
  );
}

export interface SelectOptions {
  name: string;
  label: HtmlValue;
  hint?: HtmlValue;
  options: { value: string; label: string }[];
  value?: string | null | undefined;
  errors?: Errors;
}

/** A list to choose one item from (GOV.UK « Select »): for long lists only; radios otherwise. */
export function select(o: SelectOptions): SafeHtml {
  return labelledField(
    o,
    (e) =>
      html`<select class="govuk-select${e ? ' govuk-select--error' : ''}" id="${o.name}" name="${o.name}"${describedBy(o.name, o.hint, e)}>
    ${o.options.map((x) => html`<option value="${x.value}"${attr('selected', x.value === (o.value ?? ''))}>${x.label}</option>`)}
  </select>`,
  );
}

export interface Choice {
  value: string;
  label: HtmlValue;
  hint?: HtmlValue;
  /** markup revealed when this choice is selected (GOV.UK conditional reveal; always visible without JS) */
  conditional?: SafeHtml;
}

export interface ChoiceOptions {
  name: string;
  legend: HtmlValue;
  legendIsPageHeading?: boolean;
  legendSize?: 'l' | 'm' | 's';
  hint?: HtmlValue;
  choices: Choice[];
  value?: string | readonly string[] | null | undefined;
  errors?: Errors;
  inline?: boolean;
}

function choiceGroup(kind: 'radios' | 'checkboxes', o: ChoiceOptions): SafeHtml {
  const e = errorFor(o.errors, o.name);
  const selected = new Set(Array.isArray(o.value) ? o.value : o.value ? [o.value as string] : []);
  const type = kind === 'radios' ? 'radio' : 'checkbox';
  const size = o.legendSize ?? (o.legendIsPageHeading ? 'l' : 'm');
  return html`<div class="govuk-form-group${e ? ' govuk-form-group--error' : ''}">
  <fieldset class="govuk-fieldset"${describedBy(o.name, o.hint, e)}>
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--${size}">
      ${o.legendIsPageHeading ? html`<h1 class="govuk-fieldset__heading">${o.legend}</h1>` : o.legend}
    </legend>
    ${hintOf(o.name, o.hint)}
    ${errorMessage(o.name, e)}
    <div class="govuk-${kind}${o.inline ? ` govuk-${kind}--inline` : ''}" data-module="govuk-${kind}">
      ${o.choices.map((c, i) => {
        const id = i === 0 ? o.name : `${o.name}-${i + 1}`;
        return html`<div class="govuk-${kind}__item">
        <input class="govuk-${kind}__input" id="${id}" name="${o.name}" type="${type}" value="${c.value}"${attr('checked', selected.has(c.value))}${attr('aria-describedby', c.hint ? `${id}-hint` : undefined)}${attr('data-aria-controls', c.conditional ? `conditional-${id}` : undefined)}>
        <label class="govuk-label govuk-${kind}__label" for="${id}">${c.label}</label>
        ${c.hint ? html`<div id="${id}-hint" class="govuk-hint govuk-${kind}__hint">${c.hint}</div>` : ''}
      </div>
      ${c.conditional ? html`<div class="govuk-${kind}__conditional${selected.has(c.value) ? '' : ` govuk-${kind}__conditional--hidden`}" id="conditional-${id}">${c.conditional}</div>` : ''}`;
      })}
    </div>
  </fieldset>
</div>`;
}

export const radios = (o: ChoiceOptions): SafeHtml => choiceGroup('radios', o);
export const checkboxes = (o: ChoiceOptions): SafeHtml => choiceGroup('checkboxes', o);

export interface DateInputOptions {
  name: string;
  legend: HtmlValue;
  hint?: HtmlValue;
  value?: { day?: string; month?: string; year?: string } | undefined;
  errors?: Errors;
  /** true for the person's own birth date only: bday-* autocomplete (never on an address or separation date) */
  birthday?: boolean;
  legendIsPageHeading?: boolean;
}

/** Three fields `${name}-day`, `${name}-month`, `${name}-year`; the error is attached to `${name}`. */
export function dateInput(o: DateInputOptions): SafeHtml {
  const e = errorFor(o.errors, o.name);
  const part = (p: 'day' | 'month' | 'year', label: string, width: string, ac: string) =>
    html`<div class="govuk-date-input__item"><div class="govuk-form-group">
      <label class="govuk-label govuk-date-input__label" for="${p === 'day' ? o.name : `${o.name}-${p}`}">${label}</label>
      <input class="govuk-input govuk-date-input__input ${width}${e ? ' govuk-input--error' : ''}" id="${p === 'day' ? o.name : `${o.name}-${p}`}" name="${o.name}-${p}" type="text" inputmode="numeric"${attr('autocomplete', o.birthday ? ac : undefined)}${attr('value', o.value?.[p])}>
    </div></div>`;
  return html`<div class="govuk-form-group${e ? ' govuk-form-group--error' : ''}">
  <fieldset class="govuk-fieldset" role="group"${describedBy(o.name, o.hint, e)}>
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--${o.legendIsPageHeading ? 'l' : 'm'}">${o.legendIsPageHeading ? html`<h1 class="govuk-fieldset__heading">${o.legend}</h1>` : o.legend}</legend>
    ${hintOf(o.name, o.hint)}
    ${errorMessage(o.name, e)}
    <div class="govuk-date-input">
      ${part('day', 'Jour', 'govuk-input--width-2', 'bday-day')}
      ${part('month', 'Mois', 'govuk-input--width-2', 'bday-month')}
      ${part('year', 'Année', 'govuk-input--width-4', 'bday-year')}
    </div>
  </fieldset>
</div>`;
}

export function button(text: string, o: { secondary?: boolean; name?: string; value?: string; id?: string } = {}): SafeHtml {
  return html`<button type="submit" class="govuk-button${o.secondary ? ' govuk-button--secondary' : ''}" data-module="govuk-button"${attr('name', o.name)}${attr('value', o.value)}${attr('id', o.id)}>${text}</button>`;
}

export function linkButton(text: string, href: string, o: { secondary?: boolean; start?: boolean } = {}): SafeHtml {
  return html`<a href="${href}" role="button" draggable="false" class="govuk-button${o.secondary ? ' govuk-button--secondary' : ''}${o.start ? ' govuk-button--start' : ''}" data-module="govuk-button">${text}${o.start ? raw('<svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false"><path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/></svg>') : ''}</a>`;
}

export function backLink(href: string, text = 'Retour'): SafeHtml {
  return html`<a href="${href}" class="govuk-back-link">${text}</a>`;
}

/** A POST form with its CSRF token. `novalidate`: the server's French messages are the reference. */
export function form(o: { action: string; csrfToken: string; id?: string }, body: HtmlValue): SafeHtml {
  return html`<form method="post" action="${o.action}" novalidate${attr('id', o.id)}>
  <input type="hidden" name="_csrf" value="${o.csrfToken}">
  ${body}
</form>`;
}

export interface SummaryRow {
  key: string;
  value: HtmlValue;
  /** the action link: « Modifier » unless `label` says otherwise */
  change?: { href: string; hiddenText: string; label?: string };
}

export function summaryList(rows: SummaryRow[]): SafeHtml {
  // A row without an action among rows with one keeps the columns aligned (GOV.UK's --no-actions).
  const someActions = rows.some((r) => r.change);
  return html`<dl class="govuk-summary-list">
  ${rows.map(
    (r) => html`<div class="govuk-summary-list__row${someActions && !r.change ? ' govuk-summary-list__row--no-actions' : ''}">
    <dt class="govuk-summary-list__key">${r.key}</dt>
    <dd class="govuk-summary-list__value">${r.value}</dd>
    ${r.change ? html`<dd class="govuk-summary-list__actions"><a class="govuk-link" href="${r.change.href}">${r.change.label ?? 'Modifier'}${r.change.hiddenText ? html`<span class="govuk-visually-hidden"> ${r.change.hiddenText}</span>` : ''}</a></dd>` : ''}
  </div>`,
  )}
</dl>`;
}

/**
 * A GOV.UK table in a region that scrolls sideways on a narrow screen (named `label` for screen
 * readers): its caption (visually hidden), the column headers, then one row of cells per item.
 */
export function table(o: { label: string; caption: string; head: HtmlValue[]; rows: HtmlValue[][] }): SafeHtml {
  return html`<div class="mc-table-scroll" role="region" aria-label="${o.label}" tabindex="0">
<table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">${o.caption}</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    ${o.head.map((h) => html`<th scope="col" class="govuk-table__header">${h}</th>`)}
  </tr></thead>
  <tbody class="govuk-table__body">
    ${o.rows.map((r) => html`<tr class="govuk-table__row">${r.map((c) => html`<td class="govuk-table__cell">${c}</td>`)}</tr>`)}
  </tbody>
</table>
</div>`;
}

export function notificationBanner(o: { title?: string; success?: boolean; body: HtmlValue }): SafeHtml {
  return html`<div class="govuk-notification-banner${o.success ? ' govuk-notification-banner--success' : ''}" role="${o.success ? 'alert' : 'region'}" aria-labelledby="govuk-notification-banner-title" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="govuk-notification-banner-title">${o.title ?? (o.success ? 'Succès' : 'Important')}</h2></div>
  <div class="govuk-notification-banner__content">${o.body}</div>
</div>`;
}

/** A page's content under its title as the <h1> (the layout's <title> says the same). */
export function titled(title: string, body: HtmlValue): SafeHtml {
  return html`<h1 class="govuk-heading-l">${title}</h1>
${body}`;
}

export function panel(title: string, body?: HtmlValue): SafeHtml {
  return html`<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">${title}</h1>${body ? html`<div class="govuk-panel__body">${body}</div>` : ''}</div>`;
}

/**
 * A masked IBAN (as maskIban writes it): one piece on its line, never broken inside
 * its mask (styles.scss `.mc-nowrap`).
 */
export function maskedIban(masked: string): SafeHtml {
  return html`<span class="mc-nowrap">${masked}</span>`;
}

export function insetText(body: HtmlValue): SafeHtml {
  return html`<div class="govuk-inset-text">${body}</div>`;
}

export function details(summary: string, body: HtmlValue, open = false): SafeHtml {
  return html`<details class="govuk-details"${attr('open', open)}><summary class="govuk-details__summary"><span class="govuk-details__summary-text">${summary}</span></summary><div class="govuk-details__text">${body}</div></details>`;
}

export function warningText(text: HtmlValue): SafeHtml {
  return html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Attention</span> ${text}</strong></div>`;
}

/** « Étape 2 sur 6 » with a progress bar made of segments (no inline style: the CSP forbids them). */
export function stepIndicator(current: number, total: number, title: string): SafeHtml {
  const segments = Array.from(
    { length: total },
    (_, i) => html`<span class="mc-steps__segment${i < current ? ' mc-steps__segment--done' : ''}"></span>`,
  );
  return html`<div class="mc-steps"><span class="govuk-caption-m">Étape ${current} sur ${total} — ${title}</span><span class="mc-steps__progress" aria-hidden="true">${segments}</span></div>`;
}
