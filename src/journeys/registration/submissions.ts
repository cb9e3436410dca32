import type { z } from 'zod';
import { CodeBody } from '../../http/api/schemas';
import { submitCivilStatus } from './civil-status';
import { CivilStatusBody, ContactBody, DocumentBody, PasswordBody } from './schemas';
import {
  submitContact,
  submitDocument,
  submitPassword,
  verifyCode,
  type RegistrationDeps,
  type RequestMeta,
  type StepOutcome,
} from './use-cases';

/**
 * A step of the wizard as a page's form and a JSON body submit it: the zod schema its input is read
 * with, and its use case, which takes what that schema reads. (`run` is a method so that any step is a
 * `Submission<z.ZodType>` for the code that reads with `body` and hands the result to `run`.)
 */
export interface Submission<S extends z.ZodType> {
  body: S;
  run(d: RegistrationDeps, token: string, input: z.output<S>, meta: RequestMeta): Promise<StepOutcome>;
}

const submission = <S extends z.ZodType>(body: S, run: Submission<S>['run']): Submission<S> => ({ body, run });

/** The steps that take input, once for both channels (./pages.ts, ./api.ts). */
export const SUBMISSIONS = {
  civil_status: submission(CivilStatusBody, submitCivilStatus),
  identity_document: submission(DocumentBody, submitDocument),
  contact: submission(ContactBody, submitContact),
  code: submission(CodeBody, verifyCode),
  password: submission(PasswordBody, submitPassword),
};
