import "server-only";
import type { Readable, Writable } from "node:stream";
import { AppError } from "@/lib/core/errors";

/**
 * The error a multipart upload ends with, as the caller should see it: an
 * AppError as it is; an error of the body's own format (busboy's
 * "Unexpected end of form", "Boundary not found", "Malformed part header":
 * plain `Error`s without a system `code`) as invalid_input naming the
 * problem; anything else (a full disk, a permission) as it is, so that it
 * stays an internal error.
 */
export function multipartError(error: unknown): unknown {
  // Only a plain Error (what busboy throws): a TypeError or RangeError of our own stays an internal error.
  if (error instanceof AppError || !(error instanceof Error) || error.constructor !== Error || "code" in error) return error;
  return new AppError("invalid_input", `The request body is not valid multipart/form-data (${error.message}).`, { cause: error });
}

/**
 * The way a busboy upload stops: the body's source piped into busboy, and
 * the promise's reject. `fail` stops at the first call (unpipes and destroys
 * the source and busboy, so the rest of the body is not read and busboy does
 * not wait for a destroyed part) and rejects; `failed` says whether it was
 * called, so busboy's "close" does not resolve as well.
 */
export function uploadStopper(source: Readable, bb: Writable, reject: (error: unknown) => void) {
  let failed = false;
  return {
    fail(error: unknown) {
      if (failed) return;
      failed = true;
      source.unpipe(bb);
      source.destroy();
      bb.destroy();
      reject(error);
    },
    get failed() {
      return failed;
    },
  };
}
