import { z } from 'zod';

/**
 * Identity received from FranceConnect (« identité pivot » + e-mail), in application terms.
 * - `givenName`: all given names, space-separated; `familyName`: birth name;
 *   `preferredUsername`: usage name when there is one.
 * - `birthdate`: `YYYY-MM-DD`, where `MM` and/or `DD` may be `00` when unknown (« date présumée »).
 * - `birthplace`: INSEE commune code at birth, `''` when born abroad; `birthcountry`: INSEE country
 *   code, `99100` = France.
 */
export interface FranceConnectIdentity {
  givenName: string;
  familyName: string;
  preferredUsername?: string;
  birthdate: string;
  gender: 'male' | 'female';
  birthplace: string;
  birthcountry: string;
  email?: string;
}

const nonEmpty = z.string().trim().min(1).max(256);

const userinfoSchema = z.object({
  sub: z.string().min(1),
  given_name: nonEmpty,
  family_name: nonEmpty,
  preferred_username: z.string().max(256).optional(),
  birthdate: z.string().regex(/^\d{4}-(0\d|1[0-2])-(0\d|[12]\d|3[01])$/, 'birthdate must be YYYY-MM-DD (00 allowed)'),
  gender: z.enum(['male', 'female']),
  birthplace: z.string().regex(/^(|\d{5}|2[AB]\d{3})$/, 'birthplace must be an INSEE commune code or empty'),
  birthcountry: z.string().regex(/^99\d{3}$/, 'birthcountry must be an INSEE country code (99xxx)'),
  email: z.string().max(320).optional(),
});

export function parseIdentity(claims: unknown): { ok: true; identity: FranceConnectIdentity } | { ok: false; detail: string } {
  const parsed = userinfoSchema.safeParse(claims);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
    return { ok: false, detail: `invalid or missing userinfo claims: ${fields}` };
  }
  const c = parsed.data;
  const [, month, day] = c.birthdate.split('-');
  if (month === '00' && day !== '00') return { ok: false, detail: 'birthdate with unknown month but known day' };
  if (c.birthcountry === '99100' && c.birthplace === '') {
    return { ok: false, detail: 'born in France without birthplace' };
  }
  if (c.birthcountry !== '99100' && c.birthplace !== '') {
    return { ok: false, detail: 'born abroad with a French birthplace' };
  }
  const preferred = c.preferred_username?.trim();
  const email = c.email?.trim();
  return {
    ok: true,
    identity: {
      givenName: c.given_name,
      familyName: c.family_name,
      ...(preferred ? { preferredUsername: preferred } : {}),
      birthdate: c.birthdate,
      gender: c.gender,
      birthplace: c.birthplace,
      birthcountry: c.birthcountry,
      ...(email ? { email } : {}),
    },
  };
}
