import { crc32 } from "@/lib/core/masks/png-chunks";

/** One file of a zip written by {@link writeZip}. */
export interface ZipEntryInput {
  name: string;
  data?: Uint8Array;
  /** Unix mode with type bits (e.g. 0o100644 file, 0o120777 symlink); default a regular file. */
  mode?: number;
}

const te = new TextEncoder();

/**
 * Writes a small zip (method "stored", no compression, UTF-8 names, Unix
 * attributes, Zip64 end records past 65,534 entries) in memory. For sample-data archives and test fixtures: names
 * are written as given, so tests can build hostile archives ("../x", links).
 */
export function writeZip(entries: readonly ZipEntryInput[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = te.encode(entry.name);
    const data = entry.data ?? new Uint8Array(0);
    const crc = crc32(data);
    const local = new Uint8Array(30 + name.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(data, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, (3 << 8) | 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(38, ((entry.mode ?? (entry.name.endsWith("/") ? 0o40755 : 0o100644)) << 16) >>> 0, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const zip64 = entries.length > 0xfffe;
  const tail = new Uint8Array((zip64 ? 56 + 20 : 0) + 22);
  const tv = new DataView(tail.buffer);
  let t = 0;
  if (zip64) {
    // Zip64 end of central directory record + locator: entry counts past 65,535.
    tv.setUint32(0, 0x06064b50, true);
    tv.setBigUint64(4, 44n, true);
    tv.setUint16(12, 45, true);
    tv.setUint16(14, 45, true);
    tv.setBigUint64(24, BigInt(entries.length), true);
    tv.setBigUint64(32, BigInt(entries.length), true);
    tv.setBigUint64(40, BigInt(cdSize), true);
    tv.setBigUint64(48, BigInt(offset), true);
    tv.setUint32(56, 0x07064b50, true);
    tv.setBigUint64(64, BigInt(offset + cdSize), true);
    tv.setUint32(72, 1, true);
    t = 76;
  }
  tv.setUint32(t, 0x06054b50, true);
  tv.setUint16(t + 8, zip64 ? 0xffff : entries.length, true);
  tv.setUint16(t + 10, zip64 ? 0xffff : entries.length, true);
  tv.setUint32(t + 12, cdSize, true);
  tv.setUint32(t + 16, offset, true);
  const out = new Uint8Array(offset + cdSize + tail.length);
  let at = 0;
  for (const part of [...locals, ...centrals, tail]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
