import { ValidationError } from '../../errors/app-error';
import { readCode as readTypedCode } from './codes';

/** The code typed, as the pages read it (spaces removed; missing or not 6 digits: a 400 at `code`). */
export function readCode(typed: string): string {
  const r = readTypedCode(typed);
  if (!r.ok) throw new ValidationError([r.error]);
  return r.code;
}
