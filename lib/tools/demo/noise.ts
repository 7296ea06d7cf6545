import { mixSeed, mulberry32, type Rng } from "./prng";

/**
 * Cached value-noise textures for texture, clouds and ragged prediction
 * edges. Each is built once per process from a fixed seed; images sample it
 * at a random offset, so noise costs one lookup per pixel.
 */

/** Side of the cached noise tiles, in pixels (a power of two). */
export const TILE = 512;
/** `x & TILE_MASK` wraps a coordinate into a tile. */
export const TILE_MASK = TILE - 1;

const tiles = new Map<string, Float32Array>();

/**
 * A periodic TILE x TILE value-noise texture (values in [0, 1]) with lattice
 * spacing close to `cell` pixels (horizontally `cell * aspect`), built once
 * per process from a fixed seed and cached. Generators sample it at a random
 * offset per image, `tile[((y + oy) & TILE_MASK) * TILE + ((x + ox) & TILE_MASK)]`,
 * which costs a lookup instead of a noise evaluation per pixel.
 */
export function noiseTile(cell: number, aspect = 1, octaves = 1): Float32Array {
  const key = `${cell}:${aspect}:${octaves}`;
  const cached = tiles.get(key);
  if (cached) return cached;
  const out = new Float32Array(TILE * TILE);
  let total = 0;
  for (let o = 0; o < octaves; o++) {
    const weight = 1 / 2 ** o;
    total += weight;
    const layer = periodicNoise(cell / 2 ** o, aspect, mulberry32(mixSeed("noise-tile", key, o)));
    for (let i = 0; i < out.length; i++) out[i] += layer[i] * weight;
  }
  for (let i = 0; i < out.length; i++) out[i] /= total;
  tiles.set(key, out);
  return out;
}

function periodicNoise(cell: number, aspect: number, rng: Rng): Float32Array {
  const gw = Math.max(1, Math.round(TILE / Math.max(1, cell * aspect)));
  const gh = Math.max(1, Math.round(TILE / Math.max(1, cell)));
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = rng();
  const out = new Float32Array(TILE * TILE);
  for (let y = 0; y < TILE; y++) {
    const fy = (y * gh) / TILE;
    const gy = Math.floor(fy);
    let ty = fy - gy;
    ty = ty * ty * (3 - 2 * ty);
    const r0 = (gy % gh) * gw;
    const r1 = ((gy + 1) % gh) * gw;
    for (let x = 0; x < TILE; x++) {
      const fx = (x * gw) / TILE;
      const gx = Math.floor(fx);
      let tx = fx - gx;
      tx = tx * tx * (3 - 2 * tx);
      const g0 = gx % gw;
      const g1 = (gx + 1) % gw;
      const a = grid[r0 + g0] + (grid[r0 + g1] - grid[r0 + g0]) * tx;
      const b = grid[r1 + g0] + (grid[r1 + g1] - grid[r1 + g0]) * tx;
      out[y * TILE + x] = a + (b - a) * ty;
    }
  }
  return out;
}
