import { uniform, type Rng } from "./prng";
import type { Sensor } from "./scene-post";
import type { Look } from "./street-shading";

/**
 * Time-of-day and weather presets of street scenes: sky colours, haze,
 * ambient light, and the sensor (exposure and noise) that makes low-light
 * images dark and grainy.
 */

/** The look for a time of day ("morning" | "noon" | "afternoon" | "dusk" | "night") and weather. */
export function lookFor(rng: Rng, timeOfDay: string, weather: string): Look {
  const j = () => uniform(rng, -8, 8);
  let look: Look = {
    skyTop: [52 + j(), 112 + j(), 190 + j()],
    skyHorizon: [170 + j(), 200 + j(), 228],
    cloud: [238, 238, 240],
    cloudiness: uniform(rng, 0.05, 0.4),
    ambient: 1,
    tint: [1, 1, 1],
    haze: uniform(rng, 250, 450),
    hazeRgb: [185, 200, 220],
    wet: false,
    stars: false,
  };
  if (timeOfDay === "morning") look.tint = [1.06, 1.0, 0.9];
  if (timeOfDay === "afternoon") look.tint = [1.04, 0.99, 0.93];
  if (weather === "overcast" || weather === "rain") {
    look = { ...look, skyTop: [150, 156, 165], skyHorizon: [190, 194, 200], cloud: [205, 207, 212], cloudiness: 0.9, ambient: 0.85, tint: [0.97, 0.99, 1.03], hazeRgb: [178, 182, 190], haze: 220 };
    if (weather === "rain") look = { ...look, skyTop: [118, 122, 132], skyHorizon: [160, 164, 172], cloud: [170, 172, 178], ambient: 0.7, wet: true, haze: 140 };
  }
  if (weather === "fog") look = { ...look, skyTop: [196, 198, 202], skyHorizon: [212, 214, 216], cloud: [214, 215, 218], cloudiness: 0.5, hazeRgb: [206, 208, 212], haze: uniform(rng, 45, 80), ambient: 0.9 };
  if (timeOfDay === "dusk") {
    look = { ...look, skyTop: [40, 52, 98], skyHorizon: [235, 150, 92], cloud: [150, 110, 120], ambient: 0.75, tint: [1.1, 0.92, 0.82], hazeRgb: [170, 130, 120] };
  }
  if (timeOfDay === "night") {
    look = { ...look, skyTop: [6, 9, 22], skyHorizon: [38, 36, 48], cloud: [30, 30, 38], ambient: uniform(rng, 0.14, 0.22), tint: [1.05, 0.95, 0.85], hazeRgb: [22, 22, 30], haze: Math.min(look.haze, 160), stars: weather === "clear" };
  }
  return look;
}

/** Sensor for the scene: low-light scenes are under-exposed (x0.3–0.5) with strong noise. */
export function sensorFor(rng: Rng, night: boolean, lowLight: boolean): Sensor {
  if (night) return { exposure: uniform(rng, 0.9, 1.2), noise: uniform(rng, 5, 9), vignette: 0.35, gain: [1, 1, 1.05] };
  if (lowLight) return { exposure: uniform(rng, 0.3, 0.48), noise: uniform(rng, 5, 9), vignette: 0.4, gain: [1, 0.97, 1.04] };
  return { exposure: uniform(rng, 0.95, 1.08), noise: uniform(rng, 1.5, 3), vignette: 0.22, gain: [1, 1, 1] };
}
