import { AppError, ERROR_CODES, type ErrorCode } from "@/lib/core/errors";

/** A job for the pair evaluator; id is the job's index in the input list. */
export interface JobMessage<P> {
  id: number;
  payload: P;
}

/** The evaluator's answer to one job: its result, or the error as plain data (it may cross a thread boundary). */
export type ReplyMessage<R> = { id: number; ok: true; result: R } | { id: number; ok: false; error: { code: string; message: string } };

/**
 * Turns a failed reply back into an error: an AppError when the evaluator
 * raised one with a known, user-facing code, a plain Error (internal) otherwise.
 * Used by the worker pool and the in-process path alike, so both report the
 * same error.
 */
export function replyError(error: { code: string; message: string }): Error {
  const code = (ERROR_CODES as readonly string[]).includes(error.code) ? (error.code as ErrorCode) : undefined;
  return code && code !== "internal" ? new AppError(code, error.message) : new Error(error.message);
}
