import { describe, expect, it } from 'vitest';
import { fold } from '../../../src/assistant/analyser';
import { allParagraphs, loadKnowledge, type Topic } from '../../../src/assistant/knowledge';
import type { AssistantStep } from '../../../src/assistant/steps';
import { STATUS_LABELS } from '../../../src/demarches/machine';
import { STATUS_LABELS as PAYMENT_STATUS_LABELS } from '../../../src/journeys/droits/views';
import { normalise, pageTexts } from './page-labels';

/**
 * Nothing the assistant says contradicts the pages: every label it quotes « … » in an answer is
 * written on the pages of the steps its topic belongs to or of the pages it names as sources (or on the shared parts of every page: the
 * layout, the FranceConnect button, the catalogue of prestations, the statuses of a démarche), and
 * every status of a démarche it names is one the product uses. The labels are read from the page
 * code itself (src/journeys/<journey>/…), so renaming a button there makes this test fail until the
 * knowledge base follows.
 */
const topics = loadKnowledge();
const texts = pageTexts();

/** The journeys whose pages a person on each step sees or is sent to. */
const PAGES_OF_STEP: Record<AssistantStep, string[]> = {
  accueil: ['public', 'registration'],
  'etat-civil': ['registration'],
  'titre-identite': ['registration'],
  contact: ['contact-verification', 'registration'],
  code: ['contact-verification', 'registration'],
  'mot-de-passe': ['registration'],
  recapitulatif: ['registration'],
  // the code step of login and « Mot de passe oublié ? » is the shared form of contact-verification (codeForm)
  connexion: ['login', 'franceconnect', 'recovery', 'password-reset', 'contact-verification'],
  'mot-de-passe-oublie': ['password-reset', 'recovery', 'login', 'contact-verification'],
  franceconnect: ['franceconnect', 'login'],
  espace: [
    'personal-space',
    'account-settings',
    'personal-data',
    'household',
    'contact-change',
    'login',
    'droits',
    'attestations',
    'contact-caf',
  ],
  demarches: ['demarches', 'justificatifs'],
};
const SHARED = ['src/http/views', 'src/prestations', 'src/demarches'];
/** The journeys of the pages a topic names as its sources, by the start of their address. */
const PAGES_OF_URL: [string, string[]][] = [
  ['/mon-espace', ['personal-space', 'account-settings', 'personal-data', 'household']],
  ['/creer-mon-compte', ['registration']],
  ['/connexion', ['login']],
  ['/mot-de-passe-oublie', ['password-reset']],
  ['/mon-espace/demarches', ['demarches', 'justificatifs']],
  ['/mon-espace/droits', ['droits']],
  ['/mon-espace/paiements', ['droits']],
  ['/mon-espace/attestations', ['attestations', 'verification']],
  ['/verifier-une-attestation', ['verification']],
  ['/mon-espace/messages', ['contact-caf']],
];
/** Words of a journey's pages written in a domain module (the subjects of « Contacter ma Caf »). */
const MODULES_OF_JOURNEY: Record<string, string[]> = { 'contact-caf': ['src/caf-messages'] };

/** Services of caf.fr, outside Mon Compte, that the answers send to by their name there. */
const CAF_FR = new Set(['Contacter ma Caf', 'Estimer vos droits']);
/** Words the assistant suggests typing to it (topic `inconnu`): examples of questions, not labels. */
const EXAMPLES = new Set(['code non reçu', 'pas de numéro de sécurité sociale', 'mot de passe oublié']);

function textsFor(topic: Topic): string[] {
  const named = topic.sources.flatMap((s) => PAGES_OF_URL.filter(([prefix]) => s.url.startsWith(prefix)).flatMap(([, js]) => js));
  const folders = topic.steps.length
    ? [...new Set([...topic.steps.flatMap((s) => PAGES_OF_STEP[s]), ...named])].map((j) => `src/journeys/${j}`)
    : [...texts.keys()].filter((k) => k.startsWith('src/journeys/'));
  const modules = folders.flatMap((f) => MODULES_OF_JOURNEY[f.slice('src/journeys/'.length)] ?? []);
  return [...folders, ...modules, ...SHARED].flatMap((f) => texts.get(f) ?? []);
}

/** Written on the page: a text of its own (a button, a link, an option, a message), or a term the page itself quotes or uses. */
function onPage(label: string, pageTexts: string[]): boolean {
  const lowerStart = label[0] === label[0]!.toLowerCase();
  return pageTexts.some(
    (t) =>
      t === label ||
      (t.startsWith(label) && /^[\s.:;!?…]*$/.test(t.slice(label.length))) ||
      t.includes(`« ${label} »`) ||
      (lowerStart && t.includes(label)),
  );
}

const quoted = topics.flatMap((t) =>
  allParagraphs(t).flatMap((p) => [...p.matchAll(/«\s*([^«»]+?)\s*»/g)].map((m) => ({ topic: t, label: normalise(m[1]!) }))),
);

describe('the labels and statuses the assistant quotes', () => {
  it('reads labels from the page code (the test reads what it means to)', () => {
    const login = texts.get('src/journeys/login') ?? [];
    expect(login).toContain('Mot de passe oublié ?');
    expect(onPage('Modifiez vos coordonnées de contact', texts.get('src/journeys/contact-verification') ?? [])).toBe(true);
    expect(onPage('Modifier mes coordonnées de contact', texts.get('src/journeys/contact-verification') ?? [])).toBe(false);
    expect(quoted.length).toBeGreaterThan(100);
  });

  it('quotes only labels written on the pages of the topic’s steps', () => {
    const wrong = quoted
      .filter(({ topic, label }) => !CAF_FR.has(label) && !(topic.id === 'inconnu' && EXAMPLES.has(label)))
      .filter(({ topic, label }) => !onPage(label, textsFor(topic)))
      .map(({ topic, label }) => `${topic.id}: « ${label} »`);
    expect(wrong).toEqual([]);
  });

  it('names only statuses of a démarche the product uses (or of a payment, on the payments’ page)', () => {
    const labels = new Set(Object.values(STATUS_LABELS).map((l) => fold(normalise(l))));
    const paymentLabels = new Set(Object.values(PAYMENT_STATUS_LABELS).map((l) => fold(normalise(l))));
    const onPaymentsPage = (t: Topic) => t.sources.some((s) => s.url.startsWith('/mon-espace/paiements'));
    const statusLike =
      /\b(brouillon|envoyee|en cours(?: d'instruction)?|en attente(?: d[e'] ?[a-z]+| d'information)?|traitee|acceptee|refusee|classee sans suite|validee|cloturee|en traitement|rejetee|terminee|instruite)\b/g;
    const named: string[] = [];
    for (const { topic, label } of quoted) {
      const l = fold(label);
      if (l.match(statusLike)?.[0] === l) {
        named.push(l);
        if (onPaymentsPage(topic) && paymentLabels.has(l)) continue;
        expect(labels, `${topic.id}: « ${label} »`).toContain(l);
      }
    }
    expect(named).toEqual(expect.arrayContaining(['brouillon', 'envoyee', "en cours d'instruction", 'en attente de pieces']));
  });
});
