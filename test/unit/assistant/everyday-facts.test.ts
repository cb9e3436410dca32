import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/assistant/analyser';
import { Assistant } from '../../../src/assistant/assistant';
import { landingAfterSignIn } from '../../../src/http/intent';
import { maskDestination } from '../../../src/accounts/destination';
import { welcomeMessage } from '../../../src/journeys/registration/messages';
import { DOCUMENT_KINDS } from '../../../src/journeys/registration/views';
import { EVENT_ACTOR, STATUS_LABELS, demarcheMachine } from '../../../src/demarches/machine';

/** Facts of everyday questions on each step the knowledge lacked (issue 23), each as the product does it. */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('the identity document and « à confirmer »', () => {
  it('says a passeport français or a titre de séjour replaces a lost carte d’identité, and a foreign card is not French', () => {
    const labels = DOCUMENT_KINDS.map((k) => k.label);
    expect(labels).toEqual(['Carte nationale d’identité', 'Passeport français', 'Titre de séjour']);
    const lost = assistant.ask('j’ai perdu ma carte d’identité, mais il me reste mon passeport, je l’utilise ?', 'titre-identite');
    expect(lost.answer).toContain('passeport français ou un titre de séjour ? Il est accepté');
    const foreign = assistant.ask('ma carte d’identité est italienne, je coche quoi ?', 'titre-identite');
    expect(foreign.topic).toBe('sans-titre-francais');
    expect(foreign.answer).toContain('même de l’Union européenne');
    expect(foreign.answer).toContain('Je ne dispose pas d’une pièce d’identité française');
  });

  it('says on the récapitulatif why the identity is « à confirmer » and that a justificatif may be asked', () => {
    const a = assistant.ask('pourquoi le récapitulatif dit que mon identité est à confirmer ?', 'recapitulatif');
    expect(a.topic).toBe('recapitulatif');
    expect(a.answer).toContain('« à confirmer » quand vous n’avez pas indiqué de pièce d’identité française');
    expect(a.answer).toContain('votre Caf pourra vous demander un justificatif');
  });
});

describe('the récapitulatif', () => {
  it('says where its button is (below the information, scroll down) and that a message follows by SMS or mail, as the pages do', () => {
    // the page: « Créer mon compte » comes after every summary list, at the bottom
    const page = readFileSync(new URL('../../../src/journeys/registration/review-views.ts', import.meta.url), 'utf8');
    const review = page.slice(page.indexOf('export function reviewPage'), page.indexOf('export function donePage'));
    expect(review.indexOf("button('Créer mon compte')")).toBeGreaterThan(review.lastIndexOf('summaryList('));
    // the account's creation sends a message to the verified contact, by SMS or by mail
    for (const kind of ['sms', 'email'] as const)
      expect(welcomeMessage({ kind, value: 'x' }, { provisionalId: null, agencyPhone: '3230' }).channel).toBe(kind);
    const a = assistant.ask('sur ma tablette je ne trouve pas le bouton pour finir', 'recapitulatif');
    expect(a.topic).toBe('recapitulatif');
    expect(a.answer).toContain('le bouton en bas de la page, sous vos informations');
    expect(a.answer).toContain('faites défiler la page vers le bas');
    expect(a.answer).toContain('un message vous est envoyé par SMS ou par mail');
  });
});

describe('the code at each login', () => {
  it('says where it is sent — by SMS or mail, to the account’s contact, shown partly masked — whichever code topic answers', () => {
    // the login's code page shows the account's own contact through maskDestination (src/journeys/login/pages.ts)
    expect(maskDestination('email', 'marie@exemple.fr')).toBe('…@exemple.fr');
    const codeTopic = assistant.topic('code-expire-ou-faux')!.answer.join(' ');
    expect(codeTopic).toContain('un nouveau code vous est envoyé par SMS ou par mail, aux coordonnées de votre compte');
    expect(codeTopic).toContain('en partie masquées');
    const a = assistant.ask('quand je me connecte on me demande un code, il arrive où ?', 'connexion');
    expect(a.answer).toContain('par SMS ou par mail');
  });
});

describe('FranceConnect', () => {
  it('says signing in with FranceConnect is possible instead of the number, and that a different e-mail is no problem', () => {
    const instead = assistant.ask('on peut se connecter par FranceConnect plutôt qu’avec le numéro de sécu ?', 'connexion');
    expect(instead.topic).toBe('franceconnect');
    expect(instead.answer).toContain('Il est possible aussi de vous connecter avec FranceConnect au lieu de votre numéro');
    // the account is found by FranceConnect's `sub` (src/accounts/repository.ts), never by the e-mail
    const mail = assistant.ask('mon mail sur FranceConnect c’est pas celui de mon compte caf, ça gêne ?', 'franceconnect');
    expect(mail.topic).toBe('franceconnect');
    expect(mail.answer).toContain('Le lien entre FranceConnect et Mon Compte ne se fait pas par l’adresse mail');
    expect(mail.answer).toContain('identiques ou non, sans aucun problème');
  });
});

describe('the statuses of a démarche', () => {
  it('says « En cours d’instruction » is a Caf agent examining the demande, as the démarche machine does', () => {
    expect(EVENT_ACTOR.start_instruction).toBe('agent');
    expect(demarcheMachine.next('envoyee', 'start_instruction')).toBe('en_instruction');
    const a = assistant.ask('ça veut dire quoi en cours d’instruction sur ma demande ?', 'demarches');
    expect(a.topic).toBe('suivre-demarches');
    expect(a.answer).toContain(`Elle passe « ${STATUS_LABELS.en_instruction} » quand un agent de la Caf la prend en charge et l’examine`);
  });
});

describe('an account created on the way to a demande', () => {
  it('says the demande chosen is found again where it starts, as the first login lands on it', () => {
    const req = { chosenDemarcheId: 'd1' } as Parameters<typeof landingAfterSignIn>[0];
    expect(landingAfterSignIn(req)).toBe('/mon-espace/demarches/d1/reprendre');
    const a = assistant.ask('une fois mon compte créé, je dois refaire toute ma demande ?', 'accueil');
    expect(a.topic).toBe('creer-compte');
    expect(a.answer).toContain('la prestation choisie est gardée sur votre compte et vous retrouvez votre demande là où elle commence');
  });
});

describe('the SMS spellings of the personal space', () => {
  it('reads « paiemen », « rapel » and « kel » as the words they stand for', () => {
    expect(analyse('mon paiemen c kel jour')).toEqual(analyse('mon paiement c’est quel jour'));
    expect(analyse('un rapel sur mon comte')).toEqual(analyse('un rappel sur mon compte'));
    expect(analyse('kelle date')).toEqual(analyse('quelle date'));
    expect(assistant.ask('mon paiemen c kel jour', 'espace').topic).toBe('paiements');
  });
});

describe('who answers', () => {
  it('says, when giving the way to a person, that the one answering here is the automatic assistant', () => {
    const a = assistant.ask('je veux parler à une vraie personne');
    expect(a.topic).toBe('contacter-caf');
    expect(a.answer).toContain('c’est l’assistant automatique de Mon Compte qui vous répond, pas une personne de la Caf');
  });
});
