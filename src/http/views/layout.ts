import { assistantWidget } from './assistant-widget';
import type { AssistantStep } from '../../assistant/steps';
import { assetUrl } from '../assets';
import { html, type HtmlValue, type SafeHtml } from './html';
import { legalFooterLinks } from './legal-footer';

export interface LayoutOptions {
  title: string;
  /** true when the page shows form errors: the title is prefixed with « Erreur : » (RGAA). */
  hasErrors?: boolean;
  /** the signed-in person, if any: changes the « Mon Compte » link */
  user?: { displayName: string } | undefined;
  backLink?: SafeHtml;
  scripts?: string[];
  stylesheets?: string[];
  /** `full` for pages with their own grid (catalogue, personal space) */
  width?: 'two-thirds' | 'full';
  /** another header (the Caf side, « Espace gestionnaire »): its brand link and its menu items */
  header?: { brand: string; href: string; items: SafeHtml };
  /** where the person is, for the assistant beside the page (src/assistant); `assistant: false` hides it */
  step?: AssistantStep;
  assistant?: false;
  /** a page search engines must not index, whose links send no referrer (the public verification page) */
  noindex?: boolean;
}

/**
 * The page frame: skip link, header with « Mon Compte » at the top of every page, main, footer.
 * Scripts are external files only (strict CSP: no inline script).
 */
export function layout(o: LayoutOptions, content: HtmlValue): SafeHtml {
  const title = `${o.hasErrors ? 'Erreur : ' : ''}${o.title} – Mon Compte – Caf`;
  const account = o.user
    ? html`<li><a class="mc-header__link" href="/mon-espace">Mon Compte <span class="govuk-visually-hidden">(${o.user.displayName})</span></a></li>`
    : html`<li><a class="mc-header__link" href="/mon-compte">Mon Compte</a></li>`;
  return html`<!DOCTYPE html>
<html lang="fr" class="govuk-template">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <meta name="theme-color" content="#114a8b">
  ${
    o.noindex
      ? html`<meta name="robots" content="noindex, nofollow">
  <meta name="referrer" content="no-referrer">`
      : ''
  }
  <link rel="icon" href="${assetUrl('/assets/favicon.svg')}" type="image/svg+xml">
  <link rel="stylesheet" href="${assetUrl('/assets/app.css')}">
  ${(o.stylesheets ?? []).map((s) => html`<link rel="stylesheet" href="${assetUrl(s)}">`)}
</head>
<body class="govuk-template__body">
  <a href="#contenu" class="govuk-skip-link" data-module="govuk-skip-link">Aller au contenu principal</a>
  <header class="mc-header" role="banner">
    <div class="govuk-width-container mc-header__inner">
      <a href="${o.header?.href ?? '/'}" class="mc-header__brand">Caf <span aria-hidden="true">·</span> ${o.header?.brand ?? 'Mon Compte'}</a>
      <nav aria-label="Menu principal">
        <ul class="mc-header__nav">
          ${
            o.header?.items ??
            html`<li><a class="mc-header__link" href="/aides-et-demarches">Aides et démarches</a></li>
          ${account}`
          }
        </ul>
      </nav>
    </div>
  </header>
  <div class="govuk-width-container">
    ${o.backLink ?? ''}
    <main class="govuk-main-wrapper" id="contenu" role="main">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-${o.width ?? 'two-thirds'}">
          ${content}
        </div>
      </div>
    </main>
  </div>
  ${o.assistant === false ? '' : assistantWidget(o.step)}
  <footer class="govuk-footer" role="contentinfo">
    <div class="govuk-width-container">
      <div class="govuk-footer__meta">
        <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
          <h2 class="govuk-visually-hidden">Liens utiles</h2>
          <ul class="govuk-footer__inline-list">
            <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/aide">Aide et contact</a></li>
            ${legalFooterLinks}
          </ul>
          <p class="mc-footer__caf">Caisse d’allocations familiales — l’espace personnel Mon Compte.</p>
        </div>
      </div>
    </div>
  </footer>
  <script type="module" src="${assetUrl('/assets/js/govuk-frontend.min.js')}"></script>
  <script type="module" src="${assetUrl('/assets/js/app.js')}"></script>
  ${(o.scripts ?? []).map((s) => html`<script src="${assetUrl(s)}" defer></script>`)}
</body>
</html>`;
}
