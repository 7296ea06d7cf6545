import { CAR, PERSON, POLE, SIGN, VEGETATION } from "./classes";
import { chance, pick, uniform } from "./prng";
import { Shade } from "./raster";
import { frontWall, groundQuad, pixels, project, sideWall, type StreetContext } from "./street-context";

/**
 * Street objects — cars, people, poles with lamps and signs, trees, hedges.
 * Each `add*` function queues a depth-keyed painter on `ctx.items`; the
 * scene composer paints them far to near so nearer objects occlude farther.
 */

type Rgb = [number, number, number];

const CAR_COLOURS: Rgb[] = [
  [225, 225, 228], [176, 179, 184], [30, 30, 34], [32, 46, 92], [158, 28, 26],
  [96, 99, 105], [42, 82, 150], [44, 80, 62], [228, 188, 40], [190, 176, 150],
];
const TOPS: Rgb[] = [[180, 40, 40], [40, 60, 140], [230, 230, 225], [40, 40, 44], [90, 120, 60], [200, 150, 40], [120, 70, 120], [70, 110, 160]];
const BOTTOMS: Rgb[] = [[35, 40, 60], [30, 30, 32], [90, 80, 70], [60, 70, 100], [140, 130, 110]];
const SKINS: Rgb[] = [[230, 190, 160], [200, 150, 115], [150, 100, 70], [100, 68, 50]];
const GREENS: Rgb[] = [[58, 92, 40], [74, 108, 44], [54, 84, 46], [88, 112, 50], [66, 100, 58]];

/**
 * A box standing on the ground: X centre, half width, heights y0..y1, depth
 * z0..z1. Paints the top (when seen from above), the side facing the camera
 * and the front face, in that order. `front` false skips the front face.
 */
function paintBox(ctx: StreetContext, X: number, hw: number, y0: number, y1: number, z0: number, z1: number, ids: { face: number; side: number; top: number }, front = true): void {
  const { raster: r, cam } = ctx;
  if (cam.camH > y1) r.polygon(groundQuadAt(ctx, X - hw, X + hw, z0, z1, y1), ids.top);
  const dx = X - cam.camX;
  if (Math.abs(dx) > hw) r.polygon(sideWall(cam, X - Math.sign(dx) * hw, z0, z1, y0, y1), ids.side);
  if (front) r.polygon(frontWall(cam, z0, X - hw, X + hw, y0, y1), ids.face);
}

function groundQuadAt(ctx: StreetContext, a: number, b: number, z0: number, z1: number, y: number): number[] {
  const c = ctx.cam;
  return [...project(c, a, y, z0), ...project(c, b, y, z0), ...project(c, b, y, z1), ...project(c, a, y, z1)];
}

/** A rounded rectangle facing the camera at depth z: X in [x0, x1], Y in [y0, y1], corner radius in metres. */
function faceBox(ctx: StreetContext, z: number, x0: number, x1: number, y0: number, y1: number, radius: number, id: number): void {
  const [a, b] = project(ctx.cam, x0, y1, z);
  const [c, d] = project(ctx.cam, x1, y0, z);
  ctx.raster.roundedBox(a, b, c, d, pixels(ctx.cam, radius, z), id);
}

/** Queues a car (or a van/bus when `tall`): lower body, cabin, glass, wheels, lights, ground shadow. */
export function addCar(ctx: StreetContext, X: number, z: number, opts: { facing: "rear" | "front"; tall?: boolean; rgb?: Rgb }): void {
  const { raster: r, rng, cam } = ctx;
  const w = opts.tall ? uniform(rng, 2.1, 2.5) : uniform(rng, 1.7, 1.9);
  const h = opts.tall ? uniform(rng, 2.6, 3.3) : uniform(rng, 1.4, 1.55);
  const len = opts.tall ? uniform(rng, 6, 11) : uniform(rng, 4, 4.8);
  const rgb = opts.rgb ?? pick(rng, CAR_COLOURS);
  const voidEdge = chance(rng, 0.7);
  const belt = opts.tall ? h * 0.55 : 0.95;
  ctx.shadows.push({ pts: groundQuad(cam, X - w / 2 - 0.15, X + w / 2 + 0.15, z - 0.3, z + len + 0.2), k: 0.35 });
  ctx.items.push({
    z,
    draw: () => {
      const top = project(cam, X, h, z)[1];
      const bottom = project(cam, X, 0, z)[1];
      const body = r.add({ cls: CAR, rgb, z, tex: 0.04, voidEdge, grad: -0.3, top, bottom });
      const bodySide = r.add({ cls: CAR, rgb, z, tex: 0.04, voidEdge, light: 0.8, grad: -0.3, top, bottom });
      const roof = r.add({ cls: CAR, rgb, z, tex: 0.03, voidEdge, light: 1.15 });
      const glass = r.add({ cls: CAR, rgb: [34, 40, 50], shade: Shade.Glass, z, tex: 0.03, voidEdge, top, bottom: (top + bottom) / 2 });
      const tyre = r.add({ cls: CAR, rgb: [24, 24, 26], z, tex: 0.05, voidEdge });
      const night = ctx.night;
      const lampRgb: Rgb = opts.facing === "rear" ? [210, 24, 20] : [245, 240, 220];
      const lamp = r.add({ cls: CAR, rgb: lampRgb, z, tex: 0.02, voidEdge, emissive: night });
      const lower = { face: body, side: bodySide, top: roof };
      paintBox(ctx, X, w / 2, 0.25, belt, z, z + len, lower, false);
      const cz0 = z + (opts.tall ? 0.3 : 0.8);
      const cz1 = z + len - (opts.tall ? 0.3 : 1.0);
      const chw = w / 2 - (opts.tall ? 0.05 : 0.14);
      paintBox(ctx, X, chw, belt, h, cz0, cz1, { face: body, side: bodySide, top: roof }, false);
      faceBox(ctx, cz0, X - chw, X + chw, belt - 0.05, h, 0.22, body);
      faceBox(ctx, cz0 - 0.01, X - chw + 0.12, X + chw - 0.12, belt + 0.08, h - 0.1, 0.12, glass);
      const dx = X - cam.camX;
      if (Math.abs(dx) > chw) r.polygon(sideWall(cam, X - Math.sign(dx) * chw, cz0 + 0.3, cz1 - 0.3, belt + 0.08, h - 0.1), glass);
      faceBox(ctx, z, X - w / 2, X + w / 2, 0.25, belt, 0.16, body);
      const wr = 0.34;
      for (const sx of [-1, 1]) {
        const [wx, wy] = project(cam, X + sx * (w / 2 - 0.28), wr, z + 0.05);
        r.ellipse(wx, wy, pixels(cam, 0.2, z), pixels(cam, wr, z), tyre);
        const [lx, ly] = project(cam, X + sx * (w / 2 - 0.22), belt - 0.15, z - 0.01);
        r.ellipse(lx, ly, pixels(cam, 0.16, z), pixels(cam, 0.08, z), lamp);
        if (night) ctx.glows.push({ x: lx, y: ly, radius: pixels(cam, opts.facing === "rear" ? 0.5 : 0.9, z), rgb: lampRgb, strength: 0.6, squash: 0.6 });
      }
      if (Math.abs(dx) > w / 2) {
        const sideX = X - Math.sign(dx) * (w / 2 + 0.02);
        for (const wz of [z + 0.9, z + len - 0.9]) {
          const pts: number[] = [];
          for (let k = 0; k < 14; k++) {
            const t = (k / 14) * Math.PI * 2;
            pts.push(...project(cam, sideX, wr + wr * Math.sin(t), wz + wr * Math.cos(t)));
          }
          r.polygon(pts, tyre);
        }
      }
      const plate = r.add({ cls: CAR, rgb: [232, 232, 228], z, tex: 0.02, voidEdge });
      r.polygon(frontWall(cam, z - 0.01, X - 0.26, X + 0.26, 0.42, 0.54), plate);
    },
  });
}

/** Queues a standing or walking person of height 1.5–1.95 m: legs, torso, arms, head (thin ellipses). */
export function addPerson(ctx: StreetContext, X: number, z: number): void {
  const { raster: r, rng, cam } = ctx;
  const H = uniform(rng, 1.5, 1.95);
  if (pixels(cam, H, z) < 7) return;
  const topRgb = pick(rng, TOPS);
  const legRgb = pick(rng, BOTTOMS);
  const skinRgb = pick(rng, SKINS);
  const hairRgb: Rgb = pick(rng, [[30, 24, 20], [80, 55, 30], [150, 120, 70], [60, 60, 60]]);
  const stride = chance(rng, 0.6) ? uniform(rng, 0.05, 0.16) : 0;
  const voidEdge = chance(rng, 0.7);
  const bag = chance(rng, 0.25);
  ctx.shadows.push({ pts: groundQuad(cam, X - 0.3, X + 0.3, z - 0.1, z + 0.4), k: 0.5 });
  ctx.items.push({
    z,
    draw: () => {
      const top = project(cam, X, H, z)[1];
      const bottom = project(cam, X, 0, z)[1];
      const opt = { cls: PERSON, z, voidEdge, tex: 0.06, top, bottom };
      const legs = r.add({ ...opt, rgb: legRgb, grad: -0.2 });
      const torso = r.add({ ...opt, rgb: topRgb, grad: -0.25 });
      const skin = r.add({ ...opt, rgb: skinRgb, tex: 0.03 });
      const hair = r.add({ ...opt, rgb: hairRgb });
      const px = (m: number) => pixels(cam, m, z);
      for (const sx of [-1, 1]) {
        const [lx, ly] = project(cam, X + sx * (0.09 + stride), H * 0.25, z);
        r.ellipse(lx, ly, px(0.085), px(H * 0.26), legs);
        const [ax, ay] = project(cam, X + sx * (0.235 + stride * 0.5), H * 0.6, z);
        r.ellipse(ax, ay, px(0.055), px(H * 0.17), torso);
        const [hx, hy] = project(cam, X + sx * (0.24 + stride * 0.5), H * 0.44, z);
        r.ellipse(hx, hy, px(0.045), px(0.06), skin);
      }
      const [tx, ty] = project(cam, X, H * 0.64, z);
      r.ellipse(tx, ty, px(0.21), px(H * 0.19), torso);
      const [nx, ny] = project(cam, X, H * 0.92, z);
      r.ellipse(nx, ny, px(0.085), px(0.11), skin);
      r.ellipse(nx, ny - px(0.05), px(0.088), px(0.07), hair);
      if (bag) {
        const bagId = r.add({ ...opt, rgb: [60, 40, 30] });
        r.polygon(frontWall(cam, z - 0.05, X + 0.2, X + 0.42, H * 0.42, H * 0.6), bagId);
      }
    },
  });
}

/** Queues a street-lamp pole (with arm and lamp head toward the road), optionally carrying a sign. */
export function addLampPole(ctx: StreetContext, X: number, z: number, withSign: boolean): void {
  const { raster: r, rng, cam } = ctx;
  const H = uniform(rng, 6, 9);
  const s = Math.sign(X) || 1;
  const grey: Rgb = chance(rng, 0.5) ? [110, 112, 116] : [70, 80, 70];
  const signAt = uniform(rng, 2.2, 3);
  ctx.items.push({
    z,
    draw: () => {
      const pole = r.add({ cls: POLE, rgb: grey, z, tex: 0.05, grad: 0.2 });
      const [x0, y1] = project(cam, X - 0.09, 0, z);
      const [x1, y0] = project(cam, X + 0.09, H, z);
      r.box(x0, y0, x1, y1, pole, 1);
      const arm = [...project(cam, X, H - 0.12, z), ...project(cam, X - s * 1.8, H + 0.15, z), ...project(cam, X - s * 1.8, H + 0.25, z), ...project(cam, X, H, z)];
      if (pixels(cam, 0.12, z) > 0.5) r.polygon(arm, pole);
      const head = r.add({ cls: POLE, rgb: ctx.night ? [255, 236, 190] : [150, 150, 146], z, emissive: ctx.night, tex: 0.03 });
      const [hx, hy] = project(cam, X - s * 1.8, H + 0.08, z);
      r.ellipse(hx, hy, Math.max(1, pixels(cam, 0.35, z)), Math.max(0.7, pixels(cam, 0.1, z)), head);
      if (ctx.night) {
        ctx.glows.push({ x: hx, y: hy, radius: pixels(cam, 2.2, z), rgb: [255, 214, 150], strength: 0.7, squash: 1 });
        const [gx, gy] = project(cam, X - s * 1.8, 0, z);
        ctx.glows.push({ x: gx, y: gy, radius: pixels(cam, 5, z), rgb: [255, 200, 130], strength: 0.22, squash: 0.25 });
      }
      if (withSign) paintSign(ctx, X, signAt, z - 0.1);
    },
  });
}

/** Queues a thin sign post with a sign on top (a hard class: a few pixels wide). */
export function addSignPost(ctx: StreetContext, X: number, z: number): void {
  const { raster: r, rng, cam } = ctx;
  const H = uniform(rng, 2.1, 2.6);
  ctx.items.push({
    z,
    draw: () => {
      const post = r.add({ cls: POLE, rgb: [128, 130, 134], z, tex: 0.04 });
      const [x0, y1] = project(cam, X - 0.04, 0, z);
      const [x1, y0] = project(cam, X + 0.04, H, z);
      r.box(x0, y0, x1, y1, post, 1);
      paintSign(ctx, X, H, z - 0.05);
    },
  });
}

function paintSign(ctx: StreetContext, X: number, Y: number, z: number): void {
  const { raster: r, rng, cam } = ctx;
  const voidEdge = chance(rng, 0.5);
  const add = (rgb: Rgb) => r.add({ cls: SIGN, rgb, z, tex: 0.03, voidEdge });
  const kind = pick(rng, ["round", "round-blue", "triangle", "square", "direction"] as const);
  const size = uniform(rng, 0.55, 0.8);
  const [cx, cy] = project(cam, X, Y + size / 2, z);
  const p = pixels(cam, size / 2, z);
  if (p < 0.8) return;
  if (kind === "round" || kind === "round-blue") {
    r.ellipse(cx, cy, p, p, add(kind === "round" ? [196, 28, 30] : [28, 72, 168]));
    if (kind === "round") r.ellipse(cx, cy, p * 0.72, p * 0.72, add([236, 236, 232]));
    else r.box(cx - p * 0.12, cy - p * 0.55, cx + p * 0.12, cy + p * 0.55, add([236, 236, 232]));
  } else if (kind === "triangle") {
    r.polygon([cx, cy - p, cx + p * 1.05, cy + p * 0.8, cx - p * 1.05, cy + p * 0.8], add([196, 28, 30]));
    r.polygon([cx, cy - p * 0.55, cx + p * 0.65, cy + p * 0.55, cx - p * 0.65, cy + p * 0.55], add([236, 236, 226]));
  } else if (kind === "square") {
    r.roundedBox(cx - p, cy - p, cx + p, cy + p, p * 0.15, add([30, 84, 170]));
    r.box(cx - p * 0.4, cy - p * 0.6, cx + p * 0.4, cy + p * 0.6, add([236, 236, 232]));
  } else {
    r.roundedBox(cx - p * 1.6, cy - p * 0.9, cx + p * 1.6, cy + p * 0.7, p * 0.1, add([24, 110, 64]));
  }
}

/** Queues a tree: trunk plus a crown of bumpy overlapping blobs (all vegetation). */
export function addTree(ctx: StreetContext, X: number, z: number, scale = 1): void {
  const { raster: r, rng, cam } = ctx;
  const trunkH = uniform(rng, 2.2, 3.8) * scale;
  const R = uniform(rng, 1.6, 3) * scale;
  const parts = Array.from({ length: 4 + Math.floor(rng() * 4) }, () => ({
    dx: uniform(rng, -0.6, 0.6) * R,
    dy: trunkH + R * uniform(rng, 0.6, 1.3),
    rr: R * uniform(rng, 0.55, 0.85),
    ph: rng() * 6.28,
    rgb: pick(rng, GREENS),
  }));
  ctx.shadows.push({ pts: groundQuad(cam, X - R, X + R, z - R * 0.6, z + R), k: 0.6 });
  ctx.items.push({
    z,
    draw: () => {
      const trunk = r.add({ cls: VEGETATION, rgb: [78, 62, 46], z, tex: 0.12 });
      const [x0, y1] = project(cam, X - 0.16 * scale, 0, z);
      const [x1, y0] = project(cam, X + 0.16 * scale, trunkH + R, z);
      r.box(x0, y0, x1, y1, trunk, 1);
      for (const c of parts) {
        const id = r.add({ cls: VEGETATION, rgb: c.rgb, shade: Shade.Foliage, z, tex: 0.3 });
        const [bx, by] = project(cam, X + c.dx, c.dy, z);
        const rp = pixels(cam, c.rr, z);
        r.blob(bx, by, 28, (t) => rp * (1 + 0.1 * Math.sin(5 * t + c.ph) + 0.07 * Math.sin(11 * t + 2 * c.ph)), id);
      }
    },
  });
}

/** Queues a hedge or bush: a low vegetation mass, width `w` and height `h` metres. */
export function addHedge(ctx: StreetContext, X: number, z: number, w: number, h: number): void {
  const { raster: r, rng, cam } = ctx;
  const rgb = pick(rng, GREENS);
  const ph = rng() * 6.28;
  ctx.items.push({
    z,
    draw: () => {
      const id = r.add({ cls: VEGETATION, rgb, shade: Shade.Foliage, z, tex: 0.3 });
      const [cx, base] = project(cam, X, 0, z);
      const hw = pixels(cam, w / 2, z);
      const hp = pixels(cam, h, z);
      const pts: number[] = [cx - hw, base];
      for (let i = 0; i <= 24; i++) {
        const t = i / 24;
        const bump = 0.85 + 0.15 * Math.sin(t * 19 + ph) + 0.1 * Math.sin(t * 41 + 2 * ph);
        pts.push(cx - hw + 2 * hw * t, base - hp * bump * Math.sqrt(Math.sin(Math.PI * Math.min(1, 0.05 + t * 0.9))));
      }
      pts.push(cx + hw, base);
      r.polygon(pts, id);
    },
  });
}
