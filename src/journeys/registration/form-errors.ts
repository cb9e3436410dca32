import type { FieldError } from '../../errors/app-error';
import { readWith } from '../../http/api/input';
import { CIVIL_STATUS_FIELDS, inFieldOrder, readCivilStatus } from './civil-status';
import { CivilStatusBody } from './schemas';

/**
 * The errors a page shows when a step's schema (./schemas.ts) refused some of its fields before the
 * use case ran — a text longer than its maximum, mostly: each one says which field it is about, and,
 * at ④ État civil, the errors of every other field come with it (one over-long name hides nothing),
 * in the order of the fields on the page. The JSON API keeps the schema's refusal alone.
 */

/** How the pages name a field refused as too long (the sentence before « Ce champ ne doit pas dépasser… »). */
const TOO_LONG_SUBJECTS: Record<string, string> = {
  nir: 'Le numéro de sécurité sociale saisi est trop long.',
  civility: 'La civilité envoyée n’est pas valide.',
  birthName: 'Le nom de naissance saisi est trop long.',
  givenNames: 'Les prénoms saisis sont trop longs.',
  birthDate: 'La date de naissance saisie est trop longue.',
  birthPlaceKind: 'Le lieu de naissance envoyé n’est pas valide.',
  communeQuery: 'Le nom de commune saisi est trop long.',
  communeCode: 'Le code de commune envoyé est trop long.',
  countryQuery: 'Le nom de pays saisi est trop long.',
  countryCode: 'Le code de pays envoyé est trop long.',
  documentNumber: 'Le numéro du titre d’identité saisi est trop long.',
  email: 'L’adresse mail saisie est trop longue.',
  phone: 'Le numéro de téléphone portable saisi est trop long.',
  password: 'Le mot de passe saisi est trop long.',
  passwordConfirmation: 'La confirmation du mot de passe saisie est trop longue.',
};

/** A schema's « too long » errors with the field they are about named first. */
export function namedSchemaErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => {
    const subject = TOO_LONG_SUBJECTS[e.field.split('.')[0] ?? ''];
    return e.code === 'FIELD_TOO_LONG' && subject ? { ...e, message: `${subject} ${e.message}` } : e;
  });
}

/** ④ État civil refused by its schema: those fields' errors, named, and every other field's, in the order of the page. */
export function civilStatusFormErrors(schemaErrors: FieldError[], raw: Record<string, unknown>, now: number): FieldError[] {
  const refused = new Set(schemaErrors.map((e) => e.field.split('.')[0]));
  const rest = readWith(CivilStatusBody, Object.fromEntries(Object.entries(raw).filter(([k]) => !refused.has(k))));
  const others = rest.ok ? readCivilStatus(rest.data, now).errors.filter((e) => !refused.has(e.field)) : [];
  return inFieldOrder([...namedSchemaErrors(schemaErrors), ...others], CIVIL_STATUS_FIELDS);
}
