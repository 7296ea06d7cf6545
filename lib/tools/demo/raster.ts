/**
 * A tiny scanline rasteriser for the demo generators. Shapes are painted in
 * painter's order into a label map and an instance map; each instance is a
 * `Surface` that the shading pass later turns into colour. A pixel is covered
 * when its centre (x + 0.5, y + 0.5) lies inside the shape.
 */

/** How the shading pass colours a surface. */
export const Shade = { Flat: 0, Sky: 1, Asphalt: 2, Foliage: 3, Glass: 4 } as const;
export type Shade = (typeof Shade)[keyof typeof Shade];

/** One painted thing: its class and how it looks. Colours are sRGB 0–255. */
export interface Surface {
  cls: number;
  rgb: [number, number, number];
  shade: Shade;
  /** Texture amplitude, 0 = flat, ~0.3 = strongly mottled. */
  tex: number;
  /** Distance from the camera in metres (fog); Infinity for the sky. */
  z: number;
  /** Lies on the ground plane: depth comes from the pixel row, and ground shadows apply. */
  ground: boolean;
  /** Light-facing factor (1 = lit like the ground, < 1 = in shade). */
  light: number;
  /** Emits its own light (lamps, lit windows): not darkened at night. */
  emissive: boolean;
  /** Its edge becomes a void band in the ground truth. */
  voidEdge: boolean;
  /** Vertical brightness gradient over [top, bottom] in screen pixels: factor 1 + grad * (t - 0.5). */
  grad: number;
  top: number;
  bottom: number;
}

/** Label map + instance map + the surfaces they refer to. */
export class Raster {
  readonly mask: Uint8Array;
  readonly inst: Uint16Array;
  readonly surfaces: Surface[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.mask = new Uint8Array(width * height);
    this.inst = new Uint16Array(width * height);
  }

  /** Registers a surface and returns its id; unspecified fields get neutral defaults. */
  add(s: Partial<Surface> & { cls: number; rgb: [number, number, number] }): number {
    if (this.surfaces.length >= 65535) return this.surfaces.length - 1;
    this.surfaces.push({
      shade: Shade.Flat,
      tex: 0.08,
      z: 20,
      ground: false,
      light: 1,
      emissive: false,
      voidEdge: false,
      grad: 0,
      top: 0,
      bottom: this.height,
      ...s,
    });
    return this.surfaces.length - 1;
  }

  /** Paints pixels of row y whose centres lie in [x0, x1). */
  span(y: number, x0: number, x1: number, id: number): void {
    if (y < 0 || y >= this.height) return;
    let a = Math.ceil(x0 - 0.5);
    let b = Math.ceil(x1 - 0.5);
    if (a < 0) a = 0;
    if (b > this.width) b = this.width;
    if (a >= b) return;
    const cls = this.surfaces[id].cls;
    const row = y * this.width;
    this.mask.fill(cls, row + a, row + b);
    this.inst.fill(id, row + a, row + b);
  }

  /** Axis-aligned box; `minWidth` keeps thin far-away structures at least that many pixels wide. */
  box(x0: number, y0: number, x1: number, y1: number, id: number, minWidth = 0): void {
    if (x1 - x0 < minWidth) {
      const c = (x0 + x1) / 2;
      x0 = Math.round(c - minWidth / 2);
      x1 = x0 + minWidth;
    }
    const ya = Math.max(0, Math.ceil(y0 - 0.5));
    const yb = Math.min(this.height, Math.ceil(y1 - 0.5));
    for (let y = ya; y < yb; y++) this.span(y, x0, x1, id);
  }

  /** Filled polygon from flat [x0, y0, x1, y1, ...] points (even-odd rule). */
  polygon(pts: readonly number[], id: number): void {
    scanPolygon(pts, this.height, (y, x0, x1) => this.span(y, x0, x1, id));
  }

  /** Axis-aligned ellipse centred at (cx, cy) with radii rx, ry in pixels. */
  ellipse(cx: number, cy: number, rx: number, ry: number, id: number): void {
    if (rx <= 0 || ry <= 0) return;
    const ya = Math.max(0, Math.ceil(cy - ry - 0.5));
    const yb = Math.min(this.height, Math.ceil(cy + ry - 0.5));
    for (let y = ya; y < yb; y++) {
      const d = (y + 0.5 - cy) / ry;
      const hw = rx * Math.sqrt(Math.max(0, 1 - d * d));
      this.span(y, cx - hw, cx + hw, id);
    }
  }

  /** Box with rounded corners of radius `r` pixels (clamped to half the smaller side). */
  roundedBox(x0: number, y0: number, x1: number, y1: number, r: number, id: number): void {
    r = Math.max(0, Math.min(r, (x1 - x0) / 2, (y1 - y0) / 2));
    const ya = Math.max(0, Math.ceil(y0 - 0.5));
    const yb = Math.min(this.height, Math.ceil(y1 - 0.5));
    for (let y = ya; y < yb; y++) {
      const yc = y + 0.5;
      let inset = 0;
      const dy = yc < y0 + r ? y0 + r - yc : yc > y1 - r ? yc - (y1 - r) : 0;
      if (dy > 0) inset = r - Math.sqrt(Math.max(0, r * r - dy * dy));
      this.span(y, x0 + inset, x1 - inset, id);
    }
  }

  /**
   * Star-shaped blob: a polygon whose radius at angle t is `radius(t)`, with
   * `steps` vertices. Used for tree crowns and lesions.
   */
  blob(cx: number, cy: number, steps: number, radius: (t: number) => number, id: number, squash = 1): void {
    const pts: number[] = [];
    for (let i = 0; i < steps; i++) {
      const t = (i / steps) * Math.PI * 2;
      const r = radius(t);
      pts.push(cx + Math.cos(t) * r, cy + Math.sin(t) * r * squash);
    }
    this.polygon(pts, id);
  }
}

/**
 * Scanline-converts a polygon given as flat [x0, y0, x1, y1, ...] points
 * (even-odd rule), calling `span(y, x0, x1)` for each covered run of row y
 * (rows clipped to [0, height); x not clipped).
 */
export function scanPolygon(pts: readonly number[], height: number, span: (y: number, x0: number, x1: number) => void): void {
  const n = pts.length / 2;
  if (n < 3) return;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 1; i < pts.length; i += 2) {
    if (pts[i] < minY) minY = pts[i];
    if (pts[i] > maxY) maxY = pts[i];
  }
  const ya = Math.max(0, Math.ceil(minY - 0.5));
  const yb = Math.min(height, Math.ceil(maxY - 0.5));
  const xs: number[] = [];
  for (let y = ya; y < yb; y++) {
    const yc = y + 0.5;
    xs.length = 0;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const yi = pts[2 * i + 1];
      const yj = pts[2 * j + 1];
      if (yi > yc !== yj > yc) {
        const xi = pts[2 * i];
        const xj = pts[2 * j];
        xs.push(xi + ((yc - yi) / (yj - yi)) * (xj - xi));
      }
    }
    for (let a = 1; a < xs.length; a++) {
      const v = xs[a];
      let b = a - 1;
      while (b >= 0 && xs[b] > v) {
        xs[b + 1] = xs[b];
        b--;
      }
      xs[b + 1] = v;
    }
    for (let k = 0; k + 1 < xs.length; k += 2) span(y, xs[k], xs[k + 1]);
  }
}
