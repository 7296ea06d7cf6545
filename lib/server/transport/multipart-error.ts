import "server-only";
import { AppError } from "@/lib/core/errors";

/**
 * The error a multipart upload ends with, as the caller should see it: an
 * AppError as it is; an error of the body's own format (busboy's
 * "Unexpected end of form", "Boundary not found", "Malformed part header":
 * plain errors without a system `code`) as invalid_input naming the
 * problem; anything else (a full disk, a permission) as it is, so that it
 * stays an internal error.
 */
export function multipartError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Error) || "code" in error) return error;
  return new AppError("invalid_input", `The request body is not valid multipart/form-data (${error.message}).`, { cause: error });
}
