/**
 * The one error type of Intersect. Every failure that a user may see carries
 * one of a closed set of codes; transports map the code to an HTTP status and
 * a UI message here and nowhere else. Unknown errors become a generic message.
 */
export const ERROR_CODES = [
  "invalid_input",
  "unauthenticated",
  "not_found",
  "method_not_allowed",
  "conflict",
  "too_large",
  "rate_limited",
  "cross_origin",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 422,
  unauthenticated: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  cross_origin: 403,
  internal: 500,
};

const GENERIC_MESSAGE: Record<ErrorCode, string> = {
  invalid_input: "The input is not valid.",
  unauthenticated: "Please sign in.",
  not_found: "Not found.",
  // An HTTP method a route does not serve (the REST API answers it with an Allow header).
  method_not_allowed: "This method is not allowed here.",
  conflict: "This conflicts with the current state. Reload and try again.",
  too_large: "The upload is too large.",
  rate_limited: "Too many attempts. Try again later.",
  // A mutating request from another site (CSRF); ownership failures are not_found, never this.
  cross_origin: "This request came from another site and was refused.",
  internal: "Something went wrong on our side. Try again, and tell your administrator if it persists.",
};

export interface AppErrorOptions {
  /** Per-field messages for forms. */
  fieldErrors?: Record<string, string[]>;
  cause?: unknown;
}

/** An expected failure with a code from {@link ERROR_CODES} and a message safe to show the user. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: ErrorCode, message?: string, options: AppErrorOptions = {}) {
    super(message ?? GENERIC_MESSAGE[code], options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors;
  }
}

/** Plain, serialisable error shape returned by server actions and route handlers. */
export interface ErrorDto {
  code: ErrorCode;
  message: string;
  fieldErrors?: Record<string, string[]>;
}

/** Turns anything thrown into a safe DTO; unknown errors never leak their message. */
export function toErrorDto(error: unknown): ErrorDto {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
  }
  return { code: "internal", message: GENERIC_MESSAGE.internal };
}

/** HTTP status for an error code. */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

/** One problem found by a schema check (a zod issue fits): where, and why. */
export interface FieldIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * Per-field messages keyed by the full dotted path of each problem
 * ("config.url", not just "config"), so a form can put the reason next to
 * the field; problems of the whole value go under `rootKey`.
 */
export function fieldErrorsFromIssues(issues: readonly FieldIssue[], rootKey: string): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[issuePath(issue) || rootKey] ??= []).push(issue.message);
  return fieldErrors;
}

/** An issue's dotted path ("input.mean"), "" for the value as a whole. */
const issuePath = (issue: FieldIssue) => issue.path.map(String).join(".");

/** One issue as a readable line: "input.mean: Too small…", or the bare message for the whole value (e.g. an unrecognized key). */
export function issueLine(issue: FieldIssue): string {
  const at = issuePath(issue);
  return at ? `${at}: ${issue.message}` : issue.message;
}

/** Every issue of a failed parse as one line each (see {@link issueLine}). */
export function issueLines(issues: readonly FieldIssue[]): string[] {
  return issues.map(issueLine);
}

/** "field: reason", one per problem (what the REST API lists as `problems`). */
export function fieldErrorLines(fieldErrors: Record<string, readonly string[]>): string[] {
  return Object.entries(fieldErrors).flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`));
}
