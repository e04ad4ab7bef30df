import { errorCatalogue, type ErrorCode } from './catalogue.js';

export interface AppErrorOptions {
  details?: Record<string, unknown>;
  cause?: unknown;
  /** Whether the message is safe to show to the caller; server faults default to false. */
  expose?: boolean;
}

/** The one error type Warden throws across module boundaries. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.expose = options.expose ?? this.status < 500;
    this.details = options.details;
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

/** Normalises anything thrown into Warden's error body, hiding what is not safe to show. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const message = err.expose ? err.message : 'Internal error; see the server log.';
    const body: ErrorBody = { error: { code: err.code, message } };
    if (err.expose && err.details) body.error.details = err.details;
    return { status: err.status, body };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error; see the server log.' } } };
}

export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}
