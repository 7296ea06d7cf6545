/** An 8-bit image buffer: 1 channel (grey), 3 (RGB) or 4 (RGBA, alpha ignored), row-major, interleaved. */
export interface HashableImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** Hash grid: 9 columns x 8 rows of grey values give 8 x 8 = 64 left/right comparisons. */
const COLS = 9;
const ROWS = 8;

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

/** Rec. 601 luma of one pixel, 0..255 (grey images pass through). */
function lumaRow(img: HashableImage, y: number, out: Float64Array): void {
  const { data, width, channels } = img;
  let p = y * width * channels;
  if (channels === 1) {
    for (let x = 0; x < width; x++) out[x] = data[p++];
    return;
  }
  for (let x = 0; x < width; x++, p += channels) out[x] = 0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2];
}

/** The image as 9 x 8 grey values (area averages of Rec. 601 luma), row-major. */
export function shrinkToHashGrid(img: HashableImage): Float64Array {
  const { width, height, channels, data } = img;
  if (width < 1 || height < 1 || data.length < width * height * channels) {
    throw new RangeError(`shrinkToHashGrid: a ${width}x${height}x${channels} image needs ${width * height * channels} bytes, got ${data.length}.`);
  }
  const colCells = areaWeights(width, COLS);
  const rowCells = areaWeights(height, ROWS);
  const grid = new Float64Array(COLS * ROWS);
  const row = new Float64Array(width);
  const rowSums = new Float64Array(COLS);
  // Rows of the source feed each output row with their weight; columns are reduced per source row first.
  const rowWeight = (y: number, r: number) => {
    const c = rowCells[r];
    const k = y - c.start;
    return k >= 0 && k < c.weights.length ? c.weights[k] : 0;
  };
  for (let y = 0; y < height; y++) {
    lumaRow(img, y, row);
    for (let j = 0; j < COLS; j++) {
      const c = colCells[j];
      let s = 0;
      for (let k = 0; k < c.weights.length; k++) s += row[c.start + k] * c.weights[k];
      rowSums[j] = s;
    }
    for (let r = 0; r < ROWS; r++) {
      const w = rowWeight(y, r);
      if (w > 0) for (let j = 0; j < COLS; j++) grid[r * COLS + j] += rowSums[j] * w;
    }
  }
  return grid;
}

/**
 * 64-bit difference hash (dHash) of an image as 16 hex characters: the
 * image is reduced to 9 x 8 area-averaged grey values; bit (row r, column c)
 * is 1 when the cell right of it is brighter (grid[r][c+1] > grid[r][c]),
 * bits in row-major order, most significant first. Robust to re-encoding,
 * small resizes, brightness shifts and mild noise; not to crops or flips.
 */
export function differenceHash(img: HashableImage): string {
  return hashFromGrid(shrinkToHashGrid(img));
}

/** dHash bits of a 9 x 8 grey grid (row-major), as 16 hex characters. */
export function hashFromGrid(grid: ArrayLike<number>): string {
  let hex = "";
  for (let r = 0; r < ROWS; r++) {
    let byte = 0;
    for (let c = 0; c < ROWS; c++) byte = (byte << 1) | (grid[r * COLS + c + 1] > grid[r * COLS + c] ? 1 : 0);
    hex += byte.toString(16).padStart(2, "0");
  }
  return hex;
}

const POPCOUNT4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Number of differing bits between two hex hashes of the same length (throws on a length mismatch or a non-hex character). */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new RangeError(`hammingDistance: hashes of different lengths (${a.length} and ${b.length}).`);
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    const p = parseInt(a[i], 16);
    const q = parseInt(b[i], 16);
    if (Number.isNaN(p) || Number.isNaN(q)) throw new RangeError(`hammingDistance: "${a[i]}${b[i]}" is not hex.`);
    d += POPCOUNT4[p ^ q];
  }
  return d;
}
