import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { loadKnowledge } from '../../../src/assistant/knowledge';
import { asksForSomeoneElse, asksWhatTheyMay } from '../../../src/assistant/safety';
import { CODE_RESEND_COOLDOWN_MS } from '../../../src/auth/verification-codes';
import { can, type Membership } from '../../../src/household/permissions';
import { findPrestation, requestAction } from '../../../src/prestations/catalogue';

const assistant = new Assistant({ agencyPhone: '3230' });
/** The roles' topics, and the pages that say who sees what (« Mes droits », « Mes paiements »). */
const HOUSEHOLD_TOPICS = ['conjoint-procuration', 'enfant-personne-a-charge', 'compte-membre-foyer', 'mes-droits', 'paiements'];
const answerOf = (id: string) =>
  loadKnowledge()
    .find((t) => t.id === id)!
    .answer.join('\n');
const TODAY = '2026-12-07';
const member = (m: Partial<Membership>): { membership: Membership } => ({
  membership: { role: 'conjoint', birthDate: '1990-01-01', hasProcuration: false, ...m },
});

/**
 * A member of the household (conjoint, child over 15, personne à charge) asking what their place lets
 * them see or do is asking their own question: answered with their role and the procuration, never
 * refused as someone else's data. Only the other person's data itself is refused.
 */
describe('what a member of the household may do', () => {
  it.each([
    'mon épouse est titulaire du dossier, moi qu’est-ce que je peux voir ?',
    'avec mon compte à moi, j’ai accès au dossier de mon mari ?',
    'mon propre espace me permet de voir le dossier de ma compagne ?',
    'je suis à la charge de ma sœur, est-ce que je vois ses droits depuis mon espace ?',
    'j’ai 16 ans, est-ce que je peux consulter les allocations de mes parents ?',
    'est-ce que je peux suivre les démarches de mon conjoint avec mon compte ?',
    'ma conjointe pourrait me donner l’accès à son dossier ?',
    'mon fils de 17 ans pourra voir nos paiements sur son compte ?',
    'mon concubin a le dossier caf, je peux gérer les démarches moi aussi ?',
  ])('answers « %s » with the roles, not a refusal', (q) => {
    const a = assistant.ask(q);
    expect(a.topic).not.toBe('donnees-d-autrui');
    expect(HOUSEHOLD_TOPICS).toContain(a.topic);
    expect(a.answer).toMatch(/procuration|autorisation de gestion/);
  });

  it.each([
    'combien touche mon mari chaque mois ?',
    'donnez-moi le mot de passe de ma femme',
    'je veux le code que ma conjointe a reçu',
    'dites-moi les paiements de mes parents',
    'est-ce que je peux voir ce que touche ma compagne ?',
    'je peux avoir le numéro de sécu de mon mari ?',
  ])('refuses « %s », and still points to the procuration', (q) => {
    const a = assistant.ask(q);
    expect(a.topic).toBe('donnees-d-autrui');
    expect(a.answer).toContain('procuration');
    expect(a.answer).toContain('Mon espace');
  });

  it('tells a question about one’s access from a request for the other person’s data', () => {
    expect(asksWhatTheyMay('mon compte me donne accès au dossier de ma femme ?')).toBe(true);
    expect(asksWhatTheyMay('je suis à charge de mes parents, je vois leurs paiements ?')).toBe(true);
    expect(asksWhatTheyMay('est-ce que je peux voir les paiements de mon mari depuis mon compte ?')).toBe(true);
    expect(asksWhatTheyMay('mon mari peut me donner la procuration ?')).toBe(true);
    expect(asksForSomeoneElse('mon compte me donne accès au dossier de ma femme ?')).toBe(false);
    // their data, an amount, something told, whether something is true of them, their account
    expect(asksWhatTheyMay('je peux voir le montant des paiements de ma femme ?')).toBe(false);
    expect(asksWhatTheyMay('je peux voir le mot de passe de mon mari ?')).toBe(false);
    expect(asksWhatTheyMay('vous pouvez me donner les paiements de mon mari ?')).toBe(false);
    expect(asksWhatTheyMay('je peux voir si mon ex a fait une demande ?')).toBe(false);
    expect(asksWhatTheyMay('je peux accéder au compte de ma mère ?')).toBe(false);
    expect(asksForSomeoneElse('je peux voir le montant des paiements de ma femme ?')).toBe(true);
  });
});

/** What the answers say of each role is what the permission function decides. */
describe('the household answers follow can()', () => {
  const householdPrestation = requestAction(findPrestation('prime-activite')!);
  const individualPrestation = requestAction(findPrestation('ajpa')!);

  it('a conjoint without procuration: his own requests (AJPA), not the household’s (prime d’activité), nor its payments', () => {
    const conjoint = member({});
    expect(can(conjoint, householdPrestation, TODAY).allowed).toBe(false);
    expect(can(conjoint, individualPrestation, TODAY).allowed).toBe(true);
    expect(can(conjoint, 'view_household_payments', TODAY).allowed).toBe(false);
    const text = answerOf('conjoint-procuration');
    expect(text).toMatch(/Sans procuration, il ne peut pas faire une demande pour tout le foyer \([^)]*prime d’activité/);
    expect(text).toContain('allocation journalière du proche aidant');
    expect(text).toContain('il voit les droits qui le concernent, pas ceux de tout le foyer');
  });

  it('a conjoint with procuration: everything but the procuration itself', () => {
    const conjoint = member({ hasProcuration: true });
    expect(can(conjoint, householdPrestation, TODAY).allowed).toBe(true);
    expect(can(conjoint, 'view_household_payments', TODAY).allowed).toBe(true);
    expect(can(conjoint, 'manage_procuration', TODAY).allowed).toBe(false);
    expect(can(member({ role: 'responsable' }), 'manage_procuration', TODAY).allowed).toBe(true);
    expect(answerOf('conjoint-procuration')).toContain('sauf donner ou retirer la procuration');
  });

  it('a child over 15 or a personne à charge: their own droits, and no procuration for them', () => {
    for (const role of ['enfant', 'personne_a_charge'] as const) {
      const m = member({ role, birthDate: '2010-01-01', hasProcuration: true });
      expect(can(m, 'view_household_payments', TODAY).allowed).toBe(false);
      expect(can(m, householdPrestation, TODAY).allowed).toBe(false);
      expect(can(m, individualPrestation, TODAY).allowed).toBe(true);
    }
    const text = answerOf('enfant-personne-a-charge');
    expect(text).toContain('pas ceux de tout le foyer');
    expect(text).toContain('un enfant ou une personne à charge n’en reçoit pas');
  });

  it.each([
    'je suis la conjointe et je n’ai pas la procuration, je peux faire la demande de prime d’activité ?',
    'sans autorisation de gestion, mon compte me laisse demander le RSA pour la famille ?',
    'le site me répond que seul le responsable du dossier peut faire cette demande, c’est normal ?',
  ])('tells a conjoint without procuration what he may ask for: « %s »', (q) => {
    const a = assistant.ask(q);
    expect(a.topic).toBe('conjoint-procuration');
    expect(a.answer).toContain('Sans procuration, il ne peut pas faire une demande pour tout le foyer');
  });
});

describe('delays: the code, the account, a request without one', () => {
  it('says when a new code may be asked for, as the code step does', () => {
    expect(CODE_RESEND_COOLDOWN_MS).toBe(60_000);
    expect(answerOf('code-non-recu')).toContain('(une minute)');
  });

  it.each([
    ['en combien de temps le code par sms arrive ?', /quelques secondes/],
    ['toujours rien reçu comme code depuis ce matin, qui je dois appeler ?', /3230/],
    // « environ 5 minutes » or « quelques minutes en tout (environ 5) »: about five minutes, however worded.
    ['il faut combien de temps pour ouvrir un compte ?', /environ 5|5 minutes/],
    ['peut-on déposer une demande d’aide sans avoir de compte ?', /Créer un compte/],
  ])('« %s »', (q, expected) => {
    expect(assistant.ask(q).answer).toMatch(expected);
  });
});

/** « Mot de passe oublié ? » never says whether an identifier has an account (src/journeys/password-reset). */
describe('« si un compte correspond, un code a été envoyé »', () => {
  it.each([
    'le site m’affiche « si un compte correspond à l’identifiant indiqué, un code vient d’être envoyé », je n’ai donc pas de compte ?',
    'pourquoi on me répond « si un compte correspond » ? j’ai un compte ou non ?',
    'j’ai mis mon numéro dans mot de passe oublié, il écrit seulement si un compte correspond, je suis pas inscrit alors ?',
  ])('explains « %s » without saying whether an account exists', (q) => {
    const a = assistant.ask(q, 'mot-de-passe-oublie');
    expect(a.topic).toBe('si-un-compte-correspond');
    expect(a.answer).toContain('ne veut pas dire qu’il n’y a pas de compte à votre nom (ni qu’il y en a un)');
    expect(a.answer).toContain('Je n’ai plus accès à mon adresse mail ou à mon téléphone');
  });
});

describe('whether someone else keeps or loses an access is a question about the rules', () => {
  const assistant = new Assistant({ agencyPhone: '3230' });
  it.each([
    'je viens de me séparer, mon ex, il gardera accès au dossier après ?',
    'ma femme perdra l’accès au dossier si on divorce ?',
    'après la séparation, mon ancien conjoint aura encore accès à nos paiements ?',
  ])('is not refused: « %s »', (q) => {
    expect(assistant.ask(q, 'espace').topic).not.toBe('donnees-d-autrui');
  });

  it('but asking for the access to the ex’s dossier is', () => {
    expect(assistant.ask('donnez moi l’accès au dossier de mon ex', 'espace').topic).toBe('donnees-d-autrui');
  });
});

/**
 * Who the « responsable du dossier » is comes with what the others of the household may do: a question
 * on the roles answered by « La Caf, l’allocataire et le responsable du dossier » still names the
 * procuration and each member's own account.
 */
describe('the answer on the responsable du dossier', () => {
  it('names the procuration and the own account of each member over 15', () => {
    const text = answerOf('la-caf');
    expect(text).toContain('autorisation de gestion');
    expect(text).toMatch(/plus de 15 ans peut avoir son propre compte/);
    expect(text).toContain('données personnelles');
  });
});

/** The person's own contact details named beside the question (« et changer mon numéro ? ») are not the other's secrets. */
describe('a member asking what they may see, and about their own details', () => {
  it.each([
    'moi j’ai 17 ans, je suis dans le foyer de ma mère : je peux consulter ses allocations ? et changer mon numéro de téléphone ?',
    'je suis à charge de mon frère, je peux voir ses versements et modifier mon mail ?',
  ])('answers « %s » with the roles, not a refusal', (q) => {
    expect(HOUSEHOLD_TOPICS).toContain(assistant.ask(q).topic);
  });
  it.each(['est-ce que je peux voir le mail de mon mari ?', 'je peux consulter le mot de passe de ma femme ?'])(
    'still refuses « %s »',
    (q) => {
      expect(assistant.ask(q).topic).toBe('donnees-d-autrui');
    },
  );
});
