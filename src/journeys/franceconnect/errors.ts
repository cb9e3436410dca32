import type { ErrorEntry } from '../../errors/registry';

/**
 * Errors of the FranceConnect journeys on our side (the protocol errors are in
 * src/franceconnect/errors.ts, FC_ERROR_CATALOGUE). Messages are for the person; `support` is for
 * support staff. Shown at the field and in the error summary, or as the message of a page.
 * The contact and code steps use the registration's codes and words (src/journeys/contact-verification).
 */
export const franceConnectFlowErrors = {
  FC_NIR_REQUIRED: { status: 400, message: 'Saisissez votre numéro de sécurité sociale (15 caractères).', support: 'NIR missing.' },
  FC_NIR_NOT_THIS_PERSON: {
    status: 400,
    message: 'Ce numéro de sécurité sociale ne correspond pas à l’identité transmise par FranceConnect. Vérifiez votre saisie.',
    support: 'Typed NIR known to the répertoire for another civil status.',
  },
  FC_ACCOUNT_LINKED_ELSEWHERE: {
    status: 409,
    message:
      'Votre numéro de sécurité sociale correspond à un compte déjà relié à une autre identité FranceConnect. Pour votre sécurité, ce compte ne peut pas être relié à nouveau : appelez votre Caf.',
    support: 'The account of this NIR has another franceconnect_sub.',
  },
  FC_ACCOUNT_WITHOUT_PASSWORD: {
    status: 409,
    message:
      'Un compte existe déjà avec votre numéro de sécurité sociale, mais il ne peut pas être relié automatiquement. Appelez votre Caf.',
    support: 'The account of this NIR has neither password nor FranceConnect: ownership cannot be proven online.',
  },
  FC_PASSWORD_REQUIRED: {
    status: 400,
    message: 'Saisissez le mot de passe de votre compte.',
    support: 'Password proof: password missing.',
  },
  FC_PASSWORD_WRONG: {
    status: 400,
    message: 'Le mot de passe est incorrect. Si vous l’avez oublié, utilisez « Mot de passe oublié ? ».',
    support: 'Password proof failed (throttled like the login).',
  },
  FC_PASSWORD_THROTTLED: {
    status: 429,
    message: 'Trop de tentatives. Merci de patienter quelques minutes avant de réessayer.',
    support: 'Password proof throttled (same counters as the login).',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../../errors/registry' {
  interface ErrorCodes extends Codes<typeof franceConnectFlowErrors> {}
}

export type FranceConnectFlowErrorCode = keyof typeof franceConnectFlowErrors;
