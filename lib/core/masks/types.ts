/** One class index per pixel: 8-bit when every possible value fits, 16-bit otherwise. */
export type LabelArray = Uint8Array | Uint16Array;

/** A decoded label map, row-major: `data[y * width + x]` is the class index of pixel (x, y). */
export interface LabelMap {
  width: number;
  height: number;
  data: LabelArray;
}

/** An 8-bit colour, `[r, g, b]`, each 0..255. */
export type Rgb = readonly [number, number, number];

export interface DecodeOptions {
  /** Used in every error message; defaults to "label map". */
  fileName?: string;
  /** Class index -> colour; needed to read RGB(A) colour masks. */
  colorTable?: readonly Rgb[];
  /** Further colours with the value they stand for, e.g. a void colour -> the ignore index. */
  colorTableExtra?: readonly { value: number; color: Rgb }[];
  /**
   * The value an RGB(A) colour outside the table becomes (a prediction's
   * unknown colour then counts as a wrong prediction, like a grey value
   * outside the class list); without it such a colour is an error naming
   * the file (ground truth).
   */
  unknownColorValue?: number;
  /** Largest accepted width * height, checked on the header before anything is inflated. Default 100,000,000. */
  maxPixels?: number;
  /**
   * Decode into this slot of the WebAssembly kernels' memory (lib/core/wasm),
   * when they are initialised and the slot was sized by reserveDecodeSlots:
   * the label data is then a view on wasm memory, valid until the next decode
   * into the same slot or the next reserveDecodeSlots. Lets a caller decode a
   * pair and count it without copying; ignored otherwise.
   */
  wasmSlot?: 0 | 1;
}

/** The fields of a PNG IHDR chunk that matter for label maps. */
export interface PngHeader {
  width: number;
  height: number;
  /** Bits per sample: 1, 2, 4, 8 or 16. */
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colorType: number;
  /** True for Adam7 interlacing. */
  interlaced: boolean;
}

/**
 * Unfiltered PNG samples in fast-png's layout: 8-bit samples in a Uint8Array,
 * 16-bit samples as numbers in a Uint16Array, `channels` interleaved per pixel;
 * for bit depths below 8 (one channel) each row is packed into
 * ceil(width * depth / 8) bytes, most significant bits first.
 */
export interface PngSamples {
  width: number;
  height: number;
  depth: number;
  channels: number;
  data: Uint8Array | Uint16Array;
}

/** Default for {@link DecodeOptions.maxPixels}. */
export const DEFAULT_MAX_PIXELS = 100_000_000;

/** PNG colour types. */
export const COLOR_TYPE = { grey: 0, rgb: 2, palette: 3, greyAlpha: 4, rgba: 6 } as const;

/** True for a PNG colour type of RGB(A) colours (as opposed to grey or palette values): such a mask needs a class colour table. */
export function isRgbColorType(colorType: number): boolean {
  return colorType === COLOR_TYPE.rgb || colorType === COLOR_TYPE.rgba;
}
