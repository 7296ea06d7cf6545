import { BUILDING, ROAD, SIDEWALK, SKY, VEGETATION } from "./classes";
import { chance, intIn, pick, uniform } from "./prng";
import { Shade } from "./raster";
import { frontWall, groundQuad, pixels, project, sideWall, type StreetContext } from "./street-context";

/**
 * The static part of a street scene, painted back to front: sky, a distant
 * skyline at the horizon, the ground (road, markings, sidewalks, grass) and
 * two rows of buildings with windows. Depth-sorted objects come later.
 */

type Rgb = [number, number, number];

const FACADES: Rgb[] = [
  [196, 180, 150], [215, 205, 180], [150, 148, 145], [105, 104, 108], [150, 82, 62],
  [128, 98, 80], [222, 220, 214], [208, 188, 132], [112, 128, 146], [176, 160, 142],
];
const PAVEMENTS: Rgb[] = [[152, 148, 142], [165, 125, 112], [138, 138, 134], [170, 166, 156]];

/** Sky everywhere first; later layers cover it. */
export function paintSky(ctx: StreetContext): void {
  const r = ctx.raster;
  const id = r.add({ cls: SKY, rgb: [0, 0, 0], shade: Shade.Sky, z: Infinity, tex: 0 });
  r.box(0, 0, r.width, r.height, id);
}

/** A low band of far buildings and tree lines along the horizon (z ≈ 400 m). */
export function paintSkyline(ctx: StreetContext): void {
  const { raster: r, rng, cam } = ctx;
  const scale = cam.f / 350;
  const greys: Rgb[] = [[120, 126, 138], [138, 140, 150], [105, 112, 124]];
  let x = -20;
  while (x < r.width + 20) {
    const w = uniform(rng, 6, 26) * scale;
    if (chance(rng, 0.3)) {
      const id = r.add({ cls: VEGETATION, rgb: [70, 95, 60], shade: Shade.Foliage, z: 400, tex: 0.2 });
      const h = uniform(rng, 3, 9) * scale;
      r.ellipse(x + w / 2, cam.horizon, w * 0.7, h, id);
    } else {
      const id = r.add({ cls: BUILDING, rgb: pick(rng, greys), z: 400, tex: 0.05 });
      const h = uniform(rng, 2, chance(rng, 0.15) ? 34 : 16) * scale;
      r.box(x, cam.horizon - h, x + w, cam.horizon + 1, id);
    }
    x += w * uniform(rng, 0.6, 1.1);
  }
}

/** Ground strips: outer ground, sidewalks with curbs, road, lane markings, an optional crosswalk. */
export function paintGround(ctx: StreetContext): void {
  const { raster: r, rng, cam, roadHalf: rh, sidewalk: sw } = ctx;
  const zNear = 0.5;
  const zFar = 3000;
  const pave = pick(rng, PAVEMENTS);
  for (const s of [-1, 1] as const) {
    const kind = s < 0 ? ctx.sides.left : ctx.sides.right;
    const outer =
      kind === "park"
        ? r.add({ cls: VEGETATION, rgb: [86, 122, 52], shade: Shade.Foliage, tex: 0.25, ground: true })
        : r.add({ cls: SIDEWALK, rgb: pave, tex: 0.06, ground: true });
    r.polygon(groundQuad(cam, s * (rh + sw), s * 400, zNear, zFar), outer);
    const walk = r.add({ cls: SIDEWALK, rgb: pave, tex: 0.07, ground: true });
    r.polygon(groundQuad(cam, s * rh, s * (rh + sw), zNear, zFar), walk);
    const curb = r.add({ cls: SIDEWALK, rgb: [178, 176, 170], tex: 0.05, ground: true });
    r.polygon(groundQuad(cam, s * rh, s * (rh + 0.22), zNear, zFar), curb);
  }
  const grey = uniform(rng, 68, 98);
  const road = r.add({ cls: ROAD, rgb: [grey, grey, grey + 4], shade: Shade.Asphalt, tex: 0.12, ground: true });
  r.polygon(groundQuad(cam, -rh, rh, zNear, zFar), road);
  const paint = r.add({ cls: ROAD, rgb: [212, 212, 206], tex: 0.06, ground: true });
  for (const s of [-1, 1]) r.polygon(groundQuad(cam, s * (rh - 0.35), s * (rh - 0.23), zNear, zFar), paint);
  const dash = uniform(rng, 2.5, 4);
  const period = dash + uniform(rng, 4, 8);
  for (let z = uniform(rng, 0, period); z < 250; z += period) r.polygon(groundQuad(cam, -0.07, 0.07, z, z + dash), paint);
  if (chance(rng, 0.3)) {
    const z0 = uniform(rng, 9, 22);
    for (let x = -rh + 0.4; x < rh - 0.5; x += 1.1) r.polygon(groundQuad(cam, x, x + 0.55, z0, z0 + 3), paint);
  }
}

/** One row of buildings on side s (-1 left, 1 right), painted far to near. */
export function paintBuildings(ctx: StreetContext, s: -1 | 1): void {
  const { rng } = ctx;
  const blocks: { z0: number; z1: number; h: number; x: number; rgb: Rgb }[] = [];
  let z = uniform(rng, 0.5, 6);
  while (z < ctx.zFar) {
    const len = uniform(rng, 8, 28);
    const h = chance(rng, 0.12) ? uniform(rng, 35, 60) : uniform(rng, 7, 26);
    blocks.push({ z0: z, z1: z + len, h, x: s * (ctx.buildingLine + uniform(rng, 0, 1.2)), rgb: pick(rng, FACADES) });
    z += len + (chance(rng, 0.25) ? uniform(rng, 3, 9) : 0);
  }
  const lit = ctx.sunSide !== 0 && -s === ctx.sunSide;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i];
    paintBlock(ctx, s, b.x, b.z0, b.z1, b.h, b.rgb, lit);
    if (ctx.sunSide === s) {
      const reach = Math.min(b.h * 0.45, ctx.roadHalf * 2 + ctx.sidewalk);
      ctx.shadows.push({ pts: groundQuad(ctx.cam, b.x, b.x - s * reach, b.z0 + reach * 0.3, b.z1 + reach * 0.3), k: 0.55 });
    }
  }
}

function paintBlock(ctx: StreetContext, s: -1 | 1, x: number, z0: number, z1: number, h: number, rgb: Rgb, lit: boolean): void {
  const { raster: r, rng, cam } = ctx;
  const zm = (z0 + z1) / 2;
  const light = ctx.sunSide === 0 ? 0.9 : lit ? 1.12 : 0.62;
  const [, top] = project(cam, x, h, zm);
  const [, bottom] = project(cam, x, 0, zm);
  const front = r.add({ cls: BUILDING, rgb, z: z0, light: ctx.sunSide === 0 ? 0.8 : 0.85, tex: 0.07 });
  r.polygon(frontWall(cam, z0, x, x + s * 14, 0, h), front);
  const side = r.add({ cls: BUILDING, rgb, z: zm, light, tex: 0.07, grad: -0.15, top, bottom });
  r.polygon(sideWall(cam, x, z0, z1, 0, h), side);
  const cornice = r.add({ cls: BUILDING, rgb: [rgb[0] * 0.7, rgb[1] * 0.7, rgb[2] * 0.7], z: zm, light, tex: 0.05 });
  r.polygon(sideWall(cam, x, z0, z1, h - 0.6, h), cornice);
  const glass: Rgb = chance(rng, 0.5) ? [52, 62, 78] : [70, 78, 84];
  const windowSurface = r.add({ cls: BUILDING, rgb: glass, shade: Shade.Glass, z: zm, light: 1, tex: 0.04, top, bottom });
  const shop = r.add({ cls: BUILDING, rgb: [40, 46, 52], shade: Shade.Glass, z: zm, tex: 0.05, top, bottom });
  const litWindow = ctx.night ? r.add({ cls: BUILDING, rgb: [255, 214, 140], z: zm, emissive: true, tex: 0.05 }) : -1;
  const floor = uniform(rng, 3, 3.6);
  const step = uniform(rng, 2.4, 3.6);
  const winW = step * uniform(rng, 0.4, 0.6);
  const winH = floor * uniform(rng, 0.4, 0.55);
  for (let za = z0 + 0.8; za + winW < z1 - 0.5; za += step) {
    const wpx = Math.abs(pixels(cam, x - cam.camX, za) - pixels(cam, x - cam.camX, za + winW));
    if (wpx < 1.2) break;
    if (chance(rng, 0.7)) r.polygon(sideWall(cam, x, za, za + winW * 1.3, 0.4, 2.6), shop);
    for (let y = floor + 0.8; y + winH < h - 0.8; y += floor) {
      if (pixels(cam, winH, za) < 1.5) break;
      const lit = chance(rng, 0.35);
      const id = litWindow >= 0 && lit ? litWindow : windowSurface;
      r.polygon(sideWall(cam, x, za, za + winW, y, y + winH), id);
    }
  }
  if (pixels(cam, 1, z0) > 1.5) {
    const cols = intIn(rng, 3, 5);
    for (let c = 0; c < cols; c++) {
      const xa = x + s * (1.5 + c * 2.8);
      for (let y = floor + 0.8; y + winH < h - 0.8; y += floor) {
        const lit = chance(rng, 0.3);
        const id = litWindow >= 0 && lit ? litWindow : windowSurface;
        r.polygon(frontWall(cam, z0, xa, xa + s * 1.3, y, y + winH), id);
      }
    }
  }
}
