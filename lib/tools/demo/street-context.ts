import type { Raster } from "./raster";
import type { Rng } from "./prng";

/**
 * Shared state of one street scene while it is being built: a pinhole camera
 * over a flat ground plane (metres; X to the right, Y up, z forward), the
 * street's cross-section, and the lights and shadows collected for shading.
 */
export interface Camera {
  /** Focal length in pixels. */
  f: number;
  /** Screen x of the vanishing point. */
  cx: number;
  /** Screen y of the horizon. */
  horizon: number;
  /** Camera position across the street and height above the ground, metres. */
  camX: number;
  camH: number;
}

/** A light source that glows at night (screen position, radius in px, colour; `squash` = height/width of the glow). */
export interface Glow {
  x: number;
  y: number;
  radius: number;
  squash: number;
  rgb: [number, number, number];
  strength: number;
}

/** What lines one side of the street. */
export type SideKind = "buildings" | "park";

/** Everything the street painters share while one scene is built. */
export interface StreetContext {
  raster: Raster;
  rng: Rng;
  cam: Camera;
  /** Half width of the road, sidewalk width and building line (|X|), metres. */
  roadHalf: number;
  sidewalk: number;
  buildingLine: number;
  sides: { left: SideKind; right: SideKind };
  night: boolean;
  /** -1 sun from the left, 1 from the right, 0 diffuse (overcast, night). */
  sunSide: -1 | 0 | 1;
  glows: Glow[];
  /** Ground-plane polygons (screen coordinates) in shadow, with the light factor inside. */
  shadows: { pts: number[]; k: number }[];
  /** Depth-sorted objects, painted far to near after the static layers. */
  items: { z: number; draw: () => void }[];
  /** Farthest depth at which objects are drawn, metres. */
  zFar: number;
}

/** Projects a world point to screen [x, y] pixels. */
export function project(cam: Camera, X: number, Y: number, z: number): [number, number] {
  return [cam.cx + (cam.f * (X - cam.camX)) / z, cam.horizon + (cam.f * (cam.camH - Y)) / z];
}

/** Screen size in pixels of a length of `m` metres at depth z. */
export function pixels(cam: Camera, m: number, z: number): number {
  return (cam.f * m) / z;
}

/** Depth of the ground seen at screen row y (Infinity at or above the horizon). */
export function groundDepth(cam: Camera, y: number): number {
  const d = y - cam.horizon;
  return d <= 0 ? Infinity : (cam.f * cam.camH) / d;
}

/**
 * Screen polygon of a ground strip X in [a, b], z in [z0, z1]; flat points
 * ready for `Raster.polygon`.
 */
export function groundQuad(cam: Camera, a: number, b: number, z0: number, z1: number): number[] {
  return [...project(cam, a, 0, z0), ...project(cam, b, 0, z0), ...project(cam, b, 0, z1), ...project(cam, a, 0, z1)];
}

/** Screen polygon of a vertical wall in the plane X = x, for z in [z0, z1] and height Y in [y0, y1]. */
export function sideWall(cam: Camera, x: number, z0: number, z1: number, y0: number, y1: number): number[] {
  return [...project(cam, x, y0, z0), ...project(cam, x, y1, z0), ...project(cam, x, y1, z1), ...project(cam, x, y0, z1)];
}

/** Screen polygon of a vertical wall facing the camera (plane z), X in [x0, x1], Y in [y0, y1]. */
export function frontWall(cam: Camera, z: number, x0: number, x1: number, y0: number, y1: number): number[] {
  return [...project(cam, x0, y0, z), ...project(cam, x1, y0, z), ...project(cam, x1, y1, z), ...project(cam, x0, y1, z)];
}
