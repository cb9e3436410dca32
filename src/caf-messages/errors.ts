import type { Codes, ErrorEntry } from '../errors/registry';
import { REFUSAL_ERRORS } from '../justificatifs/errors';
import type { MessageRefusal } from './threads';

/** Errors of « Contacter ma Caf » (registered by src/app-errors.ts), each at its field. */
export const cafMessageErrors = {
  MESSAGE_SUBJECT_REQUIRED: {
    status: 400,
    message: 'Choisissez l’objet de votre message.',
    support: 'No subject, or one not in the list.',
  },
  MESSAGE_REQUIRED: { status: 400, message: 'Écrivez votre message.', support: 'Empty message body.' },
  MESSAGE_TOO_LONG: {
    status: 400,
    message: 'Votre message doit faire 2 000 caractères au plus. Raccourcissez-le, ou envoyez la suite dans un second message.',
    support: 'Message body over 2,000 characters.',
  },
  MESSAGE_DEMARCHE_UNKNOWN: {
    status: 400,
    message: 'Choisissez une démarche dans la liste, ou « Aucune démarche en particulier ».',
    support: 'Démarche not among those the person may name (own, or the household’s when managing it).',
  },
  MESSAGE_TOO_MANY_THREADS: {
    status: 429,
    message: 'Vous avez déjà écrit 10 nouveaux messages aujourd’hui. Répondez dans un échange existant, ou réessayez demain.',
    support: 'More than MAX_THREADS_PER_DAY threads started within 24 hours by one account.',
  },
  MESSAGE_NO_MESSAGE_TO_ATTACH: {
    status: 400,
    message: 'Écrivez d’abord un message : le fichier y sera joint.',
    support: 'File sent to a thread where this author has written nothing yet.',
  },
  MESSAGE_THREAD_NOT_FOUND: {
    status: 404,
    message: 'Ce message n’existe pas, ou vous n’y avez pas accès.',
    support: 'Unknown thread, or not visible to this person (not theirs, not shared with them).',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof cafMessageErrors> {}
}

export type CafMessageErrorCode = keyof typeof cafMessageErrors | (typeof REFUSAL_ERRORS)[keyof typeof REFUSAL_ERRORS];

/** The error code of a refusal, at its field. */
export function refusalCode(r: MessageRefusal): CafMessageErrorCode {
  switch (r.code) {
    case 'SUBJECT_REQUIRED':
      return 'MESSAGE_SUBJECT_REQUIRED';
    case 'MESSAGE_REQUIRED':
    case 'MESSAGE_TOO_LONG':
      return r.code;
    case 'DEMARCHE_UNKNOWN':
      return 'MESSAGE_DEMARCHE_UNKNOWN';
    case 'TOO_MANY_THREADS':
      return 'MESSAGE_TOO_MANY_THREADS';
    case 'FILE_REFUSED':
      return r.reason === 'no_file' ? 'MESSAGE_NO_MESSAGE_TO_ATTACH' : REFUSAL_ERRORS[r.reason];
  }
}
