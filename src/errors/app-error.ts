import { errorEntry, type ErrorCode } from './registry';

/**
 * An error a person (or an API client) is meant to see: a stable code from the catalogue, the French
 * message, the HTTP status, and — for form input — the field it belongs to.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly field?: string,
    message?: string,
    /** what the client needs to go on, beside the message (documented in the OpenAPI error schema) */
    readonly details?: ErrorDetails,
  ) {
    super(message ?? errorEntry(code).message);
    this.name = 'AppError';
    this.status = errorEntry(code).status;
  }
}

/** Members an error may add to `error`, each documented in src/http/api/openapi.ts. */
export interface ErrorDetails {
  /** DEMARCHE_PAGE_NOT_APPLICABLE: the page where the request stands (null: every page is filled, the recap comes next) */
  nextPage?: string | null;
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** Several field errors at once (a form): rendered at each field and in the summary. */
export class ValidationError extends Error {
  readonly status = 400;
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly fields: FieldError[]) {
    super(errorEntry('VALIDATION_FAILED').message);
    this.name = 'ValidationError';
  }
}

export function fieldError(field: string, code: ErrorCode, message?: string): FieldError {
  return { field, code, message: message ?? errorEntry(code).message };
}

/** The JSON shape shared by every API error: `{ error: { code, message, fields?, …details } }`. */
export function errorBody(e: AppError | ValidationError): {
  error: { code: string; message: string; fields?: FieldError[] } & ErrorDetails;
} {
  if (e instanceof ValidationError) return { error: { code: e.code, message: e.message, fields: e.fields } };
  return {
    error: {
      code: e.code,
      message: e.message,
      ...(e.field ? { fields: [{ field: e.field, code: e.code, message: e.message }] } : {}),
      ...e.details,
    },
  };
}
