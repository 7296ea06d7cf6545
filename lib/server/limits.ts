import "server-only";
/**
 * The per-image pixel limit and the view size, in one place.
 *
 * Memory budget (measured by lib/tools/bench/view-memory.ts on a 16-bit grey
 * mask pair, the worst case: 2 B/px per label map):
 * - Engine, per running evaluation: the ground truth and the prediction
 *   decoded (2 B/px each, decoded in place in the inflate buffer), the
 *   scorer's scratch, and the re-encoded prediction (~2 B/px of raw rows plus
 *   the compressor's buffers): about 12 B/px. At the default limit of
 *   40,000,000 pixels (8000x5000; an 8K UHD frame is 33 MP) that is
 *   0.48 GB above the server's ~0.2 GB (100 MP, the 10000x10000
 *   pair, would need 1.1 GB and is refused). An ONNX model adds its input
 *   (3 B/px of RGB) and its own tensors.
 * - Views: truth / prediction / error PNGs are rendered at VIEW_MAX_SIDE from
 *   a streaming decoder that keeps only the rows and columns it shows
 *   (lib/core/masks/decode-view.ts): ~35 MB per view whatever the image
 *   size (40 MP: 27–38 MB, 0.5–1.1 s; 100 MP: 32–53 MB, 1–1.8 s, on 2
 *   busy cores), instead of 0.6 GB (40 MP) and 1.5 GB (100 MP) at full size.
 *   Each view is rendered once and then served from the RenderedView blob
 *   cache.
 *
 * INTERSECT_MAX_IMAGE_PIXELS overrides the limit (read once at start); raise
 * it only with ~12 B/px of memory per concurrently running evaluation.
 */

/** Largest width x height accepted for any image, mask or prediction. */
export const MAX_IMAGE_PIXELS = positiveInt(process.env.INTERSECT_MAX_IMAGE_PIXELS, 40_000_000);

/** Longest side, in pixels, of a rendered truth / prediction / error view. */
export const VIEW_MAX_SIDE = 1024;

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
