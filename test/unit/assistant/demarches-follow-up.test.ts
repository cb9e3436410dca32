import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { isPastMedical } from '../../../src/assistant/distress';

const assistant = new Assistant({ agencyPhone: '3230' });

/** Following a request after « Faire la demande »: what happens to a request not finished. */
describe('a request started and not sent', () => {
  it.each([
    'je n’ai pas fini de remplir ma demande d’APL, je la perds si je ferme ?',
    'Est-ce que je peux continuer ma demande de RSA un autre jour, il me manque un papier',
    'demande commencée avant hier pas terminée, elle est où maintenant',
    'jai pas finit ma demande de prime, c sauvegarder ?',
  ])('says it is kept as a « Brouillon » for « %s »', (q) => {
    const a = assistant.ask(q, 'demarches');
    expect(a.topic).toBe('brouillon-demande');
    expect(a.answer).toContain('Brouillon');
    expect(a.answer).toContain('30 jours');
  });
});

/** Contesting a refusal: the answer names where to write for the prestation the message names, and only that. */
describe('contesting a refusal', () => {
  it.each([
    ['on m’a refusé le RSA, comment je fais un recours ?', 'département', 'recours amiable'],
    ['refus de prime d’activité, je veux contester', 'recours amiable', 'département'],
    ['ma demande d’APL est refusée, je conteste comment ?', 'recours amiable', 'MDPH'],
    ['mon AAH a été refusée, comment contester la décision ?', 'MDPH', 'département'],
    // Once separate topics (contester-rsa, contester-handicap), now cases of this one: the prestation named anywhere.
    ['on m’a refusé le RSA, je fais comment pour contester', 'président du conseil départemental', 'recours amiable'],
    ['RSA refusé. Je peux faire appel ? À qui ?', 'président du conseil départemental', 'recours amiable'],
    ['AAH refusée, ou envoyer ma contestation', 'MDPH', 'recours amiable'],
    ['L’AEEH de ma fille refusée. Le recours, c’est où ?', 'MDPH', 'recours amiable'],
    ['Le revenu de solidarité active m’a été refusé, je conteste', 'département', 'recours amiable'],
    ['moi handicapé, refus, je veux faire un recours', 'MDPH', 'recours amiable'],
    ['la CDAPH a dit non, je fais un recours où ?', 'MDPH', 'recours amiable'],
    ['pas d’accord avec le conseil départemental, je fais un recours où', 'président du conseil départemental', 'MDPH'],
    ['mon aide au logement est refusée, comment contester ?', 'commission de recours amiable', 'MDPH'],
  ])('« %s » names %s, not %s', (q, named, not) => {
    const a = assistant.ask(q, 'demarches');
    expect(a.topic).toBe('contester-decision');
    expect(a.answer).toContain(named);
    expect(a.answer).not.toContain(not);
  });

  it('names every way when no prestation is named', () => {
    const a = assistant.ask('Ma demande a été refusée, comment contester ?', 'demarches');
    for (const w of ['recours amiable', 'département', 'MDPH']) expect(a.answer).toContain(w);
  });
});

/** Asking for a prestation: what the person needs to know before « Faire la demande ». */
describe('asking for a prestation', () => {
  it('says an account is created on the way, without being an allocataire yet', () => {
    const a = assistant.ask('je suis pas encore allocataire, je peux quand meme demander l’aide au logement ?', 'demarches');
    expect(a.topic).toBe('prestation-aide-au-logement');
    expect(a.answer).toContain('créer un compte');
  });

  it('says the salaries the Caf knows are already in the form, to check and confirm', () => {
    const a = assistant.ask('dans la demande de prime d’activité mes salaires sont déjà remplis, je dois les retaper ?', 'demarches');
    expect(a.answer).toContain('déjà dans le formulaire');
    expect(a.answer).toContain('confirmer');
  });

  it('tells a child over 15 they may declare their parents’ separation, confirmed by the Caf', () => {
    const a = assistant.ask('j’ai 16 ans, est-ce que je peux déclarer moi-même la séparation de mes parents ?', 'espace');
    expect(a.answer).toContain('c’est possible');
    expect(a.answer).toContain('la Caf la confirme');
  });
});

/** A carer asking about the aid for carers: the illness told is past, the aid is named. */
describe('a carer asking for the aid', () => {
  it('reads a stroke « en début d’année » and a job changed « maintenant » as past, no emergency', () => {
    const q =
      'Bonjour, ma mère a fait un AVC en début d’année, je vais la voir tous les jours, je suis à mi-temps maintenant, il y a une aide pour moi et où je la demande ?';
    expect(isPastMedical(q)).toBe(true);
    const a = assistant.ask(q, 'demarches');
    // The SAMU's 15 and the 112, not « 15 ans » (the age from which a child in the household has its own access).
    expect(a.answer).not.toMatch(/\b15\b(?! ans)|\b112\b/);
    expect(a.answer).toContain('proche aidant');
  });

  it('still takes a symptom happening now for an emergency', () => {
    expect(isPastMedical('il a eu un AVC en début d’année et maintenant il ne parle plus, la bouche de travers')).toBe(false);
  });
});

describe('SMS spellings of the démarches', () => {
  it('reads « bb » as a bébé', () => {
    expect(assistant.ask('comment jajoute mon bb a mon dossier caf', 'espace').answer).toContain('naissance');
  });
});
