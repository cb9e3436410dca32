import type { FastifyRequest } from 'fastify';
import { displayName } from '../../accounts/repository';
import { AGENT_PATH } from '../../http/agent-session';
import type { AccountState } from './assistance';
import { maskedIdentifier } from './assistance';
import { describeUserAgent } from '../../auth/audit';
import type { FieldError } from '../../errors/app-error';
import { describeDestination, maskDestination } from '../../accounts/destination';
import { maskIban } from '../../identity/iban';
import { IDENTITY_DOCUMENTS } from '../recovery/counter';
import { frenchDuration } from '../../security/login-throttle';
import type { Account } from '../../accounts/repository';
import { backLink, button, errorSummary, form, maskedIban, radios, summaryList, textInput } from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';
import { type ContactWords, contactFields, formatDateTime, successBanner } from '../../http/views/account-page';
import { agentPage } from './frame';

/** The pages of the assistance console (routes in ./accounts.ts). Never a code, never a password. */
export const ACCOUNTS_PATH = `${AGENT_PATH}/comptes`;
export const accountPath = (id: string) => `${ACCOUNTS_PATH}/${encodeURIComponent(id)}`;

export const DONE: Record<string, string> = {
  sessions: 'Les sessions de la personne ont été fermées.',
  limitation: 'La limitation de connexion a été levée.',
  recuperation: 'Un code a été envoyé aux nouvelles coordonnées. La personne termine sur Mon Compte, rubrique « Récupération au guichet ».',
  iban: 'Le compte bancaire est confirmé : les prochains paiements y seront versés.',
};

const reasonField = (v: { reason?: string; errors?: FieldError[] }) =>
  textInput({
    name: 'motif',
    label: 'Motif de la consultation',
    hint: 'Par exemple : appel de la personne, rendez-vous à l’accueil. Ce motif est enregistré avec votre nom.',
    value: v.reason,
    errors: v.errors,
    maxlength: 300,
  });

export function searchPage(
  req: FastifyRequest,
  v: { identifier?: string; reason?: string; errors?: FieldError[]; result?: Account | null },
): SafeHtml {
  return agentPage(
    req,
    { title: 'Rechercher un compte', hasErrors: !!v.errors?.length },
    html`${errorSummary(v.errors)}
<h1 class="govuk-heading-l">Rechercher un compte</h1>
<p class="govuk-body">Chaque recherche et chaque consultation sont enregistrées avec votre nom et leur motif.</p>
${form(
  { action: ACCOUNTS_PATH, csrfToken: req.csrfToken },
  html`${textInput({ name: 'identifiant', label: 'Numéro de sécurité sociale ou identifiant provisoire', value: v.identifier, errors: v.errors, spellcheck: false, autocomplete: 'off', maxlength: 40, widthClass: 'govuk-input--width-20' })}
${reasonField(v)}
${button('Rechercher')}`,
)}
${v.result === null ? html`<p class="govuk-body" id="resultat">Aucun compte ne correspond à cet identifiant.</p>` : ''}
${
  v.result
    ? html`<table class="govuk-table" id="resultat">
  <caption class="govuk-table__caption govuk-table__caption--m">Résultat</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    <th scope="col" class="govuk-table__header">Identifiant</th>
    <th scope="col" class="govuk-table__header">Nom</th>
    <th scope="col" class="govuk-table__header">Né(e) le</th>
    <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Action</span></th>
  </tr></thead>
  <tbody class="govuk-table__body"><tr class="govuk-table__row">
    <td class="govuk-table__cell">${maskedIdentifier(v.result)}</td>
    <td class="govuk-table__cell">${displayName(v.result)}</td>
    <td class="govuk-table__cell">${v.result.birth_date.split('-').reverse().join('/')}</td>
    <td class="govuk-table__cell">${form(
      { action: `${accountPath(v.result.id)}/consulter`, csrfToken: req.csrfToken },
      html`<input type="hidden" name="motif" value="${v.reason ?? ''}">${button('Ouvrir la fiche', { secondary: true })}`,
    )}</td>
  </tr></tbody>
</table>`
    : ''
}`,
  );
}

/** Without a recent look: the reason first. */
export function lookPage(req: FastifyRequest, account: Account, v: { reason?: string; errors?: FieldError[] } = {}): SafeHtml {
  return agentPage(
    req,
    { title: 'Motif de la consultation', hasErrors: !!v.errors?.length, backLink: backLink(ACCOUNTS_PATH) },
    html`${errorSummary(v.errors)}
<h1 class="govuk-heading-l">Consulter le compte ${maskedIdentifier(account)}</h1>
${form({ action: `${accountPath(account.id)}/consulter`, csrfToken: req.csrfToken }, html`${reasonField(v)}${button('Consulter')}`)}`,
  );
}

const CHANNELS = { letter: 'Courrier', counter: 'Guichet', franceconnect: 'FranceConnect' } as const;

export function accountStatePage(req: FastifyRequest, s: AccountState, v: { reason: string; done?: string; now: number }): SafeHtml {
  const a = s.account;
  const path = accountPath(a.id);
  return agentPage(
    req,
    { title: `Compte de ${displayName(a)}`, width: 'full', backLink: backLink(ACCOUNTS_PATH, 'Rechercher un autre compte') },
    html`${v.done && DONE[v.done] ? successBanner(DONE[v.done]!, '') : ''}
<h1 class="govuk-heading-l">${displayName(a)}</h1>
<p class="govuk-body">Motif de votre consultation : ${v.reason}</p>
${summaryList([
  { key: a.nir ? 'Numéro de sécurité sociale' : 'Identifiant provisoire', value: a.login_id },
  { key: 'Date de naissance', value: a.birth_date.split('-').reverse().join('/') },
  {
    key: 'Coordonnées de contact',
    value: `${describeDestination(a.contact_kind, a.contact_value)} — vérifiées le ${formatDateTime(a.contact_verified_at)}`,
  },
  { key: 'Mot de passe', value: a.password_hash ? 'Défini (jamais affiché)' : 'Aucun : connexion avec FranceConnect' },
  { key: 'FranceConnect', value: a.franceconnect_sub ? 'Lié' : 'Non lié' },
  {
    key: 'Connexion limitée',
    value:
      s.throttledForMs > 0
        ? `Oui, jusqu’au ${formatDateTime(v.now + s.throttledForMs)} (encore ${frenchDuration(s.throttledForMs)})`
        : 'Non',
  },
  ...(s.dossier ? [{ key: 'Dossier allocataire', value: s.dossier.number }] : []),
])}
<h2 class="govuk-heading-m">Récupération en cours</h2>
${
  s.recoveries.length
    ? summaryList(
        s.recoveries.map((r) => ({
          key: CHANNELS[r.channel],
          value: `Commencée le ${formatDateTime(r.created_at)}${r.startedByName ? ` par ${r.startedByName}` : ''}, valable jusqu’au ${formatDateTime(r.expires_at)}${r.new_contact_kind && r.new_contact_value ? ` — nouvelles coordonnées ${maskDestination(r.new_contact_kind, r.new_contact_value)}` : ''}`,
        })),
      )
    : html`<p class="govuk-body">Aucune.</p>`
}
<h2 class="govuk-heading-m">Sessions ouvertes</h2>
${
  s.sessions.length
    ? html`<table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">Sessions ouvertes</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    <th scope="col" class="govuk-table__header">Appareil</th>
    <th scope="col" class="govuk-table__header">Connexion</th>
    <th scope="col" class="govuk-table__header">Dernière activité</th>
  </tr></thead>
  <tbody class="govuk-table__body">${s.sessions.map(
    (x) =>
      html`<tr class="govuk-table__row"><td class="govuk-table__cell">${describeUserAgent(x.userAgent)}</td><td class="govuk-table__cell">${formatDateTime(x.createdAt)}</td><td class="govuk-table__cell">${formatDateTime(x.lastSeenAt)}</td></tr>`,
  )}</tbody>
</table>
${form({ action: `${path}/sessions/fin`, csrfToken: req.csrfToken }, button('Fermer toutes ses sessions', { secondary: true }))}`
    : html`<p class="govuk-body">Aucune.</p>`
}
<h2 class="govuk-heading-m">Dernières connexions</h2>
${
  s.logins.length
    ? html`<ul class="govuk-list">${s.logins.map((e) => html`<li>${formatDateTime(e.at)} — ${describeUserAgent(e.userAgent)} — ${e.details.method === 'franceconnect' ? 'FranceConnect' : 'mot de passe'}</li>`)}</ul>`
    : html`<p class="govuk-body">Aucune.</p>`
}
${
  s.dossier?.pendingBank
    ? html`<h2 class="govuk-heading-m">Compte bancaire en attente</h2>
<p class="govuk-body">${maskedIban(maskIban(s.dossier.pendingBank.iban))}, déclaré le ${formatDateTime(s.dossier.pendingBank.recorded_at)} : ${
        s.dossier.pendingBank.effective_at === null
          ? 'retenu jusqu’à votre confirmation (déclaré avant une récupération d’accès).'
          : `versements à partir du ${formatDateTime(s.dossier.pendingBank.effective_at)}.`
      }</p>
${form(
  { action: `${path}/iban/confirmation`, csrfToken: req.csrfToken },
  html`<input type="hidden" name="iban" value="${s.dossier.pendingBank.id}">${button('Confirmer ce compte bancaire après vérification', { secondary: true })}`,
)}`
    : ''
}
<h2 class="govuk-heading-m">Actions après vérification d’identité</h2>
<ul class="govuk-list">
  <li><a class="govuk-link" href="${path}/limitation">Lever la limitation de connexion</a></li>
  <li><a class="govuk-link" href="${path}/recuperation">Récupération au guichet : enregistrer de nouvelles coordonnées</a></li>
</ul>`,
  );
}

const documentChoice = (v: { document?: string; errors?: FieldError[] }) =>
  radios({
    name: 'piece',
    legend: 'Pièce d’identité présentée',
    value: v.document,
    errors: v.errors,
    choices: Object.entries(IDENTITY_DOCUMENTS).map(([value, label]) => ({ value, label })),
  });

const identityCheckbox = (errors?: FieldError[]) => {
  const e = errors?.find((x) => x.field === 'verifiee');
  return html`<div class="govuk-form-group${e ? ' govuk-form-group--error' : ''}">
  ${e ? html`<p id="verifiee-error" class="govuk-error-message"><span class="govuk-visually-hidden">Erreur :</span> ${e.message}</p>` : ''}
  <div class="govuk-checkboxes" data-module="govuk-checkboxes"><div class="govuk-checkboxes__item">
    <input class="govuk-checkboxes__input" id="verifiee" name="verifiee" type="checkbox" value="oui"${e ? html` aria-describedby="verifiee-error"` : ''}>
    <label class="govuk-label govuk-checkboxes__label" for="verifiee">J’ai vérifié l’original de la pièce d’identité : il est valide et correspond à la personne présente.</label>
  </div></div>
</div>`;
};

export function liftPage(req: FastifyRequest, a: Account, v: { document?: string; errors?: FieldError[] } = {}): SafeHtml {
  return agentPage(
    req,
    { title: 'Lever la limitation de connexion', hasErrors: !!v.errors?.length, backLink: backLink(accountPath(a.id)) },
    html`${errorSummary(v.errors)}
<h1 class="govuk-heading-l">Lever la limitation de connexion</h1>
<p class="govuk-body">Après trop d’essais, la connexion de ${displayName(a)} est ralentie. Levez-la seulement après avoir vérifié son identité.</p>
${form({ action: `${accountPath(a.id)}/limitation`, csrfToken: req.csrfToken }, html`${documentChoice(v)}${identityCheckbox(v.errors)}${button('Lever la limitation')}`)}`,
  );
}

/** The contact an agent enters at the counter: the person's, given aloud (no autofill in the agent's browser). */
const COUNTER_CONTACT: ContactWords = {
  legend: 'Nouvelles coordonnées de contact',
  email: { choice: 'Adresse mail', hint: 'Si la personne choisit l’adresse mail' },
  sms: { choice: 'Téléphone portable', hint: 'Si la personne choisit le SMS, par exemple 06 12 34 56 78' },
  own: false,
};

export function counterPage(
  req: FastifyRequest,
  a: Account,
  v: { document?: string; kind?: string; email?: string; phone?: string; errors?: FieldError[] } = {},
): SafeHtml {
  return agentPage(
    req,
    { title: 'Récupération au guichet', hasErrors: !!v.errors?.length, backLink: backLink(accountPath(a.id)) },
    html`${errorSummary(v.errors)}
<h1 class="govuk-heading-l">Récupération au guichet</h1>
<p class="govuk-body">La personne n’a plus accès à ses coordonnées de contact. Après vérification de son identité, enregistrez celles qu’elle vous donne : un code y est envoyé. Elle termine elle-même sur Mon Compte, rubrique « Récupération au guichet », avec son identifiant et ce code, puis choisit un nouveau mot de passe. Vous ne voyez jamais le code.</p>
${form(
  { action: `${accountPath(a.id)}/recuperation`, csrfToken: req.csrfToken },
  html`${documentChoice(v)}${identityCheckbox(v.errors)}
${contactFields(v, COUNTER_CONTACT)}
${button('Envoyer un code à ces coordonnées')}`,
)}`,
  );
}
