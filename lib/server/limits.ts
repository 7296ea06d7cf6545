/**
 * The per-image pixel limit and the view size, in one place.
 *
 * Memory budget: evaluating one image holds the ground truth and the
 * prediction decoded (worst case 16-bit grey: 2 B/px each, decoded in place
 * in the inflate buffer), a colour prediction's RGB samples (3 B/px) while
 * it is mapped to classes, and the re-encoded prediction (~2 B/px
 * uncompressed rows): about 10 B/px at worst. With the default limit of
 * 40,000,000 pixels (e.g. 8000x5000; an 8K UHD frame is 33 MP) that is
 * ~400 MB per running evaluation on top of the server's ~200 MB. Views are
 * rendered at display size from a streaming decoder (sample-views.ts), so a
 * view of the largest image needs a few MB, not gigabytes.
 *
 * INTERSECT_MAX_IMAGE_PIXELS overrides the limit (read once at start).
 */

/** Largest width x height accepted for any image, mask or prediction. */
export const MAX_IMAGE_PIXELS = positiveInt(process.env.INTERSECT_MAX_IMAGE_PIXELS, 40_000_000);

/** Longest side, in pixels, of a rendered truth / prediction / error view. */
export const VIEW_MAX_SIDE = 1024;

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
