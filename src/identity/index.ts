/** Identity rules of Mon Compte: pure functions, French messages, stable error codes. */
export type { Result, IdentityError, IdentityWarning } from './result';
export { parseNir, nirKey, maskNir, formatNir, EXAMPLE_NIR } from './nir';
export type { ParsedNir, NirCivilStatus, BirthPlace, NirSex, NirKind, NirPlaceKind } from './nir';
export {
  findCommune,
  searchCommunes,
  findCountry,
  searchCountries,
  loadPlaceData,
  sameCommuneLineage,
} from './places';
export type { CommunePlace, CountryPlace, Departement, SearchOptions } from './places';
export { parseIdentityDocument, mrzCheckDigit, LocalDocumentVerifier } from './documents';
export type {
  DocumentKind,
  DocumentFormat,
  IdentityDocument,
  DocumentVerifier,
  DocumentVerification,
  DocumentVerificationStatus,
  LocalDocumentVerifierOptions,
} from './documents';
export { parseMobilePhone } from './phone';
export type { MobilePhone, PhoneTerritory } from './phone';
export {
  newProvisionalId,
  isProvisionalId,
  parseProvisionalId,
  formatProvisionalId,
  PROVISIONAL_ID_ALPHABET,
} from './provisional-id';
export type { RandomSource } from './provisional-id';
export { parseIban, maskIban, ibanRemainder, SEPA_IBAN_LENGTHS, IBAN_INPUT_MAX } from './iban';
export type { Iban } from './iban';
