/**
 * French typography of the pages, applied in one place: the `html` templates (./html.ts) pass every
 * text they write between tags — their own words and the texts they are given — through
 * `frenchSpaces`. Attribute values (an input's value, a link), and the contents of <script>, <style>
 * and <textarea> (what a person typed) are never changed.
 *
 * The rule: a colon is preceded by a non-breaking space (U+00A0), so « Motif : », « Dernier
 * paiement : » never leave the colon alone at the start of a line. A view writes an ordinary space
 * (« Motif : »); the page shows the non-breaking one.
 */
export const NBSP = '\u00a0';

/** « Motif : » → « Motif\u00a0: » (the text unchanged, the same string, when there is nothing to do). */
export function frenchSpaces(text: string): string {
  return text.includes(' :') ? text.replaceAll(' :', `${NBSP}:`) : text;
}
