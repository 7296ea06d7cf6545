/**
 * Label tables of the boundary sweep: which labels are ignored, how 16-bit labels are coded into bytes, and which
 * histogram bin each byte counts in. Cached by setting, so building them costs nothing per image.
 */

export interface CodeTables {
  key: string;
  /** 16-bit label -> byte code (null: 8-bit labels are used as they are). */
  gCode: Uint8Array | null;
  pCode: Uint8Array | null;
  /** byte -> histogram bin: the class, numClasses for "no class", -1 for an ignored ground truth. */
  gBin: Int32Array;
  pBin: Int32Array;
}

/** Tables by "numClasses|ignore values|label bits"; a handful of settings at most in practice. */
const tablesCache = new Map<string, CodeTables>();

/**
 * 8-bit maps keep their labels. 16-bit maps are coded into bytes: a class keeps its index, every other label
 * becomes numClasses (ground truth: numClasses + 1 if ignored). Boundaries only matter for class pixels, and a
 * class pixel's window is uniform with either coding, so the counts do not change.
 */
export function codeTables(N: number, ignore: readonly number[], wide: boolean): CodeTables {
  const key = `${N}|${ignore.join(",")}|${wide ? 16 : 8}`;
  const cached = tablesCache.get(key);
  if (cached !== undefined) return cached;
  const ignored = ignoreTable(ignore);
  const gBin = new Int32Array(256);
  const pBin = new Int32Array(256);
  let gCode: Uint8Array | null = null;
  let pCode: Uint8Array | null = null;
  if (wide) {
    gCode = new Uint8Array(65536);
    pCode = new Uint8Array(65536);
    for (let v = 0; v < 65536; v++) {
      gCode[v] = ignored[v] === 1 ? N + 1 : Math.min(v, N);
      pCode[v] = Math.min(v, N);
    }
    for (let c = 0; c < 256; c++) {
      gBin[c] = c === N + 1 ? -1 : Math.min(c, N);
      pBin[c] = Math.min(c, N);
    }
  } else {
    for (let v = 0; v < 256; v++) {
      gBin[v] = ignored[v] === 1 ? -1 : Math.min(v, N);
      pBin[v] = Math.min(v, N);
    }
  }
  const t = { key, gCode, pCode, gBin, pBin };
  if (tablesCache.size >= 16) tablesCache.clear();
  tablesCache.set(key, t);
  return t;
}

let lastIgnoreKey = "";
let lastIgnore = new Uint8Array(65536);

/** Label (0..65535) -> 1 if ignored, else 0. The last table is reused while the ignore values stay the same. */
export function ignoreTable(values: readonly number[]): Uint8Array {
  const key = values.join(",");
  if (key !== lastIgnoreKey) {
    lastIgnore = new Uint8Array(65536);
    for (const v of values) if (Number.isInteger(v) && v >= 0 && v < 65536) lastIgnore[v] = 1;
    lastIgnoreKey = key;
  }
  return lastIgnore;
}
