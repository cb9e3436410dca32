import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE as P } from '../../../src/demo/people';
import type { TestApp } from '../../support/app';
import { text } from '../../support/http';
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
    expect(thomas).toContain('Autorisation de gestion de mon conjoint');
    expect(thomas).toContain('Déclarer une séparation');
  });
});
