/** An 8-bit image buffer: 1 channel (grey), 3 (RGB) or 4 (RGBA, alpha ignored), row-major, interleaved. */
export interface HashableImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/**
 * For each output cell along one axis, the source indices and their
 * coverage weights (exact area averaging: a source pixel partly inside a
 * cell counts with the covered fraction). Works for up- and down-scaling.
 */
function areaWeights(src: number, dst: number): { start: number; weights: number[] }[] {
  const cells = [];
  const step = src / dst;
  for (let i = 0; i < dst; i++) {
    const a = i * step;
    const b = (i + 1) * step;
    const start = Math.floor(a);
    const weights: number[] = [];
    for (let s = start; s < Math.min(src, Math.ceil(b)); s++) weights.push((Math.min(b, s + 1) - Math.max(a, s)) / step);
    cells.push({ start, weights });
  }
  return cells;
}

/** Rec. 601 luma of one source row, 0..255 (grey images pass through). */
function lumaRow(img: HashableImage, y: number, out: Float64Array): void {
  const { data, width, channels } = img;
  let p = y * width * channels;
  if (channels === 1) {
    for (let x = 0; x < width; x++) out[x] = data[p++];
    return;
  }
  for (let x = 0; x < width; x++, p += channels) out[x] = 0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2];
}

/**
 * The image as `cols` x `rows` grey values (exact area averages of Rec. 601
 * luma, 0..255), row-major. Throws a RangeError when the buffer is shorter
 * than the image.
 */
export function shrinkToGreyGrid(img: HashableImage, cols: number, rows: number): Float64Array {
  const { width, height, channels, data } = img;
  if (width < 1 || height < 1 || data.length < width * height * channels) {
    throw new RangeError(`shrinkToGreyGrid: a ${width}x${height}x${channels} image needs ${width * height * channels} bytes, got ${data.length}.`);
  }
  const colCells = areaWeights(width, cols);
  // Per source row, the output rows it feeds and with which weight.
  const feeds: { r: number; w: number }[][] = Array.from({ length: height }, () => []);
  areaWeights(height, rows).forEach((c, r) => c.weights.forEach((w, k) => feeds[c.start + k].push({ r, w })));
  const grid = new Float64Array(cols * rows);
  const row = new Float64Array(width);
  const rowSums = new Float64Array(cols);
  for (let y = 0; y < height; y++) {
    lumaRow(img, y, row);
    for (let j = 0; j < cols; j++) {
      const c = colCells[j];
      let s = 0;
      for (let k = 0; k < c.weights.length; k++) s += row[c.start + k] * c.weights[k];
      rowSums[j] = s;
    }
    for (const { r, w } of feeds[y]) for (let j = 0; j < cols; j++) grid[r * cols + j] += rowSums[j] * w;
  }
  return grid;
}
