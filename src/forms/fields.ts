import { maskIban, parseIban } from '../identity/iban';
import { checkName, nameErrorCode, nameErrors, nameRefusalMessage } from '../identity/names';
import type { Question } from './definition';

/**
 * Reading one question's input into its stored value, with a French message at the field when it
 * cannot be read (GOV.UK's error-message patterns: « Saisissez… », « … doit être… »), and the
 * reverse: a stored value back into what the field shows, and into words for the recap.
 */
export type Input = Record<string, string | string[] | undefined>;
export type Read = { ok: true; value: unknown } | { ok: false; message: string } | { ok: true; value: undefined };

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What a question names is plural (« les autres ressources »): the verb agrees with it. */
const plural = (q: Pick<Question, 'name'>) => /^les\s/i.test(q.name);
const must = (q: Pick<Question, 'name'>) => (plural(q) ? 'doivent' : 'doit');

/** A message at a field is a sentence: it ends with a full stop (« … par exemple 450 ou 450,50. »). */
export function sentence(message: string): string {
  return /[.?!…]$/.test(message) ? message : `${message}.`;
}
const text = (input: Input, key: string) => {
  const v = input[key];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
};

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** « 14 juillet 2026 », « 1er mars 2026 » */
export function frenchDay(day: string): string {
  return DAY.formatToParts(Date.parse(`${day}T00:00:00Z`))
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');
}

/** « 1 234,50 € » (spaces that a PDF font has: plain ones). */
export function euros(cents: number): string {
  const s = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
  return `${s.replace(/[\u202f\u00a0]/g, ' ')} €`;
}

function readDate(q: Question & { type: 'date' }, input: Input, today: string): Read {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => text(input, `${q.id}-${p}`));
  if (!d && !m && !y) return q.optional ? { ok: true, value: undefined } : { ok: false, message: `Saisissez ${q.name}` };
  const missing = [!d && 'un jour', !m && 'un mois', !y && 'une année'].filter(Boolean);
  if (missing.length) return { ok: false, message: `${cap(q.name)} ${must(q)} comporter ${missing.join(' et ')}` };
  if (!/^\d{1,2}$/.test(d!) || !/^\d{1,2}$/.test(m!) || !/^\d+$/.test(y!))
    return { ok: false, message: `${cap(q.name)} ${must(q)} être une date réelle, par exemple 27 3 2026` };
  if (y!.length !== 4) return { ok: false, message: `L’année doit comporter 4 chiffres, par exemple 2026` };
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso || Number(y) < 1900) {
    return { ok: false, message: `${cap(q.name)} ${must(q)} être une date réelle, par exemple 27 3 2026` };
  }
  if (q.when === 'past' && iso > today) return { ok: false, message: `${cap(q.name)} ${must(q)} être aujourd’hui ou dans le passé` };
  if (q.when === 'future' && iso < today) return { ok: false, message: `${cap(q.name)} ${must(q)} être aujourd’hui ou dans le futur` };
  return { ok: true, value: iso };
}

function readAmount(q: Question & { type: 'amount' }, raw: string): Read {
  const s = raw.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(s))
    return {
      ok: false,
      // (« Les autres ressources doivent être un montant » would not read: the plural says what to type)
      message: plural(q)
        ? `Saisissez ${q.name} sous la forme d’un montant en euros, par exemple 450 ou 450,50`
        : `${cap(q.name)} doit être un montant en euros, par exemple 450 ou 450,50`,
    };
  const cents = Math.round(Number(s) * 100);
  if (cents > q.max * 100)
    return { ok: false, message: `${cap(q.name)} ${plural(q) ? 'ne peuvent' : 'ne peut'} pas dépasser ${euros(q.max * 100)}` };
  return { ok: true, value: cents };
}

function readInteger(q: Question & { type: 'integer' }, raw: string): Read {
  const unit = q.unit ? ` ${q.unit}` : '';
  if (!/^\d+$/.test(raw.replace(/\s/g, '')))
    return { ok: false, message: `${cap(q.name)} ${must(q)} être un nombre entier, par exemple ${integerExample(q)}${unit}` };
  const n = Number(raw.replace(/\s/g, ''));
  if (n < q.min || n > q.max)
    return { ok: false, message: `${cap(q.name)} ${must(q)} être de ${wholeNumber(q.min)} à ${wholeNumber(q.max)}${unit}` };
  return { ok: true, value: n };
}

const wholeNumber = (n: number) => new Intl.NumberFormat('fr-FR').format(n).replace(/[\u202f\u00a0]/g, ' ');

/** An example a person would type: the question's own, else 2 (a count from 0) or the least allowed. */
function integerExample(q: Question & { type: 'integer' }): number {
  return q.example ?? (q.min === 0 ? 2 : q.min);
}

/** SIRET: 14 digits whose Luhn sum is a multiple of 10 (La Poste's establishments: digit sum multiple of 5). */
export function siretValid(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  const digits = [...siret].map(Number);
  if (siret.startsWith('356000000')) return digits.reduce((a, b) => a + b, 0) % 5 === 0;
  const sum = digits.reduce((acc, d, i) => {
    const v = i % 2 === 0 ? d * 2 : d;
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return sum % 10 === 0;
}

/** Reads one question's input; `today` is the agency's day (YYYY-MM-DD). Its message, if any, is a sentence. */
export function readQuestion(q: Question, input: Input, today: string): Read {
  const r = readAnswer(q, input, today);
  return r.ok ? r : { ok: false, message: sentence(r.message) };
}

function readAnswer(q: Question, input: Input, today: string): Read {
  // A fact of the Caf is never read from the person's input (the engine takes it from the answers).
  if (q.type === 'known') return { ok: true, value: undefined };
  if (q.type === 'date') return readDate(q, input, today);
  if (q.type === 'checkboxes') {
    const v = input[q.id];
    const values = (Array.isArray(v) ? v : v ? [v] : []).filter((x) => q.options.some((o) => o.value === x));
    if (values.length === 0) return q.optional ? { ok: true, value: [] } : { ok: false, message: `Sélectionnez ${q.name}` };
    return { ok: true, value: [...new Set(values)] };
  }
  const raw = text(input, q.id);
  if (!raw) {
    if (q.optional) return { ok: true, value: undefined };
    return {
      ok: false,
      message:
        q.type === 'radios' ? `Indiquez ${q.name}` : q.type === 'iban' ? 'Saisissez l’IBAN du compte bancaire' : `Saisissez ${q.name}`,
    };
  }
  switch (q.type) {
    case 'text':
    case 'textarea':
      if (raw.length > q.maxLength) return { ok: false, message: `${cap(q.name)} doit comporter ${q.maxLength} caractères au maximum` };
      if (q.type === 'text' && q.pattern && !q.pattern.regex.test(raw)) return { ok: false, message: q.pattern.message };
      if (q.type === 'text' && q.personName) return readPersonName(q.name, raw, q.maxLength);
      return { ok: true, value: raw };
    case 'radios':
      return q.options.some((o) => o.value === raw) ? { ok: true, value: raw } : { ok: false, message: `Indiquez ${q.name}` };
    case 'amount':
      return readAmount(q, raw);
    case 'integer':
      return readInteger(q, raw);
    case 'postcode': {
      const s = raw.replace(/\s/g, '');
      return /^\d{5}$/.test(s)
        ? { ok: true, value: s }
        : { ok: false, message: 'Le code postal doit comporter 5 chiffres, par exemple 75011' };
    }
    case 'siret': {
      const s = raw.replace(/[\s.]/g, '');
      if (!/^\d{14}$/.test(s)) return { ok: false, message: 'Le numéro SIRET doit comporter 14 chiffres, par exemple 732 829 320 00074' };
      if (!siretValid(s)) return { ok: false, message: 'Ce numéro SIRET n’existe pas : vérifiez-le sur la quittance de loyer ou le bail' };
      return { ok: true, value: s };
    }
    case 'iban': {
      const r = parseIban(raw.slice(0, 60), q.id);
      return r.ok ? { ok: true, value: r.value.value } : { ok: false, message: r.error.message };
    }
  }
}

/** A name or prénom of a person (a child, the conjoint…): the civil status's rule, and its stored form. */
function readPersonName(name: string, raw: string, max: number): Read {
  const checked = checkName(raw, max);
  if (checked.ok) return { ok: true, value: checked.value };
  const code = nameErrorCode(checked.refusal.problem, 'characters');
  const general =
    code === 'characters'
      ? `${cap(name)} ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.`
      : nameErrors[code].message;
  return { ok: false, message: nameRefusalMessage(checked.refusal, general) };
}

/** A stored value as its field shows it (the inverse of readQuestion), for prefilling a page. */
export function toInput(q: Question, value: unknown): Input {
  if (value === undefined || value === null || q.type === 'known') return {};
  if (q.type === 'date' && typeof value === 'string') {
    const [y, m, d] = value.split('-');
    return { [`${q.id}-day`]: String(Number(d)), [`${q.id}-month`]: String(Number(m)), [`${q.id}-year`]: y };
  }
  if (q.type === 'amount' && typeof value === 'number') return { [q.id]: euros(value).replace(' €', '').replace(/\s/g, '') };
  if (q.type === 'checkboxes' && Array.isArray(value)) return { [q.id]: value.map(String) };
  return { [q.id]: String(value) };
}

/** A stored value in words, for « Vérifiez vos réponses » and the accusé de réception. */
export function displayValue(q: Question, value: unknown, o: { maskIban?: boolean } = {}): string {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return 'Non renseigné';
  switch (q.type) {
    case 'date':
      return frenchDay(String(value));
    case 'amount':
      return euros(Number(value));
    case 'integer':
      return `${value}${q.unit ? ` ${q.unit}` : ''}`;
    case 'radios':
      return q.options.find((x) => x.value === value)?.label ?? String(value);
    case 'checkboxes':
      return (value as string[]).map((v) => q.options.find((x) => x.value === v)?.label ?? v).join(', ');
    case 'iban':
      return o.maskIban ? maskIban(String(value)) : String(value).replace(/(.{4})(?=.)/g, '$1 ');
    case 'known':
      return q.format === 'amount' ? euros(Number(value)) : String(value);
    case 'siret':
      return String(value).replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');
    default:
      return String(value);
  }
}
