import type { TestCitizen } from './citizens';

/** Title shown on every page of the stand-in, so nobody mistakes it for the real service. */
export const STANDIN_TITLE = "Fournisseur d'identité de démonstration — FranceConnect (simulation)";

export function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:0;color:#161616;background:#f6f6f6;line-height:1.5}
header{background:#000091;color:#fff;padding:1rem 1.5rem}
header p{margin:.25rem 0 0;font-size:.95rem}
main{max-width:44rem;margin:1.5rem auto;background:#fff;padding:1.5rem;border:1px solid #ddd}
h1{font-size:1.4rem;margin:0}
h2{font-size:1.2rem}
fieldset{border:0;padding:0;margin:0 0 1rem}
legend{font-weight:700;margin-bottom:.5rem}
.choice{display:flex;gap:.5rem;align-items:flex-start;padding:.5rem;border-bottom:1px solid #eee}
.choice input{margin-top:.35rem;width:1.1rem;height:1.1rem}
.hint{display:block;color:#3a3a3a;font-size:.9rem}
button{font:inherit;padding:.5rem 1rem;border:2px solid #000091;cursor:pointer}
.primary{background:#000091;color:#fff}
.secondary{background:#fff;color:#000091}
button:focus,input:focus{outline:3px solid #0a76f6;outline-offset:2px}
.actions{display:flex;gap:1rem;flex-wrap:wrap;margin-top:1rem}
.warning{background:#fff4e5;border-left:4px solid #b34000;padding:.75rem 1rem}
.error{border-left:4px solid #ce0500;padding:.75rem 1rem;background:#fef4f4}
code{background:#eee;padding:0 .25rem}
`;

function layout(pageTitle: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(pageTitle)} — ${escapeHtml(STANDIN_TITLE)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p><strong>${escapeHtml(STANDIN_TITLE)}</strong></p>
<p>Service de test : aucune donnée réelle n'est utilisée.</p>
</header>
<main id="contenu">
${body}
</main>
</body>
</html>`;
}

function describeBirth(c: TestCitizen): string {
  const [y, m, d] = c.birthdate.split('-');
  const date = m === '00' ? `année ${y} (jour et mois inconnus)` : d === '00' ? `${m}/${y} (jour inconnu)` : `${d}/${m}/${y}`;
  const place = c.birthplace ? `commune INSEE ${c.birthplace}` : `pays INSEE ${c.birthcountry}`;
  return `${c.gender === 'female' ? 'née' : 'né'} le ${date}, ${place}`;
}

export interface LoginPageInput {
  /** Path prefix of the provider routes, e.g. `/api/v2`. */
  routePrefix: string;
  interactionId: string;
  csrfToken: string;
  clientName: string;
  citizens: readonly TestCitizen[];
  errorMessage?: string;
}

export function renderLoginPage(input: LoginPageInput): string {
  const base = `${input.routePrefix}/interaction/${encodeURIComponent(input.interactionId)}`;
  const choices = input.citizens
    .map((c, i) => {
      const id = `citoyen-${i}`;
      const usage = c.preferred_username ? ` (nom d'usage ${c.preferred_username})` : '';
      return `<div class="choice">
<input type="radio" name="citizenId" id="${id}" value="${escapeHtml(c.id)}" aria-describedby="${id}-aide"${i === 0 ? ' required' : ''}>
<label for="${id}"><strong>${escapeHtml(c.given_name)} ${escapeHtml(c.family_name)}</strong>${escapeHtml(usage)}
<span class="hint" id="${id}-aide">${escapeHtml(c.description)} — ${escapeHtml(describeBirth(c))}</span></label>
</div>`;
    })
    .join('\n');
  const error = input.errorMessage ? `<div class="error" role="alert"><p>${escapeHtml(input.errorMessage)}</p></div>` : '';
  return layout(
    'Choisir un citoyen de test',
    `<h1>Se connecter avec une identité de test</h1>
<p class="warning">Ceci est une simulation de FranceConnect destinée au développement et aux tests.
Le service <strong>${escapeHtml(input.clientName)}</strong> demande à vérifier votre identité.</p>
${error}
<form method="post" action="${base}/login">
<input type="hidden" name="interactionId" value="${escapeHtml(input.interactionId)}">
<input type="hidden" name="csrfToken" value="${escapeHtml(input.csrfToken)}">
<fieldset>
<legend>Choisissez le citoyen de test avec lequel vous connecter</legend>
${choices}
</fieldset>
<div class="actions"><button type="submit" class="primary">Se connecter</button></div>
</form>
<form method="post" action="${base}/cancel">
<input type="hidden" name="interactionId" value="${escapeHtml(input.interactionId)}">
<input type="hidden" name="csrfToken" value="${escapeHtml(input.csrfToken)}">
<div class="actions"><button type="submit" class="secondary">Annuler</button></div>
</form>`,
  );
}

export function renderErrorPage(input: { title: string; message: string; code: string }): string {
  return layout(
    input.title,
    `<h1>${escapeHtml(input.title)}</h1>
<div class="error" role="alert"><p>${escapeHtml(input.message)}</p></div>
<p>Code de l'erreur : <code>${escapeHtml(input.code)}</code></p>
<p>Retournez sur le service que vous utilisiez et recommencez la connexion.</p>`,
  );
}

/**
 * The end-session page: oidc-provider's confirmation form (with its anti-forgery token), answered
 * « oui » and submitted by itself, as FranceConnect does; a button when JavaScript is off.
 */
export function renderLogoutPage(form: string): string {
  const confirmed = form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
  return layout(
    'Déconnexion',
    `<h1>Déconnexion de FranceConnect</h1>
<p>Vous allez être déconnecté(e) de FranceConnect puis renvoyé(e) vers le service.</p>
${confirmed}
<div class="actions"><button type="submit" class="primary" form="op.logoutForm">Continuer</button></div>
<script>document.getElementById('op.logoutForm').submit();</script>`,
  );
}

/** After a logout without a return address. */
export function renderLoggedOutPage(): string {
  return layout('Déconnecté(e)', '<h1>Vous êtes déconnecté(e) de FranceConnect</h1><p>Vous pouvez fermer cette page.</p>');
}
