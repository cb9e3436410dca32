import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/demo/seed';
import { DEMO_PEOPLE as P } from '../../../src/demo/people';
import type { TestApp } from '../../support/app';
import { submitRefused, text } from '../../support/http';
import { demoApp, signedIn } from '../../household/support';

/** « Mon foyer » on « Mon espace » offers only what applies to the person's dossier. */
describe('the household’s menu', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('no conjoint, no couple: neither « Autorisation de gestion de mon conjoint » nor « Déclarer une séparation »', async () => {
    const sophie = text((await (await signedIn(t, P.sophieGarnier.nir)).get('/mon-espace')).body);
    expect(sophie).toContain('Déclarer un changement (adresse, compte bancaire)');
    expect(sophie).not.toContain('Autorisation de gestion de mon conjoint');
    expect(sophie).not.toContain('Déclarer une séparation');
    const jeanne = text((await (await signedIn(t, P.jeanneLeroy.nir)).get('/mon-espace')).body);
    expect(jeanne).toContain('Mes informations');
    expect(jeanne).not.toContain('Déclarer une séparation');
    const thomas = text((await (await signedIn(t, P.thomasPetit.nir)).get('/mon-espace')).body);
    expect(thomas).toContain('Autorisation de gestion de ma conjointe');
    expect(thomas).toContain('Déclarer une séparation');
  });

  it('« Autorisation de gestion de ma conjointe » or « de mon conjoint », by the conjoint’s civilité', async () => {
    const thomas = await signedIn(t, P.thomasPetit.nir);
    const before = text((await thomas.get('/mon-espace')).body);
    expect(before).toContain('Autorisation de gestion de ma conjointe');
    expect(before).not.toContain('Autorisation de gestion de mon conjoint');
    const db = t.ctx.database.db;
    await db.updateTable('household_members').set({ civility: 'M' }).where('nir', '=', P.nadiaPetit.nir).execute();
    try {
      const after = text((await thomas.get('/mon-espace')).body);
      expect(after).toContain('Autorisation de gestion de mon conjoint');
      expect(after).not.toContain('Autorisation de gestion de ma conjointe');
    } finally {
      await db.updateTable('household_members').set({ civility: 'MME' }).where('nir', '=', P.nadiaPetit.nir).execute();
    }
  });
});

/** One name for a member everywhere (the usage name, as their own « Mon espace » greets them) and words agreed with their civilité. */
describe('a member’s name and civilité on the household’s pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('Nadia PETIT on her home and on Thomas’s pages, « elle », « informée », « conjointe »', async () => {
    const nadia = await signedIn(t, P.nadiaPetit.nir);
    expect(text((await nadia.get('/mon-espace')).body)).toContain('Bonjour Nadia PETIT');
    const thomas = await signedIn(t, P.thomasPetit.nir);
    const before = text((await thomas.get('/mon-espace/foyer/autorisation-de-gestion')).body);
    expect(before).toContain('Nadia PETIT n’a pas l’autorisation de gestion : elle peut consulter ses informations');
    expect(before).toContain('votre conjointe pourra, comme vous');
    expect(before).not.toMatch(/il ou elle|BENALI/i);
    await thomas.post('/mon-espace/foyer/autorisation-de-gestion/donner', { currentPassword: DEMO_PASSWORD });
    const after = text((await thomas.get('/mon-espace/foyer/autorisation-de-gestion')).body);
    expect(after).toContain('Votre conjointe a reçu l’autorisation de gestion. Nous l’en avons informée.');
    expect(after).toContain('Nadia PETIT a l’autorisation de gestion depuis le');
    expect(after).toContain(': elle peut faire les démarches du foyer');
    expect(after).toContain('votre conjointe perd ces droits dès sa prochaine action dans Mon Compte. Elle en sera informée.');
    expect(after).not.toMatch(/il ou elle|BENALI/i);
    expect(text((await thomas.get('/mon-espace/foyer/demarches')).body)).toContain('Nadia PETIT');
    expect(text((await thomas.get('/mon-espace/foyer/separation')).body)).toContain(
      'votre ancienne conjointe n’aura plus accès à votre dossier : son autorisation de gestion, si elle en avait une',
    );
  });

  it('« votre conjointe » in the activity lines and the procuration’s refusals, « votre conjoint » for a man', async () => {
    const thomas = await signedIn(t, P.thomasPetit.nir);
    await thomas.post('/mon-espace/foyer/autorisation-de-gestion/donner', { currentPassword: DEMO_PASSWORD });
    await thomas.post('/mon-espace/foyer/autorisation-de-gestion/retirer', {});
    // refused: back to the procuration's page (303), which says why once
    const none = await submitRefused(
      thomas,
      '/mon-espace/foyer/autorisation-de-gestion/retirer',
      {},
      '/mon-espace/foyer/autorisation-de-gestion',
    );
    expect(text(none.body)).toContain('Votre conjointe n’a pas l’autorisation de gestion : il n’y a rien à retirer.');
    const home = text((await thomas.get('/mon-espace')).body);
    expect(home).toContain('Vous avez retiré l’autorisation de gestion à votre conjointe.');
    expect(home).toContain('Vous avez donné l’autorisation de gestion à votre conjointe.');
    expect(home).not.toMatch(/à votre conjoint\b/);
    const db = t.ctx.database.db;
    await db.updateTable('household_members').set({ civility: 'M' }).where('nir', '=', P.nadiaPetit.nir).execute();
    try {
      expect(text((await thomas.get('/mon-espace')).body)).toContain('Vous avez retiré l’autorisation de gestion à votre conjoint.');
      const again = await submitRefused(
        thomas,
        '/mon-espace/foyer/autorisation-de-gestion/retirer',
        {},
        '/mon-espace/foyer/autorisation-de-gestion',
      );
      expect(text(again.body)).toContain('Votre conjoint n’a pas l’autorisation de gestion : il n’y a rien à retirer.');
    } finally {
      await db.updateTable('household_members').set({ civility: 'MME' }).where('nir', '=', P.nadiaPetit.nir).execute();
    }
  });
});
