import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { extractIdat, timeInflate } from "./inflate";
import { encodePngAdaptive } from "./png-encode";

describe("extractIdat / timeInflate", () => {
  const width = 7;
  const height = 5;
  const labels = Uint8Array.from({ length: width * height }, (_, i) => (i * 13) % 19);

  it("returns the zlib stream and the raw size of grey and RGB PNGs", () => {
    const grey = extractIdat(encodePngAdaptive(width, height, labels), "g.png");
    expect(grey.rawBytes).toBe(height * (width + 1));
    expect(inflateSync(grey.data).length).toBe(grey.rawBytes);
    const rgb = extractIdat(encodePngAdaptive(width, height, new Uint8Array(width * height * 3).fill(9), 3), "c.png");
    expect(rgb.rawBytes).toBe(height * (3 * width + 1));
    expect(timeInflate([grey, rgb]).outputBytes).toBe(grey.rawBytes + rgb.rawBytes);
  });

  it("refuses a damaged file, naming it", () => {
    const png = encodePngAdaptive(width, height, labels).slice();
    png[png.length - 20] ^= 0xff;
    expect(() => extractIdat(png, "broken.png")).toThrow(/^broken\.png: not a valid PNG \(CRC mismatch/);
    expect(() => extractIdat(new Uint8Array(40), "zero.png")).toThrow(/^zero\.png: not a valid PNG/);
  });
});
