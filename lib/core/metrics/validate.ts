import { AppError } from "@/lib/core/errors";

/** Largest class count accepted: a matrix has numClasses * (numClasses + 1) cells (4096 classes = 134 MB). */
export const MAX_CLASSES = 4096;

/** Throws AppError("invalid_input") naming `where` unless n is an integer in 1..MAX_CLASSES. */
export function checkNumClasses(n: number, where: string): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_CLASSES) {
    throw new AppError("invalid_input", `${where}: numClasses must be an integer in 1..${MAX_CLASSES}, got ${n}`);
  }
}
