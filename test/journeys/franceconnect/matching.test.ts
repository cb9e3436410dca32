import { describe, expect, it } from 'vitest';
import { repertoirePeople } from '../../../src/demo/people';
import { checkNirAgainstIdentity, LocalRepertoireSearch, lookUpNir } from '../../../src/journeys/franceconnect/matching';
import { parseIdentity, type FranceConnectIdentity } from '../../../src/franceconnect';
import { TEST_CITIZENS } from '../../../src/franceconnect-standin';
import { nirKey } from '../../../src/identity';

/** The identity our client hands over for a stand-in citizen (the claims FranceConnect would send). */
function identityOf(c: (typeof TEST_CITIZENS)[number]): FranceConnectIdentity {
  const r = parseIdentity({ sub: 'x', ...c });
  if (!r.ok) throw new Error(r.detail);
  return r.identity;
}

const repertoire = new LocalRepertoireSearch(repertoirePeople);

describe('finding the NIR of a FranceConnect identity in the répertoire', () => {
  it.each(TEST_CITIZENS.filter((c) => c.nir).map((c) => [c.id, c] as const))('%s: exactly one match, their own NIR', async (_id, c) => {
    expect(await lookUpNir(repertoire, identityOf(c))).toEqual({ kind: 'found', nir: c.nir, matches: 1 });
  });

  it('a citizen the répertoire does not know: no match, the NIR is to be typed', async () => {
    const vincent = TEST_CITIZENS.find((c) => c.id === 'vincent-martin-sans-nir')!;
    expect(await lookUpNir(repertoire, identityOf(vincent))).toEqual({ kind: 'to_type', matches: 0 });
  });

  it('a namesake with another birth place is not a match (the NIR must agree with the pivot)', async () => {
    const angela = TEST_CITIZENS.find((c) => c.id === 'angela-dubois-paris')!;
    const lyon = `2620869383123${nirKey('2620869383123')}`;
    const r = new LocalRepertoireSearch([{ nir: lyon, sex: 'F', birthName: 'DUBOIS', givenNames: 'Angela', birthDate: '1962-08-24' }]);
    expect(await lookUpNir(r, identityOf(angela))).toEqual({ kind: 'to_type', matches: 0 });
  });
});

describe('checking a typed NIR against the certified identity', () => {
  const kenji = identityOf(TEST_CITIZENS.find((c) => c.id === 'kenji-fleuret-jour-inconnu')!);
  const youssef = identityOf(TEST_CITIZENS.find((c) => c.id === 'youssef-benali-mois-inconnu')!);
  const casanova = identityOf(TEST_CITIZENS.find((c) => c.id === 'jean-baptiste-casanova-ajaccio-1970')!);

  it('birth date with an unknown day: year and month still checked', () => {
    expect(checkNirAgainstIdentity('192119921708824', kenji)).toEqual({ ok: true, nir: '192119921708824' });
    const wrongMonth = `1921099217088${nirKey('1921099217088')}`;
    expect(checkNirAgainstIdentity(wrongMonth, kenji)).toMatchObject({ ok: false, code: 'NIR_BIRTH_MONTH_MISMATCH' });
  });

  it('birth date with unknown day and month: the year is checked', () => {
    expect(checkNirAgainstIdentity('175209935007729', youssef)).toMatchObject({ ok: true });
    const wrongYear = `1762099350077${nirKey('1762099350077')}`;
    expect(checkNirAgainstIdentity(wrongYear, youssef)).toMatchObject({ ok: false, code: 'NIR_BIRTH_YEAR_MISMATCH' });
  });

  it('Corsica before 1976: 20 is right, 2A is refused', () => {
    expect(checkNirAgainstIdentity('170052000411296', casanova)).toMatchObject({ ok: true });
    const with2A = `170052A004112${nirKey('170052A004112')}`;
    expect(checkNirAgainstIdentity(with2A, casanova)).toMatchObject({ ok: false });
  });

  it('a malformed NIR gets the library’s French message', () => {
    const r = checkNirAgainstIdentity('1234', kenji);
    expect(r).toMatchObject({ ok: false, code: 'NIR_LENGTH' });
    expect(!r.ok && r.message).toContain('15 caractères');
  });
});
