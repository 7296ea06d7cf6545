/** Skin tones and lesion pigments (sRGB 0–255 / multipliers) of the dermatology demo images. */

type Rgb = [number, number, number];

/** Skin tones, lightest first, with their metadata names. */
export const SKIN_TONES: readonly { name: string; rgb: Rgb }[] = [
  { name: "very light", rgb: [236, 200, 182] },
  { name: "light", rgb: [218, 172, 146] },
  { name: "medium", rgb: [198, 148, 116] },
  { name: "tan", rgb: [164, 116, 88] },
  { name: "dark", rgb: [124, 84, 64] },
];

/**
 * Lesion pigments as per-channel multipliers of the skin colour: the base of
 * the lesion and its darkest inner structures (brown, dark brown, blue-grey).
 */
export const LESION_TONES: readonly { base: Rgb; dark: Rgb }[] = [
  { base: [0.66, 0.56, 0.5], dark: [0.32, 0.24, 0.2] },
  { base: [0.58, 0.47, 0.42], dark: [0.24, 0.17, 0.15] },
  { base: [0.74, 0.64, 0.58], dark: [0.42, 0.32, 0.28] },
  { base: [0.6, 0.52, 0.54], dark: [0.3, 0.3, 0.4] },
];
