import { AppError } from "@/lib/core/errors";
import type { ModelQuality } from "./model-versions";

/** Checks seed (an integer in [0, 2^32)) and image size of a demo generator call; throws invalid_input naming the function and the bad value. */
export function checkSize(fn: string, width: number, height: number, seed = 0): void {
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new AppError("invalid_input", `${fn}: seed must be an integer in [0, 2^32), got ${String(seed)}`);
  }
  for (const [k, v] of [["width", width], ["height", height]] as const) {
    if (!Number.isInteger(v) || v < 32 || v > 4096) {
      throw new AppError("invalid_input", `${fn}: ${k} must be an integer between 32 and 4096, got ${String(v)}`);
    }
  }
}

/** Checks a model quality against a class count (strengths in [0, 1], robustness in [0, 1]); throws invalid_input naming the caller. */
export function checkQuality(fn: string, quality: ModelQuality, classes: number): void {
  const s = quality.classStrength;
  if (s.length !== classes || s.some((v) => !(v >= 0 && v <= 1))) {
    throw new AppError("invalid_input", `${fn}: classStrength must hold ${classes} numbers in [0, 1]`);
  }
  for (const [tag, r] of Object.entries(quality.tagRobustness)) {
    if (!(r >= 0 && r <= 1)) throw new AppError("invalid_input", `${fn}: tagRobustness["${tag}"] must be in [0, 1]`);
  }
  if (!(quality.invalidLabelRate >= 0 && quality.invalidLabelRate <= 1)) {
    throw new AppError("invalid_input", `${fn}: invalidLabelRate must be in [0, 1]`);
  }
}
