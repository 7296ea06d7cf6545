import { type Rng } from "./prng";
import { noiseTile, TILE, TILE_MASK } from "./noise";
import { scanPolygon, Shade } from "./raster";
import type { StreetContext } from "./street-context";

/**
 * Colour pass of a street scene: turns the instance map into linear RGB
 * floats (0–255 scale) from each surface's colour, texture, facing light,
 * ground shadows, distance haze, time-of-day ambient light and night glows.
 */

type Rgb = [number, number, number];

/** The global look of a scene: sky, clouds, haze, ambient light. */
export interface Look {
  skyTop: Rgb;
  skyHorizon: Rgb;
  cloud: Rgb;
  /** 0 = clear sky, 1 = fully overcast. */
  cloudiness: number;
  /** Multiplier of non-emissive surfaces (1 by day, ~0.15 at night). */
  ambient: number;
  /** Per-channel colour cast of the light. */
  tint: Rgb;
  /** Distance in metres at which haze reaches 63 %. */
  haze: number;
  hazeRgb: Rgb;
  /** Wet road: darker asphalt. */
  wet: boolean;
  stars: boolean;
}

/** Renders the colour image of the painted scene; returns w*h*3 floats. */
export function shadeStreet(ctx: StreetContext, look: Look, rng: Rng): Float32Array {
  const { raster: r, cam } = ctx;
  const { width: w, height: h, inst, surfaces } = r;
  const shadow = new Float32Array(w * h).fill(1);
  for (const sh of ctx.shadows) {
    scanPolygon(sh.pts, h, (y, x0, x1) => {
      const a = Math.max(0, Math.ceil(x0 - 0.5));
      const b = Math.min(w, Math.ceil(x1 - 0.5));
      for (let x = a; x < b; x++) if (shadow[y * w + x] > sh.k) shadow[y * w + x] = sh.k;
    });
  }
  const fine = noiseTile(2.2);
  const mid = noiseTile(6);
  const coarse = noiseTile(48);
  const clouds = noiseTile(64, 2.5, 3);
  const T = TILE;
  const M = TILE_MASK;
  const ox = Math.floor(rng() * T);
  const oy = Math.floor(rng() * T);
  const [cloudR, cloudG, cloudB] = look.cloud;
  const stars = look.stars;
  const n = surfaces.length;
  const kind = new Uint8Array(n);
  const base = new Float32Array(3 * n);
  const tex = new Float32Array(n);
  const gain = new Float32Array(3 * n);
  const grad = new Float32Array(n);
  const top = new Float32Array(n);
  const span = new Float32Array(n);
  const haze = new Float32Array(n);
  const ground = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const s = surfaces[k];
    kind[k] = s.shade;
    base.set(s.rgb, 3 * k);
    tex[k] = s.tex;
    for (let c = 0; c < 3; c++) gain[3 * k + c] = s.emissive ? 1 : s.light * look.ambient * look.tint[c];
    grad[k] = s.grad;
    top[k] = s.top;
    span[k] = s.bottom > s.top ? 1 / (s.bottom - s.top) : 0;
    haze[k] = 1 - Math.exp(-s.z / look.haze);
    ground[k] = s.ground ? 1 : 0;
  }
  const [hr, hg, hb] = look.hazeRgb;
  const [gr, gg, gb] = [look.skyHorizon[0] * 0.7, look.skyHorizon[1] * 0.7, look.skyHorizon[2] * 0.7];
  const c0 = 0.58 - 0.4 * look.cloudiness;
  const c1 = 0.9 - 0.3 * look.cloudiness;
  const wet = look.wet ? 0.72 : 1;
  const out = new Float32Array(w * h * 3);
  const horizon = Math.max(1, cam.horizon);
  const hazeInv = 1 / look.haze;
  for (let y = 0; y < h; y++) {
    const groundZ = y > cam.horizon + 0.5 ? (cam.f * cam.camH) / (y + 0.5 - cam.horizon) : 1e6;
    const groundHaze = 1 - Math.exp(-groundZ * hazeInv);
    const skyMix = Math.pow(Math.min(1, y / horizon), 1.6);
    const sr = look.skyTop[0] + (look.skyHorizon[0] - look.skyTop[0]) * skyMix;
    const sg = look.skyTop[1] + (look.skyHorizon[1] - look.skyTop[1]) * skyMix;
    const sb = look.skyTop[2] + (look.skyHorizon[2] - look.skyTop[2]) * skyMix;
    const row = ((y + oy) & M) * T;
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const ti = row + ((x + ox) & M);
      const id = inst[i];
      const sk = kind[id];
      const o = 3 * i;
      if (sk === SKY) {
        const c = smooth(c0, c1, clouds[ti]);
        const cm = 0.85 + 0.3 * mid[ti];
        out[o] = sr + (cloudR * cm - sr) * c;
        out[o + 1] = sg + (cloudG * cm - sg) * c;
        out[o + 2] = sb + (cloudB * cm - sb) * c;
        if (stars && rng() < 0.0015) out[o] = out[o + 1] = out[o + 2] = 150 + 100 * rng();
        continue;
      }
      let t = (y - top[id]) * span[id];
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      let m = 1 + grad[id] * (t - 0.5);
      let gShift = 1;
      if (sk === FOLIAGE) {
        m *= 0.5 + fine[ti] * 0.55 + mid[ti] * 0.45 + tex[id] * (coarse[ti] - 0.5);
        gShift = 0.9 + 0.2 * coarse[ti];
      } else if (sk === ASPHALT) {
        m *= (1 + tex[id] * (2 * fine[ti] - 1) + 0.12 * (2 * coarse[ti] - 1)) * wet;
      } else {
        m *= 1 + tex[id] * (2 * fine[ti] - 1 + 0.6 * (2 * mid[ti] - 1));
      }
      let cr = base[3 * id] * m;
      let cg = base[3 * id + 1] * m * gShift;
      let cb = base[3 * id + 2] * m;
      if (sk === GLASS) {
        const k = 0.45 * (1 - t);
        cr += (gr - cr) * k;
        cg += (gg - cg) * k;
        cb += (gb - cb) * k;
      }
      const sh = ground[id] ? shadow[i] : 1;
      cr *= gain[3 * id] * sh;
      cg *= gain[3 * id + 1] * sh;
      cb *= gain[3 * id + 2] * sh;
      const hz = ground[id] ? groundHaze : haze[id];
      out[o] = cr + (hr - cr) * hz;
      out[o + 1] = cg + (hg - cg) * hz;
      out[o + 2] = cb + (hb - cb) * hz;
    }
  }
  addGlows(ctx, out);
  return out;
}

const SKY = Shade.Sky;
const FOLIAGE = Shade.Foliage;
const ASPHALT = Shade.Asphalt;
const GLASS = Shade.Glass;

function smooth(a: number, b: number, v: number): number {
  const t = Math.min(1, Math.max(0, (v - a) / (b - a)));
  return t * t * (3 - 2 * t);
}

/** Adds soft radial light around night lamps and car lights. */
function addGlows(ctx: StreetContext, out: Float32Array): void {
  const { width: w, height: h } = ctx.raster;
  for (const g of ctx.glows) {
    const rad = Math.min(Math.max(g.radius, 2), w / 3);
    const x0 = Math.max(0, Math.floor(g.x - rad));
    const x1 = Math.min(w - 1, Math.ceil(g.x + rad));
    const ry = Math.max(1, rad * g.squash);
    const y0 = Math.max(0, Math.floor(g.y - ry));
    const y1 = Math.min(h - 1, Math.ceil(g.y + ry));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const d = Math.hypot((x + 0.5 - g.x) / rad, (y + 0.5 - g.y) / ry);
        if (d >= 1) continue;
        const k = g.strength * (1 - d) * (1 - d);
        const i = 3 * (y * w + x);
        out[i] += g.rgb[0] * k;
        out[i + 1] += g.rgb[1] * k;
        out[i + 2] += g.rgb[2] * k;
      }
    }
  }
}
