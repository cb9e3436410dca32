import { describe, expect, it } from 'vitest';
import { html, raw } from '../../../src/http/views/html';
import { frenchSpaces, NBSP } from '../../../src/http/views/typography';

/** French typography in one place: the `html` templates put a non-breaking space before « : » in text, nowhere else. */
describe('a non-breaking space before « : »', () => {
  it('in the text a template writes and the texts it is given', () => {
    const motif = 'Demande acceptée';
    const out = String(html`<h2 class="govuk-heading-s">Historique :</h2><p>Motif : « ${motif} » ; ${'Dernier paiement : 460,97 €'}</p>`);
    expect(out).toBe(
      `<h2 class="govuk-heading-s">Historique${NBSP}:</h2><p>Motif${NBSP}: « Demande acceptée » ; Dernier paiement${NBSP}: 460,97 €</p>`,
    );
    expect(String(html`<ul>${['Un : 1', 'Deux : 2'].map((x) => html`<li>${x}</li>`)}</ul>`)).toBe(
      `<ul><li>Un${NBSP}: 1</li><li>Deux${NBSP}: 2</li></ul>`,
    );
  });

  it('never in an attribute, nor in what a person typed in a textarea, nor in a script or a style', () => {
    const typed = 'Bonjour : voici ma question';
    const out = String(
      html`<input class="x" value="${typed}" aria-label="Étape 1 : état civil"><textarea name="q">${typed}</textarea><style>a :hover{}</style><script type="application/json">{"a" : "${typed}"}</script><p>${typed}</p>`,
    );
    expect(out).toContain(`value="${typed}"`);
    expect(out).toContain('aria-label="Étape 1 : état civil"');
    expect(out).toContain(`<textarea name="q">${typed}</textarea>`);
    expect(out).toContain('<style>a :hover{}</style>');
    expect(out).toContain(`{"a" : "${typed}"}`);
    expect(out).toContain(`<p>Bonjour${NBSP}: voici ma question</p>`);
  });

  it('an attribute split by a value, a quote holding « > », and trusted markup kept as given', () => {
    const v = 'a : b';
    expect(String(html`<a title="x > y : ${v}" href="/z">Lien : ${v}</a>`)).toBe(
      `<a title="x > y : a : b" href="/z">Lien${NBSP}: a${NBSP}: b</a>`,
    );
    expect(String(html`<p>${raw('<b>Déjà : écrit</b>')}</p>`)).toBe('<p><b>Déjà : écrit</b></p>');
  });

  it('leaves text without « : » as the same string, and a colon without a space before it (10:00, https:)', () => {
    const s = 'Rendez-vous à 10:00 sur https://caf.fr';
    expect(frenchSpaces(s)).toBe(s);
    expect(frenchSpaces(`Déjà${NBSP}: bon`)).toBe(`Déjà${NBSP}: bon`);
  });
});
