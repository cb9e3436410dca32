import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { ACCEPTED_TYPES, MAX_JUSTIFICATIF_BYTES } from '../../../src/justificatifs/validation';
import { prestations } from '../../../src/prestations/catalogue';
import { DEFAULT_IDENTIFIER_POLICY } from '../../../src/security/login-throttle';
import { DRAFT_TTL_MS } from '../../../src/demarches/repository';
import { qfParts } from '../../../src/attestations/quotient';

/** The topics people ask about that the first knowledge base did not have (issue 23). */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('the topics added for issue 23', () => {
  it('has a topic for each prestation of the catalogue, found from its usual words', () => {
    const asked: Record<string, string> = {
      'aide-au-logement': 'comment demander l’APL pour mon loyer',
      'prime-de-demenagement': 'on déménage, y a une prime ?',
      'prestation-naissance': 'je suis enceinte, comment avoir la prime de naissance',
      'allocation-soutien-familial': 'le père ne paie pas la pension alimentaire, je suis seule avec ma fille',
      'complement-mode-de-garde': 'aide pour payer l’assistante maternelle',
      'allocations-familiales': 'j’ai 2 enfants, comment toucher les allocations familiales',
      rsa: 'c quoi le rsa',
      'prime-activite': 'je travaille à temps partiel, la prime d’activité c’est pour moi ?',
      ajpa: 'je m’occupe de ma mère malade, congé de proche aidant',
      'declaration-separation': 'comment déclarer ma séparation',
      aah: 'je suis handicapé, comment avoir l’AAH',
      aeeh: 'mon enfant est handicapé, l’AEEH c’est quoi',
    };
    for (const p of prestations) {
      const question = asked[p.slug];
      expect(question, `a question for ${p.slug}`).toBeDefined();
      const a = assistant.ask(question!, 'espace');
      const expected = p.slug === 'declaration-separation' ? 'separation' : `prestation-${p.slug}`;
      expect(a.topic, question).toBe(expected);
      if (p.slug !== 'declaration-separation') expect(a.answer).toContain(p.title);
      if (!p.online) expect(a.answer).toContain('MDPH');
    }
  });

  it('says the formats and size the justificatifs really accept', () => {
    const a = assistant.ask('quel format de fichier pour envoyer un justificatif ? c’est quoi la taille max', 'demarches');
    expect(a.topic).toBe('justificatifs-formats');
    for (const ext of Object.values(ACCEPTED_TYPES)) expect(a.answer.toLowerCase()).toContain(ext === 'jpg' ? 'jpeg' : ext);
    expect(a.answer).toContain(`${MAX_JUSTIFICATIF_BYTES / 1024 / 1024} Mo`);
  });

  it('explains a throttled login with the product’s figures, and that « Mot de passe oublié ? » can be used during the wait', () => {
    const a = assistant.ask('j’ai mis 6 fois un mauvais mot de passe et maintenant c’est bloqué', 'connexion');
    expect(a.topic).toBe('connexion-bloquee');
    expect(a.answer).toContain(`${DEFAULT_IDENTIFIER_POLICY.threshold} mots de passe faux`);
    expect(a.answer).toContain(`${DEFAULT_IDENTIFIER_POLICY.maxDelayMs / 60_000} minutes`);
    expect(a.answer).toContain('« Mot de passe oublié ? » : vous pouvez vous en servir tout de suite, même pendant l’attente');
    expect(a.answer).toContain('vous pouvez toujours réessayer');
    expect(a.answer).not.toMatch(/pour de bon|jamais bloqué/);
  });

  it.each([
    ['demarches', 'je me suis trompé dans ma demande envoyée, je peux l’annuler ?', 'modifier-annuler-demande', 'Brouillon'],
    ['titre-identite', 'j’ai qu’un récépissé de la préfecture', 'recepisse-titre-sejour', 'récépissé'],
    ['espace', 'je suis sourde, je ne peux pas téléphoner', 'accessibilite', 'Contacter ma Caf'],
    ['espace', 'ça prend combien de temps pour avoir une réponse', 'delais', '« Mes démarches »'],
  ] as const)('on %s, « %s » → %s', (step, question, topic, phrase) => {
    const a = assistant.ask(question, step);
    expect(a.topic).toBe(topic);
    expect(a.answer).toContain(phrase);
  });

  it('says how long a brouillon is kept and how the quotient familial is computed, with the product’s figures', () => {
    const days = `${DRAFT_TTL_MS / 86_400_000} jours`;
    expect(assistant.ask('une demande pas finie reste combien de temps en brouillon ?', 'demarches').answer).toContain(days);
    const qf = assistant.topic('attestations')!.answer.join(' ');
    expect(qf).toContain('divisées par 12');
    expect(qf).toContain(`${qfParts(0)} pour l’allocataire`);
    expect(qf).toContain(`0,5 pour chacun des deux premiers enfants à charge, ${qfParts(3) - qfParts(2)} pour le troisième`);
  });

  it.each([
    ['espace', 'je viens de me pacser avec mon copain, faut le dire a la caf ?', 'changement-situation', 'Déclarer un changement'],
    [undefined, 'ma fille de 19 ans a trouvé un emploi, je dois prévenir quelqu’un ?', 'changement-situation', 'Contacter ma Caf'],
    [undefined, 'we rent a small flat in Lyon, can the caf help with the rent?', 'prestation-aide-au-logement', 'loyer'],
    ['espace', 'la caf me réclame un trop-perçu, je peux rembourser en plusieurs fois ?', 'rappel-indu', 'échéancier'],
    [
      undefined,
      'nos enfants sont en garde alternée, les allocations familiales peuvent être partagées entre nous deux ?',
      'prestation-allocations-familiales',
      'garde alternée',
    ],
  ] as const)('on %s, « %s » → %s, which says %s', (step, question, topic, phrase) => {
    const a = assistant.ask(question, step);
    expect(a.topic).toBe(topic);
    expect(a.answer).toContain(phrase);
  });
});
