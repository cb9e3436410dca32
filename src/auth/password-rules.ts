import { fieldError, type FieldError } from '../errors/app-error';

/**
 * THE password rules and their French, in one place: the five rules of the seed, the live checklist
 * of the forms (`label`), the sentence that lists the broken ones (`text`), and the one check of a new
 * password and its confirmation — used by « Créer Mon Compte », « Mot de passe oublié », the recovery
 * without contact and « Sécurité du compte ». One error code per refusal (src/auth/errors.ts):
 * `AUTH_PASSWORD_REQUIRED`, `AUTH_PASSWORD_RULES` (the message names the broken rules),
 * `AUTH_PASSWORD_CONFIRMATION_REQUIRED`, `AUTH_PASSWORD_CONFIRMATION_MISMATCH`.
 */
export const passwordRules = [
  { id: 'length', label: '10 à 64 caractères', text: 'entre 10 et 64 caractères', test: (p: string) => p.length >= 10 && p.length <= 64 },
  { id: 'digit', label: '1 chiffre', text: 'au moins 1 chiffre', test: (p: string) => /[0-9]/.test(p) },
  { id: 'lower', label: '1 lettre minuscule', text: 'au moins 1 lettre minuscule', test: (p: string) => /[a-z]/.test(p) },
  { id: 'upper', label: '1 lettre majuscule', text: 'au moins 1 lettre majuscule', test: (p: string) => /[A-Z]/.test(p) },
  {
    id: 'alnum',
    label: 'chiffres et lettres uniquement',
    text: 'uniquement des chiffres et des lettres non accentuées (sans espace ni caractère spécial)',
    test: (p: string) => p.length > 0 && /^[A-Za-z0-9]*$/.test(p),
  },
] as const;

export type PasswordRuleId = (typeof passwordRules)[number]['id'];

/** The rules a candidate password breaks (empty when it is acceptable). */
export function brokenPasswordRules(p: string): PasswordRuleId[] {
  return passwordRules.filter((r) => !r.test(p)).map((r) => r.id);
}

/** « Le mot de passe doit comporter au moins 1 chiffre et au moins 1 lettre majuscule. » */
export function passwordRulesMessage(broken: readonly PasswordRuleId[]): string {
  const parts = broken.map((id) => passwordRules.find((r) => r.id === id)!.text);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}` : parts[0];
  return `Le mot de passe doit comporter ${list}.`;
}

/**
 * Every refusal of a new password and its confirmation, at their fields (`password`,
 * `passwordConfirmation`), in the order of the form; empty when both are right.
 */
export function newPasswordRefusals(password: string, confirmation: string): FieldError[] {
  const errors: FieldError[] = [];
  const broken = brokenPasswordRules(password);
  if (!password) errors.push(fieldError('password', 'AUTH_PASSWORD_REQUIRED'));
  else if (broken.length > 0) errors.push(fieldError('password', 'AUTH_PASSWORD_RULES', passwordRulesMessage(broken)));
  if (!confirmation) errors.push(fieldError('passwordConfirmation', 'AUTH_PASSWORD_CONFIRMATION_REQUIRED'));
  else if (password && confirmation !== password) errors.push(fieldError('passwordConfirmation', 'AUTH_PASSWORD_CONFIRMATION_MISMATCH'));
  return errors;
}

/**
 * The first refusal only, for the forms that show one at a time (« Mot de passe oublié », the
 * recovery, « Sécurité du compte »); undefined when the new password is accepted.
 */
export function newPasswordRefusal(password: string, confirmation: string): FieldError | undefined {
  return newPasswordRefusals(password, confirmation)[0];
}
