/** Outcome of every fallible function of the identity library. */
export interface IdentityError {
  /** Stable, UPPER_SNAKE code, safe to switch on (e.g. NIR_KEY_MISMATCH). */
  code: string;
  /** Message in French, written for the public. */
  message: string;
  /** The input field (or civil-status field) the error is about. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IdentityError };

/** A soft disagreement: the input is accepted but something deserves a look. */
export interface IdentityWarning {
  code: string;
  message: string;
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: string, message: string, field?: string): Result<T> {
  return field === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, field } };
}
