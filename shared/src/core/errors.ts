/**
 * Errors the engine raises for bad requests. Every error names the field it is about
 * and carries a plain Chinese message for users; `code` is stable for programs.
 * The engine never answers a bad request with a number.
 */
export type EngineErrorCode =
  | 'UNKNOWN_SCHEME'
  | 'UNKNOWN_BENEFIT'
  | 'NO_VERSION_IN_FORCE'
  | 'INVALID_AMOUNT'
  | 'NEGATIVE_AMOUNT'
  | 'INVALID_DATE'
  | 'INVALID_FIELD'
  | 'MISSING_FIELD'
  | 'CALENDAR_GAP'
  | 'INVALID_TRANSITION'
  | 'INVALID_ID_NUMBER';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  /** Dotted path of the request field at fault, e.g. `facts.selfPayOutOfCatalogue`. */
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: EngineErrorCode, message: string, field?: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.field = field;
    this.details = details;
  }

  toJSON(): { code: EngineErrorCode; field?: string; message: string; details?: Record<string, unknown> } {
    return { code: this.code, field: this.field, message: this.message, details: this.details };
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}
