import { LESION_TONES, SKIN_TONES } from "./lesion-palette";
import { DEMO_LESION_CLASSES, type DemoScene } from "./classes";
import { boundaryField } from "./degrade";
import { noiseTile, TILE, TILE_MASK } from "./noise";
import { chance, intIn, mixSeed, mulberry32, pick, uniform, type Rng } from "./prng";
import { Raster } from "./raster";
import { exposeImage } from "./scene-post";
import { checkSize } from "./validate";

/**
 * Synthetic dermoscopy-like images for the "Dermatology" demo app: skin
 * with pores, redness and lighting, one irregular pigmented lesion (label 1)
 * with a soft border and darker inner structures, optional dark vignette
 * corners, and two scenario tags drawn from the seed: `hair-occlusion`
 * (~30 %, dark hairs across the image, mask unchanged) and `low-contrast`
 * (~25 %, lesion colour close to the skin).
 */

/** Image size in pixels (integers in [32, 4096]). */
export interface LesionOptions {
  width: number;
  height: number;
}

type Rgb = [number, number, number];

/** Generates one lesion scene (classes `DEMO_LESION_CLASSES`); deterministic for (seed, size). */
export function generateLesionScene(seed: number, opts: LesionOptions): DemoScene {
  const { width: w, height: h } = opts;
  checkSize("generateLesionScene", w, h, seed);
  const tagRng = mulberry32(mixSeed("lesion-tags", seed));
  const hair = tagRng() < 0.3;
  const lowContrast = tagRng() < 0.25;
  const rng = mulberry32(mixSeed("lesion-layout", seed));
  const minSide = Math.min(w, h);

  const raster = new Raster(w, h);
  const skinId = raster.add({ cls: 0, rgb: [0, 0, 0] });
  raster.box(0, 0, w, h, skinId);
  const lesionId = raster.add({ cls: 1, rgb: [0, 0, 0] });
  const cx = w * uniform(rng, 0.38, 0.62);
  const cy = h * uniform(rng, 0.38, 0.62);
  const R = minSide * uniform(rng, 0.14, 0.32);
  const harmonics = Array.from({ length: 12 }, (_, i) => ({ a: uniform(rng, 0, 0.22) / (1 + i * 0.8), p: rng() * 6.283, n: i + 2 }));
  const radius = (t: number) => R * (1 + harmonics.reduce((s, hm) => s + hm.a * Math.cos(hm.n * t + hm.p), 0));
  raster.blob(cx, cy, 120, radius, lesionId, uniform(rng, 0.75, 1.2));
  const mask = raster.mask;

  const skinTone = pick(rng, SKIN_TONES);
  const skin = skinTone.rgb;
  const pigment = pick(rng, LESION_TONES);
  const tone = { base: pigment.base.map((m, c) => m * skin[c]), dark: pigment.dark.map((m, c) => m * skin[c]) };
  const contrast = lowContrast ? uniform(rng, 0.22, 0.38) : uniform(rng, 0.7, 1);
  const { dist } = boundaryField(mask, w, h);
  const fuzz = 3 * Math.max(1.5, minSide * uniform(rng, 0.008, 0.025));
  const core = inner(rng, w, h, cx, cy, R);
  const rgb = new Float32Array(w * h * 3);
  const pores = noiseTile(1.6);
  const blotch = noiseTile(40, 1, 2);
  const mottle = noiseTile(9, 1, 2);
  const network = noiseTile(3.5);
  const netStrength = uniform(rng, 0.1, 0.35);
  const ox = Math.floor(rng() * TILE);
  const oy = Math.floor(rng() * TILE);
  const lightX = uniform(rng, -0.25, 0.25);
  const lightY = uniform(rng, -0.25, 0.25);
  const redness = uniform(rng, 0, 0.12);
  const T = TILE;
  const M = TILE_MASK;
  for (let y = 0; y < h; y++) {
    const row = ((y + oy) & M) * T;
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const ti = row + ((x + ox) & M);
      const shade = 1 + lightX * (x / w - 0.5) + lightY * (y / h - 0.5) + 0.08 * (pores[ti] - 0.5);
      const red = redness * blotch[ti];
      let r = skin[0] * shade * (1 + red * 0.6);
      let g = skin[1] * shade * (1 - red);
      let b = skin[2] * shade * (1 - red * 0.5);
      const inside = mask[i] === 1;
      const alpha = contrast * smooth(-0.6 * fuzz, fuzz, inside ? dist[i] - 1.5 : 1.5 - dist[i]);
      if (alpha > 0) {
        const k = core[i];
        const net = Math.abs(network[ti] - 0.5) < 0.06 ? 1 - netStrength : 1;
        const m = (0.8 + 0.4 * mottle[ti]) * net;
        const lr = (tone.base[0] + (tone.dark[0] - tone.base[0]) * k) * m;
        const lg = (tone.base[1] + (tone.dark[1] - tone.base[1]) * k) * m;
        const lb = (tone.base[2] + (tone.dark[2] - tone.base[2]) * k) * m;
        r += (lr - r) * alpha;
        g += (lg - g) * alpha;
        b += (lb - b) * alpha;
      }
      rgb[3 * i] = r;
      rgb[3 * i + 1] = g;
      rgb[3 * i + 2] = b;
    }
  }
  if (hair) drawHairs(rgb, w, h, rng);
  const vignette = chance(rng, 0.4);
  const image = exposeImage(w, h, rgb, { exposure: uniform(rng, 0.92, 1.05), noise: uniform(rng, 1.5, 3.5), vignette: vignette ? 0.9 : 0.15, gain: [1, 1, 1] }, rng);
  const tags: string[] = [];
  if (hair) tags.push("hair-occlusion");
  if (lowContrast) tags.push("low-contrast");
  let area = 0;
  for (let i = 0; i < mask.length; i++) area += mask[i];
  return {
    name: `lesion-${String(seed).padStart(4, "0")}`,
    width: w,
    height: h,
    image,
    mask: mask.slice(),
    tags,
    metadata: {
      domain: "dermatology",
      seed,
      site: pick(rng, ["back", "chest", "arm", "leg", "face"]),
      skinTone: skinTone.name,
      device: pick(rng, ["dermoscope-polarised", "dermoscope-contact", "phone-clip-on"]),
      lesionAreaPct: Math.round((area / mask.length) * 1000) / 10,
      classes: DEMO_LESION_CLASSES.length,
    },
  };
}

function smooth(a: number, b: number, v: number): number {
  const t = Math.min(1, Math.max(0, (v - a) / (b - a)));
  return t * t * (3 - 2 * t);
}

/** Darkness of inner structures in [0, 1]: a darker off-centre core plus a few dots (globules). */
function inner(rng: Rng, w: number, h: number, cx: number, cy: number, R: number): Float32Array {
  const out = new Float32Array(w * h);
  const blobs = [{ x: cx + uniform(rng, -0.3, 0.3) * R, y: cy + uniform(rng, -0.3, 0.3) * R, r: R * uniform(rng, 0.35, 0.65), k: uniform(rng, 0.5, 0.9) }];
  const dots = intIn(rng, 0, 12);
  for (let d = 0; d < dots; d++) {
    const a = rng() * 6.283;
    const rr = R * Math.sqrt(rng()) * 0.8;
    blobs.push({ x: cx + Math.cos(a) * rr, y: cy + Math.sin(a) * rr, r: Math.max(1, R * uniform(rng, 0.03, 0.07)), k: 1 });
  }
  for (const b of blobs) {
    const x0 = Math.max(0, Math.floor(b.x - b.r));
    const x1 = Math.min(w - 1, Math.ceil(b.x + b.r));
    const y0 = Math.max(0, Math.floor(b.y - b.r));
    const y1 = Math.min(h - 1, Math.ceil(b.y + b.r));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const q = 1 - Math.hypot(x - b.x, y - b.y) / b.r;
        if (q > 0) out[y * w + x] = Math.max(out[y * w + x], b.k * Math.min(1, q * 2));
      }
    }
  }
  return out;
}

/** Draws 12–40 dark, slightly curved hairs (quadratic Béziers) into the image only. */
function drawHairs(rgb: Float32Array, w: number, h: number, rng: Rng): void {
  const n = intIn(rng, 12, 40);
  const minSide = Math.min(w, h);
  for (let k = 0; k < n; k++) {
    const x0 = uniform(rng, -0.1, 1.1) * w;
    const y0 = uniform(rng, -0.1, 1.1) * h;
    const a = rng() * Math.PI * 2;
    const len = minSide * uniform(rng, 0.3, 0.9);
    const x2 = x0 + Math.cos(a) * len;
    const y2 = y0 + Math.sin(a) * len;
    const bend = uniform(rng, -0.25, 0.25) * len;
    const x1 = (x0 + x2) / 2 - Math.sin(a) * bend;
    const y1 = (y0 + y2) / 2 + Math.cos(a) * bend;
    const width = Math.max(0.5, minSide * uniform(rng, 0.002, 0.005));
    const dark: Rgb = [uniform(rng, 25, 60), uniform(rng, 18, 40), uniform(rng, 12, 30)];
    const steps = Math.ceil(len * 1.5);
    for (let s = 0; s <= steps; s++) {
      const t = s / steps;
      const px = (1 - t) * (1 - t) * x0 + 2 * (1 - t) * t * x1 + t * t * x2;
      const py = (1 - t) * (1 - t) * y0 + 2 * (1 - t) * t * y1 + t * t * y2;
      stamp(rgb, w, h, px, py, width, dark);
    }
  }
}

function stamp(rgb: Float32Array, w: number, h: number, px: number, py: number, radius: number, c: Rgb): void {
  const x0 = Math.max(0, Math.floor(px - radius - 1));
  const x1 = Math.min(w - 1, Math.ceil(px + radius + 1));
  const y0 = Math.max(0, Math.floor(py - radius - 1));
  const y1 = Math.min(h - 1, Math.ceil(py + radius + 1));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const d = Math.hypot(x + 0.5 - px, y + 0.5 - py);
      const a = Math.min(1, Math.max(0, radius + 0.5 - d)) * 0.85;
      if (a <= 0) continue;
      const i = 3 * (y * w + x);
      rgb[i] += (c[0] - rgb[i]) * a;
      rgb[i + 1] += (c[1] - rgb[i + 1]) * a;
      rgb[i + 2] += (c[2] - rgb[i + 2]) * a;
    }
  }
}
