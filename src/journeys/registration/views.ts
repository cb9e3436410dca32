import type { FieldError } from '../../errors/app-error';
import { STEPS, backStep, stepNumber, type Step } from './machine';
import type { RegistrationFlow } from './data';
import { facts } from './data';
import { EXAMPLE_NIR, findCommune, formatNir, searchCommunes, searchCountries, type CommunePlace } from '../../identity';
import { PASSWORD_CHECKLIST_SCRIPT, passwordFields } from '../../http/views/password-fields';
import { findPrestation } from '../../prestations/catalogue';
import {
  backLink,
  button,
  checkboxes,
  dateInput,
  errorSummary,
  form,
  insetText,
  linkButton,
  notificationBanner,
  radios,
  stepIndicator,
  textInput,
  type Choice,
  type Errors,
} from '../../http/views/components';
import { html, type HtmlValue, type SafeHtml } from '../../http/views/html';
import { layout } from '../../http/views/layout';
import { CODE_HEADING, CODE_SCRIPT, CONTACT_HEADING, changeContactHelp, codeForm, contactForm } from '../contact-verification/views';
import { franceConnectButton } from '../../http/views/franceconnect';
import { REGISTRATION_STEPS } from '../../assistant/steps';
import { dataNotice } from '../../http/views/data-notice';

/** The pages of the wizard, one path per step. */
export const BASE = '/creer-mon-compte';
export const STEP_PATHS: Record<Step, string> = {
  civil_status: `${BASE}/etat-civil`,
  identity_document: `${BASE}/titre-identite`,
  contact: `${BASE}/coordonnees`,
  code: `${BASE}/code`,
  password: `${BASE}/mot-de-passe`,
  review: `${BASE}/recapitulatif`,
};
export const DONE_PATH = `${BASE}/compte-cree`;
export const pathOf = (s: Step | 'completed'): string => (s === 'completed' ? DONE_PATH : STEP_PATHS[s]);

export type Values = Record<string, string | undefined>;

interface StepFrame {
  step: Step;
  flow: RegistrationFlow;
  heading: string;
  errors?: Errors;
  scripts?: string[];
  stylesheets?: string[];
}

export function stepPage(f: StepFrame, body: HtmlValue): SafeHtml {
  const n = stepNumber(f.step);
  const back = backStep(f.step, facts(f.flow));
  return layout(
    {
      title: `${f.heading} – Étape ${n.current} sur ${n.total} – Créer Mon Compte`,
      hasErrors: !!f.errors?.length,
      backLink: html`<nav aria-label="Étapes précédentes">${backLink(back ? STEP_PATHS[back] : BASE)}</nav>`,
      scripts: ['/assets/js/conditional-reveal.js', ...(f.scripts ?? [])],
      step: REGISTRATION_STEPS[f.step],
      ...(f.stylesheets ? { stylesheets: f.stylesheets } : {}),
    },
    html`${errorSummary(f.errors)}
${stepIndicator(n.current, n.total, n.title)}
${body}`,
  );
}

export function prestationLine(slug: string | undefined): SafeHtml {
  const p = findPrestation(slug);
  return p
    ? insetText(html`Votre demande en cours : <strong>${p.title}</strong>. Vous pourrez la faire dès que votre compte sera créé.`)
    : html``;
}

// ---------------------------------------------------------------------------------------------
// Start page

export function startPage(o: { prestation?: string | undefined; expired: boolean; resume: boolean }): SafeHtml {
  return layout(
    { title: 'Créer Mon Compte' },
    html`${o.expired ? notificationBanner({ title: 'Session expirée', body: html`<p class="govuk-notification-banner__heading">Votre session de création de compte a expiré après une heure d’inactivité.</p><p class="govuk-body">Pour protéger vos informations, elles ont été effacées. Merci de recommencer : cela ne prend que quelques minutes.</p>` }) : ''}
<h1 class="govuk-heading-xl">Créer Mon Compte</h1>
${prestationLine(o.prestation)}
<p class="govuk-body-l">Votre espace personnel vous permet de faire vos demandes de prestation en ligne et de suivre vos démarches.</p>
<h2 class="govuk-heading-m">Avant de commencer</h2>
<p class="govuk-body">Munissez-vous de :</p>
<ul class="govuk-list govuk-list--bullet">
  <li>votre numéro de sécurité sociale, si vous en avez un (il figure sur votre carte Vitale) ;</li>
  <li>votre carte d’identité, votre passeport ou votre titre de séjour, si vous en avez un ;</li>
  <li>votre téléphone portable ou votre messagerie, pour recevoir un code de vérification.</li>
</ul>
<p class="govuk-body">Cela prend environ 5 minutes, en 6 étapes. Si vous vous interrompez, vos réponses sont gardées pendant une heure.</p>
${linkButton(o.resume ? 'Reprendre' : 'Commencer', `${BASE}/nouveau`, { start: true })}
${franceConnectButton({ heading: 'Ou créer votre compte avec FranceConnect' })}
<h2 class="govuk-heading-m">Vous avez déjà un compte ?</h2>
<p class="govuk-body"><a class="govuk-link" href="/connexion">Se connecter</a></p>`,
  );
}

// ---------------------------------------------------------------------------------------------
// ④ État civil

export function civilStatusValues(flow: RegistrationFlow): Values {
  const c = flow.data.civilStatus;
  if (!c) return {};
  const [year, month, day] = c.birthDate.split('-');
  return {
    noNir: c.nir ? undefined : 'oui',
    nir: c.nir ? formatNir(c.nir) : undefined,
    civility: c.civility,
    birthName: c.birthName,
    givenNames: c.givenNames,
    'birthDate-day': day,
    'birthDate-month': month,
    'birthDate-year': year,
    birthPlaceKind: c.birthPlace.kind === 'commune' ? 'france' : 'etranger',
    communeQuery: c.birthPlace.kind === 'commune' ? c.birthPlace.name : undefined,
    communeCode: c.birthPlace.kind === 'commune' ? c.birthPlace.code : undefined,
    countryQuery: c.birthPlace.kind === 'country' ? c.birthPlace.name : undefined,
    countryCode: c.birthPlace.kind === 'country' ? c.birthPlace.code : undefined,
  };
}

/** The birth date typed, as YYYY-MM-DD when it is a real date (to search communes as they were then). */
function typedBirthDate(v: Values): string | undefined {
  const d = v['birthDate-day'] ?? '';
  const m = v['birthDate-month'] ?? '';
  const y = v['birthDate-year'] ?? '';
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return undefined;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso ? iso : undefined;
}

function communeHint(c: CommunePlace): string {
  const period = c.current ? '' : c.validTo ? ` — jusqu’en ${c.validTo.slice(0, 4)}` : ' — ancienne commune';
  return `${c.departement.name} (${c.departement.code}) — code INSEE ${c.code}${period}`;
}

export function communeResults(v: Values): CommunePlace[] {
  const q = v.communeQuery?.trim();
  if (!q) return [];
  const atDate = typedBirthDate(v);
  let results = searchCommunes(q, { limit: 20, ...(atDate ? { atDate } : {}) });
  if (results.length === 0 && atDate) results = searchCommunes(q, { limit: 20 });
  const chosen = v.communeCode;
  if (chosen && !results.some((r) => r.code === chosen)) {
    const c = findCommune(chosen, atDate);
    const found = c.ok ? c : findCommune(chosen);
    if (found.ok) results = [found.value, ...results];
  }
  return results;
}

/**
 * A place of birth searched by name: the text field (enhanced into an accessible autocomplete by
 * place-autocomplete.js), and without JavaScript a « Rechercher » button whose results come back
 * as radios to choose from.
 */
function placeSearch(o: {
  kind: 'commune' | 'pays';
  queryName: string;
  codeName: string;
  label: string;
  hint: string;
  searchLabel: string;
  legend: string;
  query: string | undefined;
  code: string | undefined;
  errors: Errors;
  results: { value: string; label: string; hint: string }[];
}): SafeHtml {
  return html`${textInput({
    name: o.queryName,
    label: o.label,
    hint: o.hint,
    value: o.query,
    errors: o.errors,
    autocomplete: 'off',
    spellcheck: false,
    extraAttributes: html` data-place-autocomplete="${o.kind}" data-place-code="${o.codeName}"`,
  })}
<div data-place-search>${button(o.searchLabel, { secondary: true, name: 'action', value: o.kind === 'commune' ? 'rechercher-commune' : 'rechercher-pays' })}</div>
${
  o.results.length
    ? html`<div data-place-results>${radios({ name: o.codeName, legend: o.legend, legendSize: 's', value: o.code, errors: o.errors, choices: o.results })}</div>`
    : ''
}`;
}

export function civilStatusPage(o: {
  flow: RegistrationFlow;
  csrfToken: string;
  values: Values;
  errors?: Errors;
  showResults: boolean;
}): SafeHtml {
  const v = o.values;
  const e = o.errors;
  const communes = o.showResults || v.communeCode ? communeResults(v) : [];
  const countries =
    (o.showResults || v.countryCode) && v.countryQuery?.trim()
      ? searchCountries(v.countryQuery, { limit: 20 }).filter((c) => c.code !== '99100')
      : [];
  const communeBlock = placeSearch({
    kind: 'commune',
    queryName: 'communeQuery',
    codeName: 'communeCode',
    label: 'Commune de naissance',
    hint: 'Saisissez le nom de la commune telle qu’elle s’appelait à votre naissance, puis choisissez-la dans la liste.',
    searchLabel: 'Rechercher la commune',
    legend: 'Choisissez votre commune de naissance',
    query: v.communeQuery,
    code: v.communeCode,
    errors: e,
    results: communes.map((c) => ({ value: c.code, label: c.name, hint: communeHint(c) })),
  });
  const countryBlock = placeSearch({
    kind: 'pays',
    queryName: 'countryQuery',
    codeName: 'countryCode',
    label: 'Pays de naissance',
    hint: 'Saisissez le nom du pays, puis choisissez-le dans la liste.',
    searchLabel: 'Rechercher le pays',
    legend: 'Choisissez votre pays de naissance',
    query: v.countryQuery,
    code: v.countryCode,
    errors: e,
    results: countries.map((c) => ({ value: c.code, label: c.label, hint: `code INSEE ${c.code}` })),
  });

  return stepPage(
    {
      step: 'civil_status',
      flow: o.flow,
      heading: 'Votre état civil',
      errors: e,
      scripts: ['/assets/js/accessible-autocomplete.min.js', '/assets/js/place-autocomplete.js'],
      stylesheets: ['/assets/accessible-autocomplete.min.css'],
    },
    html`<h1 class="govuk-heading-l">Votre état civil</h1>
${prestationLine(o.flow.data.prestation)}
<p class="govuk-body">Renseignez ces informations telles qu’elles figurent sur votre acte de naissance. Tous les champs sont obligatoires, sauf mention contraire.</p>
${form(
  { action: STEP_PATHS.civil_status, csrfToken: o.csrfToken, id: 'etat-civil' },
  html`${textInput({
    name: 'nir',
    label: 'Numéro de sécurité sociale',
    hint: `15 caractères : 13 chiffres et une clé de 2 chiffres. Il figure sur votre carte Vitale. Par exemple ${EXAMPLE_NIR}.`,
    value: v.nir,
    errors: e,
    autocomplete: 'off',
    spellcheck: false,
    widthClass: 'govuk-input--width-20',
  })}
${checkboxes({
  name: 'noNir',
  legend: html`<span class="govuk-visually-hidden">Pas de numéro de sécurité sociale</span>`,
  legendSize: 's',
  value: v.noNir,
  errors: e,
  choices: [
    {
      value: 'oui',
      label: 'Je n’ai pas de numéro de sécurité sociale',
      hint: 'Un identifiant provisoire vous sera fourni à la fin : il vous servira à vous connecter.',
    },
  ],
})}
${radios({
  name: 'civility',
  legend: 'Civilité',
  inline: true,
  value: v.civility,
  errors: e,
  choices: [
    { value: 'MME', label: 'Madame' },
    { value: 'M', label: 'Monsieur' },
  ],
})}
${textInput({ name: 'birthName', label: 'Nom de naissance', hint: 'Le nom qui figure sur votre acte de naissance.', value: v.birthName, errors: e, autocomplete: 'family-name', spellcheck: false })}
${textInput({ name: 'givenNames', label: 'Prénoms', hint: 'Tous vos prénoms, dans l’ordre de l’acte de naissance, séparés par un espace.', value: v.givenNames, errors: e, autocomplete: 'given-name', spellcheck: false })}
${dateInput({ name: 'birthDate', legend: 'Date de naissance', hint: 'Par exemple 15 6 1985', value: { day: v['birthDate-day'] ?? '', month: v['birthDate-month'] ?? '', year: v['birthDate-year'] ?? '' }, errors: e, birthday: true })}
${radios({
  name: 'birthPlaceKind',
  legend: 'Lieu de naissance',
  value: v.birthPlaceKind,
  errors: e,
  choices: [
    { value: 'france', label: 'En France (métropole ou outre-mer)', conditional: communeBlock },
    { value: 'etranger', label: 'À l’étranger', conditional: countryBlock },
  ],
})}
${dataNotice('etat-civil')}
${button('Continuer', { name: 'action', value: 'continuer' })}`,
)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// ⑤ Titre d'identité

export const DOCUMENT_KINDS = [
  {
    value: 'cni',
    label: 'Carte nationale d’identité',
    numberLabel: 'Numéro de la carte d’identité',
    hint: '9 caractères pour la carte au format carte bancaire (depuis 2021), 12 caractères pour l’ancienne carte.',
  },
  {
    value: 'passport',
    label: 'Passeport français',
    numberLabel: 'Numéro du passeport',
    hint: '9 caractères, chiffres et lettres, par exemple 12AB34567.',
  },
  {
    value: 'titre-sejour',
    label: 'Titre de séjour',
    numberLabel: 'Numéro étranger',
    hint: 'Les 10 chiffres de votre numéro étranger, inscrits sur votre titre de séjour.',
  },
] as const;

export function documentValues(flow: RegistrationFlow): Values {
  const d = flow.data.document;
  if (!d) return {};
  return d.kind === 'none' ? { documentKind: 'none' } : { documentKind: d.kind, [`documentNumber-${d.kind}`]: d.number ?? undefined };
}

export function documentPage(o: { flow: RegistrationFlow; csrfToken: string; values: Values; errors?: Errors }): SafeHtml {
  const v = o.values;
  const e = o.errors;
  const choices: Choice[] = [
    ...DOCUMENT_KINDS.map((k) => ({
      value: k.value,
      label: k.label,
      conditional: textInput({
        name: `documentNumber-${k.value}`,
        label: k.numberLabel,
        hint: k.hint,
        value: v[`documentNumber-${k.value}`],
        errors: e,
        autocomplete: 'off',
        spellcheck: false,
        widthClass: 'govuk-input--width-20',
      }),
    })),
    {
      value: 'none',
      label: 'Je ne dispose pas d’une pièce d’identité française',
      hint: 'Vous pourrez quand même créer votre compte. Votre identité sera « à confirmer » : une pièce d’identité justificative pourra vous être demandée plus tard.',
    },
  ];
  return stepPage(
    { step: 'identity_document', flow: o.flow, heading: 'Votre titre d’identité', errors: e },
    html`${form(
      { action: STEP_PATHS.identity_document, csrfToken: o.csrfToken },
      html`${radios({
        name: 'documentKind',
        legend: 'Votre titre d’identité',
        legendIsPageHeading: true,
        hint:
          o.flow.data.civilStatus?.repertoire === 'unknown'
            ? 'Indiquez le numéro de votre titre d’identité en cours de validité : il est vérifié. Votre numéro de sécurité sociale n’ayant pas été retrouvé dans le répertoire national d’identification des personnes, votre identité restera « à confirmer » : votre Caf pourra vous demander une pièce justificative.'
            : 'Indiquez le numéro de votre titre d’identité en cours de validité : il est vérifié et, s’il est reconnu, votre identité est confirmée.',
        value: v.documentKind,
        errors: e,
        choices,
      })}
${dataNotice('titre-identite')}
${button('Continuer')}`,
    )}`,
  );
}

// ---------------------------------------------------------------------------------------------
// ⑥ Coordonnées de contact

export function contactPage(o: { flow: RegistrationFlow; csrfToken: string; values: Values; errors?: Errors }): SafeHtml {
  return stepPage(
    { step: 'contact', flow: o.flow, heading: CONTACT_HEADING, errors: o.errors },
    contactForm({ action: STEP_PATHS.contact, csrfToken: o.csrfToken, values: o.values, ...(o.errors ? { errors: o.errors } : {}) }),
  );
}

// ---------------------------------------------------------------------------------------------
// ⑦ Code

export function codePage(o: {
  flow: RegistrationFlow;
  csrfToken: string;
  errors?: Errors;
  resendInSeconds: number;
  resent: boolean;
  agencyPhone: string;
}): SafeHtml {
  return stepPage(
    { step: 'code', flow: o.flow, heading: CODE_HEADING, errors: o.errors, scripts: [CODE_SCRIPT] },
    codeForm({
      action: STEP_PATHS.code,
      help: changeContactHelp(STEP_PATHS.contact),
      csrfToken: o.csrfToken,
      contact: o.flow.data.contact!,
      resendInSeconds: o.resendInSeconds,
      resent: o.resent,
      agencyPhone: o.agencyPhone,
      ...(o.errors ? { errors: o.errors } : {}),
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// ⑧ Mot de passe

export function passwordPage(o: { flow: RegistrationFlow; csrfToken: string; errors?: Errors }): SafeHtml {
  return stepPage(
    { step: 'password', flow: o.flow, heading: 'Votre mot de passe', errors: o.errors, scripts: [PASSWORD_CHECKLIST_SCRIPT] },
    html`<h1 class="govuk-heading-l">Votre mot de passe</h1>
<p class="govuk-body">Tous les champs sont obligatoires, sauf mention contraire.</p>
<p class="govuk-body">Pour votre 1<sup>re</sup> connexion, choisissez votre mot de passe personnel. Pour des raisons de sécurité, les règles suivantes doivent être respectées :</p>
<ul class="govuk-list govuk-list--bullet">
  <li>une longueur comprise entre 10 et 64 caractères ;</li>
  <li>au moins 1 chiffre ;</li>
  <li>au moins 1 lettre minuscule et 1 majuscule ;</li>
  <li>sans caractères spéciaux ni lettres accentuées (exemples : ! ? € ù é @).</li>
</ul>
${form(
  { action: STEP_PATHS.password, csrfToken: o.csrfToken },
  html`${passwordFields({ errors: o.errors })}
${button('Continuer')}`,
)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Récapitulatif and confirmation

/** Field names used in the error summary, as the service names them → as the page names them. */
export function mapErrors(errors: readonly FieldError[], o: { documentKind?: string | undefined } = {}): FieldError[] {
  return errors.map((e) =>
    e.field === 'documentNumber' ? { ...e, field: o.documentKind ? `documentNumber-${o.documentKind}` : 'documentKind' } : e,
  );
}

export { STEPS };
