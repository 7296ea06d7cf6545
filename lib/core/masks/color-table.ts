import { AppError } from "@/lib/core/errors";
import type { LabelArray, PngSamples, Rgb } from "./types";

/** Colour (24-bit key r << 16 | g << 8 | b) -> class value, plus the largest value. */
export interface ColorLookup {
  map: Map<number, number>;
  maxValue: number;
}

const MAX_LISTED = 5;

/** Formats a 24-bit colour key as `rgb(r,g,b) #rrggbb` for error messages. */
export function formatColor(key: number): string {
  const r = key >>> 16;
  const g = (key >>> 8) & 0xff;
  const b = key & 0xff;
  return `rgb(${r},${g},${b}) #${key.toString(16).padStart(6, "0")}`;
}

function colorKey(color: Rgb, what: string, prefix: string): number {
  if (color.length !== 3 || color.some((c) => !Number.isInteger(c) || c < 0 || c > 255)) {
    throw new AppError("invalid_input", `${prefix}${what} has an invalid colour [${color.join(",")}]`);
  }
  return (color[0] << 16) | (color[1] << 8) | color[2];
}

/**
 * Builds the colour -> value map from a class colour table (index = class) and
 * extra colours (e.g. void -> the ignore index). A colour given for two
 * different values is ambiguous and refused; errors name `fileName` (the mask
 * being read) when given.
 */
export function buildColorLookup(
  colorTable: readonly Rgb[],
  extra: readonly { value: number; color: Rgb }[] = [],
  fileName?: string,
): ColorLookup {
  const prefix = `${fileName ? `${fileName}: ` : ""}class colour table: `;
  const map = new Map<number, number>();
  let maxValue = 0;
  const add = (color: Rgb, value: number, what: string) => {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
      throw new AppError("invalid_input", `${prefix}${what} has an invalid value ${value}`);
    }
    const key = colorKey(color, what, prefix);
    const existing = map.get(key);
    if (existing !== undefined && existing !== value) {
      throw new AppError("invalid_input", `${prefix}${formatColor(key)} is given for both ${existing} and ${value}`);
    }
    map.set(key, value);
    if (value > maxValue) maxValue = value;
  };
  colorTable.forEach((color, index) => add(color, index, `class ${index}`));
  for (const entry of extra) add(entry.color, entry.value, `extra colour for value ${entry.value}`);
  return { map, maxValue };
}

/** 16-bit colour samples -> 8-bit, refusing a colour sample that is not an exact 8-bit value (v * 257); alpha is not checked. */
function narrowSamples(data: Uint16Array, channels: number, fileName: string): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    const high = value >>> 8;
    if ((value & 0xff) !== high && i % channels < 3) {
      throw new AppError("invalid_input", `${fileName}: 16-bit colour sample ${value} is not an 8-bit colour (expected a multiple of 257)`);
    }
    out[i] = high;
  }
  return out;
}

/**
 * Maps RGB(A) samples (3 or 4 channels, 8- or 16-bit; alpha ignored) to class
 * values. Runs of one colour are long in label maps, so the last colour is
 * cached before asking the Map. Unknown colours are counted and reported
 * together (up to 5, most frequent first) in one AppError naming the file,
 * or, with `unknownValue`, become that value (a prediction's wrong label).
 * 16-bit samples must be exact 8-bit colours (v * 257).
 */
export function mapColors(samples: PngSamples, lookup: ColorLookup, fileName: string, unknownValue?: number): LabelArray {
  const data = samples.data instanceof Uint16Array ? narrowSamples(samples.data, samples.channels, fileName) : samples.data;
  const n = samples.width * samples.height;
  const out = Math.max(lookup.maxValue, unknownValue ?? 0) <= 0xff ? new Uint8Array(n) : new Uint16Array(n);
  const unknown = mapColorRun(data, samples.channels, n, lookup.map, out, unknownValue ?? -1);
  if (unknown) throw unknownColorsError(unknown, fileName);
  return out;
}

/** The hot loop of {@link mapColors}; returns the unknown colours with their pixel counts, if any (none when `unknownValue` >= 0 stands in for them). */
function mapColorRun(data: Uint8Array, channels: number, n: number, map: Map<number, number>, out: LabelArray, unknownValue: number): Map<number, number> | undefined {
  let lastKey = -1;
  let lastValue = -1;
  let unknown: Map<number, number> | undefined;
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    const key = (data[j] << 16) | (data[j + 1] << 8) | data[j + 2];
    if (key !== lastKey) {
      lastKey = key;
      lastValue = map.get(key) ?? unknownValue;
    }
    if (lastValue >= 0) {
      out[i] = lastValue;
    } else {
      unknown ??= new Map();
      unknown.set(key, (unknown.get(key) ?? 0) + 1);
    }
  }
  return unknown;
}

function unknownColorsError(unknown: Map<number, number>, fileName: string): AppError {
  const sorted = [...unknown.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const listed = sorted.slice(0, MAX_LISTED).map(([key, count]) => `${formatColor(key)} (${count} px)`);
  const more = sorted.length > MAX_LISTED ? `, and ${sorted.length - MAX_LISTED} more` : "";
  const noun = sorted.length === 1 ? "colour that is" : "colours that are";
  return new AppError(
    "invalid_input",
    `${fileName}: colour mask has ${sorted.length} ${noun} not in the class colour table: ${listed.join(", ")}${more}`,
  );
}
