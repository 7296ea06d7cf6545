import type { DemoScene } from "./classes";
import { chance, mixSeed, mulberry32, pick, uniform, type Rng } from "./prng";
import { Raster } from "./raster";
import { addVoidBand, exposeImage, rollCamera } from "./scene-post";
import { groundDepth, type Camera, type StreetContext } from "./street-context";
import { populateStreet } from "./street-populate";
import { lookFor, sensorFor } from "./street-look";
import { shadeStreet } from "./street-shading";
import { checkSize } from "./validate";
import { paintBuildings, paintGround, paintSky, paintSkyline } from "./street-static";

/**
 * Forces scenario flags instead of drawing them from the seed; unset flags
 * are still drawn from the seed. `night` implies `lowLight` unless that is
 * set explicitly.
 */
export interface StreetScenario {
  occluded?: boolean;
  lowLight?: boolean;
  night?: boolean;
  unusualPerspective?: boolean;
}

/** Image size in pixels (integers in [32, 4096]) and optional forced scenario flags. */
export interface SceneOptions {
  width: number;
  height: number;
  scenario?: StreetScenario;
}

type Perspective = "normal" | "tilted" | "high" | "low" | "off-centre";

/** Draws the scenario flags: ~12 % night (also low-light), ~25 % low-light, ~25 % occluded, ~20 % unusual perspective. */
function drawScenario(seed: number, forced: StreetScenario = {}): Required<StreetScenario> {
  const rng = mulberry32(mixSeed("street-scenario", seed));
  const light = rng();
  const occ = rng();
  const persp = rng();
  const night = forced.night ?? light < 0.12;
  return {
    night,
    lowLight: forced.lowLight ?? (forced.night !== undefined ? night || (light >= 0.12 && light < 0.25) : light < 0.25),
    occluded: forced.occluded ?? occ < 0.25,
    unusualPerspective: forced.unusualPerspective ?? persp < 0.2,
  };
}

function makeCamera(rng: Rng, w: number, h: number, perspective: Perspective): { cam: Camera; roll: number } {
  const cam: Camera = {
    f: w * uniform(rng, 0.62, 0.85),
    cx: w * uniform(rng, 0.4, 0.6),
    horizon: h * uniform(rng, 0.38, 0.48),
    camX: 0,
    camH: uniform(rng, 1.25, 1.7),
  };
  let roll = 0;
  if (perspective === "tilted") roll = (chance(rng, 0.5) ? -1 : 1) * uniform(rng, 8, 16) * (Math.PI / 180);
  if (perspective === "high") {
    cam.camH = uniform(rng, 6, 10);
    cam.horizon = h * uniform(rng, 0.06, 0.2);
  }
  if (perspective === "low") {
    cam.camH = uniform(rng, 0.35, 0.55);
    cam.horizon = h * uniform(rng, 0.6, 0.72);
  }
  if (perspective === "off-centre") {
    cam.cx = w * (chance(rng, 0.5) ? uniform(rng, 0.08, 0.18) : uniform(rng, 0.82, 0.92));
    roll = uniform(rng, -5, 5) * (Math.PI / 180);
  }
  return { cam, roll };
}

/**
 * Generates one synthetic street scene: a perspective road to a vanishing
 * point, sidewalks, buildings, trees, cars, people, poles and signs, with
 * the nine `DEMO_CLASSES` in the label map and 255 on thin void bands at some
 * object edges. Deterministic: the same seed and options give identical
 * bytes. Tags come from the seed (see `drawScenario`) unless forced.
 * Throws invalid_input when width/height are not integers in [32, 4096] or
 * the seed is not an integer in [0, 2^32).
 */
export function generateScene(seed: number, opts: SceneOptions): DemoScene {
  const { width: w, height: h } = opts;
  checkSize("generateScene", w, h, seed);
  const sc = drawScenario(seed, opts.scenario);
  const rng = mulberry32(mixSeed("street-layout", seed));
  const perspective: Perspective = sc.unusualPerspective
    ? pick(rng, ["tilted", "tilted", "high", "high", "low", "off-centre"] as const)
    : "normal";
  const { cam, roll } = makeCamera(rng, w, h, perspective);
  const roadHalf = uniform(rng, 3.5, 6.5);
  const sidewalk = uniform(rng, 2, 4);
  cam.camX = uniform(rng, -0.5, 0.5) * roadHalf;
  const dayTime = pick(rng, ["morning", "noon", "afternoon"] as const);
  const nightWeather = pick(rng, ["clear", "clear", "rain"] as const);
  const dayWeather = pick(rng, ["clear", "clear", "clear", "overcast", "overcast", "rain", "fog"] as const);
  const sun = pick(rng, [-1, 1] as const);
  const timeOfDay = sc.night ? "night" : sc.lowLight ? "dusk" : dayTime;
  const weather = sc.night ? nightWeather : dayWeather;
  const ctx: StreetContext = {
    raster: new Raster(w, h),
    rng,
    cam,
    roadHalf,
    sidewalk,
    buildingLine: roadHalf + sidewalk + uniform(rng, 0, 0.8),
    sides: { left: chance(rng, 0.78) ? "buildings" : "park", right: chance(rng, 0.78) ? "buildings" : "park" },
    night: sc.night,
    sunSide: weather === "clear" && !sc.night && !sc.lowLight ? sun : 0,
    glows: [],
    shadows: [],
    items: [],
    zFar: 170,
  };
  paintSky(ctx);
  paintSkyline(ctx);
  paintGround(ctx);
  if (ctx.sides.left === "buildings") paintBuildings(ctx, -1);
  if (ctx.sides.right === "buildings") paintBuildings(ctx, 1);
  const counts = populateStreet(ctx, sc.occluded, groundDepth(cam, h));
  ctx.items.sort((a, b) => b.z - a.z);
  for (const item of ctx.items) item.draw();

  const rgb = shadeStreet(ctx, lookFor(rng, timeOfDay, weather), rng);
  const { mask, inst, surfaces } = ctx.raster;
  if (roll !== 0) rollCamera(w, h, roll, mask, inst, rgb);
  addVoidBand(w, h, mask, inst, surfaces);
  const image = exposeImage(w, h, rgb, sensorFor(rng, sc.night, sc.lowLight), rng);

  const tags: string[] = [];
  if (sc.occluded) tags.push("occluded");
  if (sc.lowLight) tags.push("low-light");
  if (sc.night) tags.push("night");
  if (sc.unusualPerspective) tags.push("unusual-perspective");
  const camera = { normal: cam.f > w * 0.74 ? "dashcam-front" : "roof-rig", tilted: "handheld", high: "pole-cctv", low: "bumper-cam", "off-centre": "side-mount" }[perspective];
  return {
    name: `street-${String(seed).padStart(4, "0")}`,
    width: w,
    height: h,
    image,
    mask: mask.slice(),
    tags,
    metadata: {
      domain: "street",
      seed,
      weather,
      timeOfDay,
      camera,
      perspective,
      cameraHeightM: round2(cam.camH),
      rollDeg: round2((roll * 180) / Math.PI),
      cars: counts.cars,
      people: counts.people,
    },
  };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
