import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { submitRefused, text, visit } from '../../support/http';

/** ④ État civil and the other steps: every error at once, each naming its field, in the order of the page. */
describe('Créer Mon Compte — errors of a form', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  /** The messages of the error summary, in its order. */
  const summary = (body: string): string[] => {
    const list = /<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '';
    return [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => text(m[1]!));
  };
  const wrong = {
    nir: '1 60 13 75 114 123 45',
    birthName: 'Dupont',
    givenNames: 'Jean',
    'birthDate-day': '31',
    'birthDate-month': '2',
    'birthDate-year': '1960',
  };

  it('lists the errors in the order of the fields, the NIR first', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const res = await submitRefused(b, '/creer-mon-compte/etat-civil', wrong);
    const s = summary(res.body);
    expect(s).toHaveLength(4);
    expect(s[0]).toMatch(/sécurité sociale/);
    expect(s[1]).toBe('Indiquez votre civilité.');
    expect(s[2]).toMatch(/date de naissance/);
    expect(s[3]).toMatch(/né\(e\) en France ou à l’étranger/);
  });

  it('an over-long name hides no other error, and says which field it is about', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const res = await submitRefused(b, '/creer-mon-compte/etat-civil', { ...wrong, birthName: 'A'.repeat(300) });
    const s = summary(res.body);
    expect(s).toHaveLength(5);
    expect(s[0]).toMatch(/sécurité sociale/);
    expect(s[1]).toBe('Indiquez votre civilité.');
    expect(s[2]).toBe('Le nom de naissance saisi est trop long. Ce champ ne doit pas dépasser 200 caractères.');
    expect(s[3]).toMatch(/date de naissance/);
    expect(s[4]).toMatch(/né\(e\) en France ou à l’étranger/);
    expect(res.body).toContain('value="Jean"');
  });

  it('a name over its own maximum says so at its field, not « only letters »', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const res = await submitRefused(b, '/creer-mon-compte/etat-civil', { ...wrong, givenNames: 'Jean '.repeat(30) });
    expect(summary(res.body)).toContain('Les prénoms ne doivent pas dépasser 120 caractères en tout.');
  });

  it('the identity document step names the field of an over-long number', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const { MARIE } = await import('../../support/registration');
    await b.post('/creer-mon-compte/etat-civil', MARIE);
    const res = await submitRefused(b, '/creer-mon-compte/titre-identite', { documentKind: 'cni', 'documentNumber-cni': 'X'.repeat(41) });
    expect(summary(res.body)).toEqual(['Le numéro du titre d’identité saisi est trop long. Ce champ ne doit pas dépasser 40 caractères.']);
  });
});

describe('Créer Mon Compte — an identity « à confirmer » says why, and what happens next', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('a valid passport with a NIR the répertoire does not know: the reason, on the way and at the end', async () => {
    const { freshMarie, walkTo } = await import('../../support/registration');
    const b = new TestBrowser(t.app);
    const marie = freshMarie();
    await visit(b, '/creer-mon-compte/nouveau');
    await b.post('/creer-mon-compte/etat-civil', marie);
    const step2 = text((await b.get('/creer-mon-compte/titre-identite')).body);
    expect(step2).not.toContain('votre identité est alors confirmée');
    expect(step2).toContain('votre identité restera « à confirmer »');
    const b2 = new TestBrowser(t.app);
    await walkTo(b2, t.ctx.database.db, 'completed', {
      person: freshMarie(),
      document: { documentKind: 'passport', 'documentNumber-passport': '18AB12345' },
    });
    const done = text((await b2.get('/creer-mon-compte/compte-cree')).body);
    expect(done).toContain(
      'Votre identité est « à confirmer », car votre numéro de sécurité sociale n’a pas été retrouvé dans le répertoire national d’identification des personnes. Vous pourrez quand même vous connecter et utiliser votre compte.',
    );
  });

  it('a person the répertoire knows is promised a confirmed identity, and gets it', async () => {
    const { ANGELA } = await import('../../support/registration');
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    await b.post('/creer-mon-compte/etat-civil', ANGELA);
    const step2 = text((await b.get('/creer-mon-compte/titre-identite')).body);
    expect(step2).toContain('il est vérifié et, s’il est reconnu, votre identité est confirmée.');
  });
});
