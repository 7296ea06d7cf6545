import { createRng, smoothNoise, type Rng } from "./rng";

/** Cityscapes' 19 evaluation classes, in index order; 255 = void. */
export const STREET_CLASSES = [
  "road", "sidewalk", "building", "wall", "fence", "pole", "traffic light", "traffic sign", "vegetation",
  "terrain", "sky", "person", "rider", "car", "truck", "bus", "train", "motorcycle", "bicycle",
] as const;
export const STREET_VOID = 255;
const C = Object.fromEntries(STREET_CLASSES.map((name, i) => [name, i])) as Record<(typeof STREET_CLASSES)[number], number>;

/** Paints rows y0..y1 (exclusive) with spans [left(y), right(y)) in class value. */
function fillSpans(data: Uint8Array, width: number, y0: number, y1: number, span: (y: number) => [number, number], value: number): void {
  const height = data.length / width;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(height, Math.ceil(y1)); y++) {
    const [l, r] = span(y);
    const a = Math.max(0, Math.round(l));
    const b = Math.min(width, Math.round(r));
    if (b > a) data.fill(value, y * width + a, y * width + b);
  }
}

/** A blob with a ragged outline: an ellipse whose half-width wiggles row by row. */
function blob(data: Uint8Array, width: number, rng: Rng, cx: number, cy: number, rx: number, ry: number, value: number): void {
  const wiggle = smoothNoise(rng, Math.max(1, rx * 0.12), 6, 60, 3);
  fillSpans(data, width, cy - ry, cy + ry, (y) => {
    const t = (y - cy) / ry;
    const hw = rx * Math.sqrt(Math.max(0, 1 - t * t)) + wiggle(y) + rng.int(-1, 1);
    return [cx - hw, cx + hw];
  }, value);
}

/** A vehicle: a wide body with a narrower cabin on top and ragged sides. */
function vehicle(data: Uint8Array, width: number, rng: Rng, cx: number, bottom: number, w: number, h: number, value: number): void {
  const wiggle = smoothNoise(rng, Math.max(1, w * 0.01), 20, 120, 2);
  fillSpans(data, width, bottom - h, bottom, (y) => {
    const r = (y - (bottom - h)) / h;
    const hw = (w / 2) * (r < 0.4 ? 0.65 + (0.35 * r) / 0.4 : 1) + wiggle(y) + (rng.chance(0.3) ? rng.int(-1, 1) : 0);
    return [cx - hw, cx + hw];
  }, value);
}

/**
 * A synthetic street scene label map (Cityscapes classes, 8-bit, 255 = void):
 * sky, a skyline of buildings, walls and trees with ragged roofs, a road in
 * perspective with sidewalks, terrain and fences, then vehicles, people,
 * riders, poles with signs and lights, and an ego-vehicle hood plus a few
 * small void regions. Large regions with irregular edges, as real masks have
 * — neither noise nor a single colour. Deterministic for a seed.
 */
export function generateStreetScene(width: number, height: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const data = new Uint8Array(width * height).fill(C.sky);
  const horizon = height * rng.range(0.4, 0.52);
  const groundNoise = smoothNoise(rng, height * 0.01, 80, 700);
  const groundLine = Float64Array.from({ length: width }, (_, x) => horizon + groundNoise(x));

  for (let x = 0; x < width; ) {
    const w = rng.int(60, 420);
    const kind = rng.pick([C.building, C.building, C.building, C.vegetation, C.vegetation, C.wall]);
    const top = kind === C.wall ? horizon - rng.range(20, 80) : horizon - rng.range(60, horizon * 0.95);
    const roof = smoothNoise(rng, kind === C.vegetation ? 30 : 3, 15, 120);
    for (let xx = x; xx < Math.min(width, x + w); xx++) {
      const y0 = Math.max(0, Math.round(top + roof(xx) + rng.int(-1, 1)));
      const y1 = Math.min(height, Math.round(groundLine[xx]));
      for (let y = y0; y < y1; y++) data[y * width + xx] = kind;
    }
    x += w;
  }

  const vp = width * rng.range(0.35, 0.65);
  const spread = rng.range(0.55, 0.85);
  const edgeL = smoothNoise(rng, 6, 30, 300);
  const edgeR = smoothNoise(rng, 6, 30, 300);
  const leftSide = rng.pick([C.terrain, C.vegetation, C.sidewalk]);
  const rightSide = rng.pick([C.terrain, C.building, C.wall]);
  const road = (y: number): [number, number] => {
    const t = Math.max(0, (y - horizon) / (height - horizon));
    const hw = t * width * spread;
    return [vp - hw + edgeL(y), vp + hw + edgeR(y)];
  };
  for (let y = Math.floor(horizon - height * 0.02); y < height; y++) {
    const t = Math.max(0, (y - horizon) / (height - horizon));
    const [l, r] = road(y);
    const walk = t * width * 0.14 + 2;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (y < groundLine[x]) continue;
      data[row + x] = x < l - walk ? leftSide : x < l ? C.sidewalk : x < r ? C.road : x < r + walk ? C.sidewalk : rightSide;
    }
  }

  if (rng.chance(0.7)) {
    const side = rng.chance(0.5);
    const fenceTop = smoothNoise(rng, 4, 20, 200);
    fillSpans(data, width, horizon - height * 0.05, height, (y) => {
      const [l, r] = road(y);
      const t = Math.max(0, (y - horizon) / (height - horizon));
      const walk = t * width * 0.14 + 2;
      const h = (y - horizon) * 0.12 + fenceTop(y);
      return side ? [l - walk - h - 10, l - walk] : [r + walk, r + walk + h + 10];
    }, C.fence);
  }

  const objects = rng.int(8, 30);
  for (let i = 0; i < objects; i++) {
    const bottom = rng.range(horizon + 15, height * 0.97);
    const s = (bottom - horizon) / (height - horizon);
    const [l, r] = road(bottom);
    const onRoad = rng.range(l, r);
    const offRoad = rng.chance(0.5) ? rng.range(l - s * width * 0.14, l) : rng.range(r, r + s * width * 0.14);
    const kind = rng.pick(["car", "car", "car", "person", "person", "pole", "pole", "truck", "bus", "rider", "moto", "train"] as const);
    if (kind === "car") vehicle(data, width, rng, onRoad, bottom, s * rng.range(220, 420) + 20, s * rng.range(150, 260) + 12, C.car);
    else if (kind === "truck" || kind === "bus") vehicle(data, width, rng, onRoad, bottom, s * rng.range(400, 700) + 30, s * rng.range(350, 600) + 25, C[kind]);
    else if (kind === "train" && rng.chance(0.3)) vehicle(data, width, rng, onRoad, bottom, s * 1200 + 60, s * 500 + 30, C.train);
    else if (kind === "person") {
      const h = s * rng.range(150, 320) + 14;
      blob(data, width, rng, offRoad, bottom - h / 2, h * 0.17, h / 2, C.person);
    } else if (kind === "rider" || kind === "moto") {
      const h = s * rng.range(150, 280) + 14;
      blob(data, width, rng, onRoad, bottom - h * 0.22, h * 0.32, h * 0.22, kind === "rider" ? C.bicycle : C.motorcycle);
      blob(data, width, rng, onRoad, bottom - h * 0.62, h * 0.14, h * 0.3, C.rider);
    } else if (kind === "pole") {
      const pw = Math.max(3, s * rng.range(8, 22));
      const top = bottom - (bottom - 0) * rng.range(0.45, 0.85);
      fillSpans(data, width, top, bottom, () => [offRoad - pw / 2 + rng.int(0, 1), offRoad + pw / 2], C.pole);
      if (rng.chance(0.5)) blob(data, width, rng, offRoad, top + pw * 3, pw * 2.5, pw * 2.5, C["traffic sign"]);
      else if (rng.chance(0.6)) fillSpans(data, width, top, top + pw * 5, () => [offRoad - pw * 1.2, offRoad + pw * 1.2], C["traffic light"]);
    }
  }

  const hood = smoothNoise(rng, height * 0.02, 300, 2000, 2);
  const hoodTop = height * rng.range(0.86, 0.93);
  fillSpans(data, width, hoodTop - height * 0.03, height, (y) => {
    const dy = y - hoodTop;
    const hw = width * 0.45 + dy * 4 + hood(y);
    return [width / 2 - hw, width / 2 + hw];
  }, STREET_VOID);
  const voids = rng.int(0, 5);
  for (let i = 0; i < voids; i++) {
    blob(data, width, rng, rng.range(0, width), rng.range(horizon, height), rng.range(8, 60), rng.range(8, 60), STREET_VOID);
  }
  return data;
}
