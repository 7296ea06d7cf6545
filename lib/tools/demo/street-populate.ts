import { chance, intIn, pick, uniform } from "./prng";
import { pixels, type StreetContext } from "./street-context";
import { addCar, addHedge, addLampPole, addPerson, addSignPost, addTree } from "./street-objects";

/**
 * Places the street furniture and traffic of a scene: lamp poles along both
 * curbs (some carrying signs), sign posts, trees (along the sidewalk or in a
 * park), cars in lanes and parked at the curb, people on the sidewalks, and,
 * for `occluded` scenes, a foreground van or hedge covering part of a group
 * of people or a car. Returns how many cars and people were placed.
 */
export function populateStreet(ctx: StreetContext, occluded: boolean, zNear: number): { cars: number; people: number } {
  const { rng, roadHalf: rh, sidewalk: sw } = ctx;
  const zMin = Math.max(3, zNear * 0.95);
  for (const s of [-1, 1] as const) {
    const step = uniform(rng, 16, 28);
    for (let z = uniform(rng, 4, 14); z < 120; z += step) addLampPole(ctx, s * (rh + 0.45), z, chance(rng, 0.3));
  }
  const posts = intIn(rng, 1, 3);
  for (let k = 0; k < posts; k++) addSignPost(ctx, pick(rng, [-1, 1]) * (rh + uniform(rng, 0.3, 1.2)), uniform(rng, Math.max(zMin, 6), 40));

  for (const s of [-1, 1] as const) {
    const kind = s < 0 ? ctx.sides.left : ctx.sides.right;
    if (kind === "park") {
      const n = intIn(rng, 10, 18);
      for (let k = 0; k < n; k++) addTree(ctx, s * uniform(rng, rh + sw + 1.5, rh + sw + 30), uniform(rng, zMin, 150), uniform(rng, 0.9, 1.5));
      if (chance(rng, 0.5)) addHedge(ctx, s * (rh + sw + 0.8), uniform(rng, 8, 25), uniform(rng, 3, 8), uniform(rng, 0.9, 1.4));
    } else if (chance(rng, 0.5)) {
      const step = uniform(rng, 9, 16);
      for (let z = uniform(rng, zMin, 14); z < 95; z += step) addTree(ctx, s * (rh + sw - 0.8), z);
    }
  }

  const lanes = [
    { x: -rh / 2, facing: "front" as const },
    { x: rh / 2, facing: "rear" as const },
    { x: -(rh - 1.15), facing: "front" as const },
    { x: rh - 1.15, facing: "rear" as const },
  ];
  const taken: { x: number; z: number }[] = [];
  const cars = intIn(rng, 3, 8);
  let placedCars = 0;
  for (let k = 0; k < cars; k++) {
    for (let attempt = 0; attempt < 6; attempt++) {
      const lane = pick(rng, lanes);
      const z = zMin + (70 - zMin) * Math.pow(rng(), 1.6);
      if (Math.abs(lane.x - ctx.cam.camX) < 1.4 && z < 8) continue;
      if (taken.some((t) => Math.abs(t.x - lane.x) < 1.6 && Math.abs(t.z - z) < 7)) continue;
      taken.push({ x: lane.x, z });
      addCar(ctx, lane.x + uniform(rng, -0.25, 0.25), z, { facing: lane.facing });
      placedCars++;
      break;
    }
  }

  let people = 0;
  const walkers = intIn(rng, 2, 8);
  for (let k = 0; k < walkers; k++) {
    addPerson(ctx, pick(rng, [-1, 1]) * uniform(rng, rh + 0.5, rh + sw - 0.3), uniform(rng, zMin, 45));
    people++;
  }
  if (occluded) people += addOcclusion(ctx, zMin);
  return { cars: placedCars, people };
}

/**
 * Puts a group of people (or a car) at 12–30 m and a van or hedge in front of
 * it at about half that distance, shifted sideways so that it covers 35–75 %
 * of the target's width on screen. Returns the number of people added.
 */
function addOcclusion(ctx: StreetContext, zMin: number): number {
  const { rng, cam, roadHalf: rh, sidewalk: sw } = ctx;
  const s = pick(rng, [-1, 1]);
  const zt = uniform(rng, Math.max(12, zMin + 4), 30);
  const targetIsCar = chance(rng, 0.3);
  const Xt = targetIsCar ? s * (rh - 1.15) : s * uniform(rng, rh + 0.8, rh + sw - 0.4);
  let people = 0;
  if (targetIsCar) addCar(ctx, Xt, zt, { facing: s > 0 ? "rear" : "front" });
  else {
    const n = intIn(rng, 2, 4);
    for (let k = 0; k < n; k++) addPerson(ctx, Xt + uniform(rng, -0.7, 0.7), zt + uniform(rng, -1, 1.5));
    people = n;
  }
  const zo = Math.max(zMin + 0.5, zt * uniform(rng, 0.4, 0.65));
  const coverage = uniform(rng, 0.35, 0.75);
  const side = pick(rng, [-1, 1]);
  const hedgeW = uniform(rng, 2.5, 4.5);
  const place = (wo: number) => {
    const hwo = pixels(cam, wo / 2, zo);
    const hwt = pixels(cam, targetIsCar ? 0.9 : 0.6, zt);
    const xt = cam.cx + pixels(cam, Xt - cam.camX, zt);
    const xo = xt + side * (hwo + hwt - 2 * coverage * hwt);
    return cam.camX + ((xo - cam.cx) * zo) / cam.f;
  };
  let kind = pick(rng, ["van", "van", "hedge", "car"] as const);
  if (kind === "hedge" && Math.abs(place(hedgeW)) < rh + hedgeW / 2) kind = "van";
  if (kind === "hedge") addHedge(ctx, place(hedgeW), zo, hedgeW, uniform(rng, 1.1, 1.5));
  else {
    const Xo = place(kind === "van" ? 2.3 : 1.8);
    addCar(ctx, Xo, zo, { facing: Xo > 0 ? "rear" : "front", tall: kind === "van" });
  }
  return people;
}
