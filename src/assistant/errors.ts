import type { ErrorEntry } from '../errors/catalogue';

/** Errors of the assistant (registered by src/app-errors.ts). */
export const assistantErrors = {
  ASSISTANT_QUESTION_REQUIRED: {
    status: 400,
    message: 'Écrivez votre question, par exemple « Je n’ai pas reçu le code ».',
    support: 'Assistant question missing or blank.',
  },
  ASSISTANT_QUESTION_TOO_LONG: {
    status: 400,
    message: 'Votre question doit faire 500 caractères au plus. Raccourcissez-la, ou posez une question à la fois.',
    support: 'Assistant question over 500 characters.',
  },
  ASSISTANT_QUESTION_NOT_TEXT: {
    status: 400,
    message: 'Votre question doit être du texte.',
    support: 'Assistant question is not a string (JSON body with another type), or the body is not a JSON object.',
  },
  ASSISTANT_STEP_UNKNOWN: {
    status: 400,
    message: 'L’étape indiquée n’existe pas. Rechargez la page et posez à nouveau votre question.',
    support: 'Assistant step is not one of ASSISTANT_STEPS (src/assistant/steps.ts).',
  },
  ASSISTANT_RATE_LIMITED: {
    status: 429,
    message: 'Vous avez posé beaucoup de questions en peu de temps. Patientez une minute avant la suivante, ou appelez votre Caf.',
    support: 'Assistant questions rate limit reached for this IP.',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof assistantErrors> {}
}
