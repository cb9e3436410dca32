import type { PasswordRuleId } from '../../auth/passwords';
import { fieldError, type FieldError } from '../../errors/app-error';
import type { NewPasswordProblem } from './use-cases';

/** A new password refused: field errors (at `password` or `passwordConfirmation`). */
export function newPasswordErrors(problem: NewPasswordProblem, broken: PasswordRuleId[]): FieldError[] {
  if (problem === 'required') return [fieldError('password', 'AUTH_PASSWORD_REQUIRED')];
  if (problem === 'confirmation') return [fieldError('passwordConfirmation', 'AUTH_PASSWORD_CONFIRMATION_MISMATCH')];
  const labels: Record<PasswordRuleId, string> = {
    length: 'entre 10 et 64 caractères',
    digit: 'au moins 1 chiffre',
    lower: 'au moins 1 lettre minuscule',
    upper: 'au moins 1 lettre majuscule',
    alnum: 'uniquement des chiffres et des lettres non accentuées',
  };
  return [fieldError('password', 'AUTH_PASSWORD_RULES', `Le mot de passe doit comporter ${broken.map((b) => labels[b]).join(', ')}.`)];
}
