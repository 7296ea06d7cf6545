import { encode } from "fast-png";
import { AppError } from "@/lib/core/errors";
import type { LabelMap } from "./types";

/** Throws unless `data.length === width * height` with positive integer sizes. */
export function checkLabelMapShape(map: LabelMap, what = "label map"): void {
  const { width, height } = map;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || map.data.length !== width * height) {
    throw new AppError("invalid_input", `${what}: ${map.data.length} values do not fill ${width}x${height} pixels`);
  }
}

/**
 * Encodes a label map as a single-channel grey PNG: 8-bit when every value is
 * <= 255 (also for a Uint16Array), 16-bit otherwise. Decoding the result with
 * decodeLabelMap gives the same values (a Uint8Array for 8-bit).
 */
export function encodeLabelMap(map: LabelMap): Uint8Array {
  checkLabelMapShape(map);
  const { width, height, data } = map;
  if (data instanceof Uint8Array) return encode({ width, height, data, depth: 8, channels: 1 });
  if (labelMapPngDepth(map) === 16) return encode({ width, height, data, depth: 16, channels: 1 });
  return encode({ width, height, data: Uint8Array.from(data), depth: 8, channels: 1 });
}

/** The bit depth a label map's PNG needs: 8 when every value is <= 255 (also in a Uint16Array), else 16. */
export function labelMapPngDepth(map: LabelMap): 8 | 16 {
  const { data } = map;
  if (data instanceof Uint8Array) return 8;
  for (let i = 0; i < data.length; i++) if (data[i] > 0xff) return 16;
  return 8;
}
