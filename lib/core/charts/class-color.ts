/** An RGB triple 0..255. */
export type Rgb = readonly [number, number, number];

/** A class colour prepared for drawing on the white page: the fill, plus an outline (and a text colour) when the fill alone would vanish. */
export interface ClassPaint {
  /** CSS colour of the fill (the class's own colour, never altered: a class looks the same everywhere). */
  fill: string;
  /** CSS colour of an outline around the fill; set when the fill is too close to white. */
  stroke: string | null;
  /** CSS colour for text drawn in the class colour: the class colour, darkened until readable on white. */
  text: string;
  /** Contrast ratio of the fill against white (WCAG), 1..21. */
  contrast: number;
}

/** Below this contrast against white a fill gets an outline (e.g. the white "lesion" class). */
export const MIN_FILL_CONTRAST = 1.5;
/** Text in a class colour must reach this contrast against white (WCAG AA for large text). */
export const MIN_TEXT_CONTRAST = 3;

const channel = (v: number) => {
  const c = Math.max(0, Math.min(255, v)) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of an sRGB colour, 0 (black) .. 1 (white). */
export function luminance([r, g, b]: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of a colour against white. */
export function contrastOnWhite(rgb: Rgb): number {
  return 1.05 / (luminance(rgb) + 0.05);
}

const css = ([r, g, b]: Rgb) => `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;

/** The colour scaled towards black until it reaches `target` contrast on white (unchanged when it already does). */
export function darkenTo(rgb: Rgb, target: number): Rgb {
  let c: Rgb = rgb;
  for (let f = 1; contrastOnWhite(c) < target && f > 0; f -= 0.05) c = [rgb[0] * f, rgb[1] * f, rgb[2] * f];
  return c;
}

/**
 * The contrast guard used wherever a class colour is drawn: the fill keeps
 * the class colour; a fill with contrast < 1.5 against white gets a dark
 * outline (the class colour darkened), and text uses the colour darkened to
 * a readable contrast. An unknown colour (null) is mid grey.
 */
export function classPaint(rgb: Rgb | null | undefined): ClassPaint {
  const c: Rgb = rgb ?? [128, 128, 128];
  const contrast = contrastOnWhite(c);
  return {
    fill: css(c),
    stroke: contrast < MIN_FILL_CONTRAST ? css(darkenTo(c, 4.5)) : null,
    text: css(darkenTo(c, MIN_TEXT_CONTRAST)),
    contrast,
  };
}
