import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { writeZip } from "@/lib/core/import/zip-writer";
import { extractArchive, openFolderSource } from "./import-source";
import { bombPngHeader, makeTempDir, manyEmptyFilesTarGz, maskPng, rgbPng, writeTar, writeTree } from "./test-fixtures";

let tmp: { dir: string; cleanup: () => Promise<void> };
let staging: string;
beforeEach(async () => {
  tmp = await makeTempDir();
  staging = path.join(tmp.dir, "staging");
  await writeTree(staging, { ".keep": "" });
});
afterEach(() => tmp.cleanup());

/** Staging folders left behind by extractions (a failed one must leave none). */
const leftovers = async () => (await readdir(staging)).filter((n) => n.startsWith("intersect-import-"));

async function refused(p: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(pattern);
}

const pairFiles = { "data/images/a.png": rgbPng(4, 3), "data/masks/a.png": maskPng(4, 3, [0, 1]) };

describe("extractArchive", () => {
  it.each([
    ["zip", "x.zip"],
    ["tar", "x.tar"],
    ["tar.gz", "x.tar.gz"],
  ])("extracts a %s streaming into a staging folder, detected by magic bytes", async (kind, name) => {
    const file = path.join(tmp.dir, name.replace(/\..*$/, ".bin"));
    const entries = Object.entries(pairFiles).map(([n, d]) => ({ name: n, data: d }));
    if (kind === "zip") await writeFile(file, writeZip([{ name: "data/" }, ...entries]));
    else await writeTar(file, [{ name: "data/", type: "directory" }, ...entries], kind === "tar.gz");
    const source = await extractArchive({ file, name, stagingRoot: staging });
    expect(source.files).toEqual(["data/images/a.png", "data/masks/a.png"]);
    expect(existsSync(path.join(source.root, "data/masks/a.png"))).toBe(true);
    await source.cleanup();
    expect(await leftovers()).toEqual([]);
  });

  it.each([
    ["../evil.png", /zip slip/],
    ["data/../../evil.png", /zip slip/],
    ["/etc/evil.png", /absolute path/],
    ["C:/evil.png", /drive letter/],
    ["..\\evil.png", /zip slip/],
  ])("refuses the zip entry %s and removes the staging folder", async (name, pattern) => {
    const file = path.join(tmp.dir, "slip.zip");
    await writeFile(file, writeZip([{ name: "ok.png", data: maskPng(2, 2, [0]) }, { name, data: new Uint8Array([1]) }]));
    await refused(extractArchive({ file, stagingRoot: staging }), "invalid_input", pattern);
    expect(await leftovers()).toEqual([]);
    expect(existsSync(path.join(tmp.dir, "evil.png"))).toBe(false);
  });

  it("skips the archive root entry that `tar -C dir .` and some zip tools write first (./)", async () => {
    const src = path.join(tmp.dir, "packed");
    await writeTree(src, { "images/a.png": pairFiles["data/images/a.png"], "masks/a.png": pairFiles["data/masks/a.png"] });
    const tgz = path.join(tmp.dir, "dot.tar.gz");
    execFileSync("tar", ["czf", tgz, "-C", src, "."]);
    expect(execFileSync("tar", ["tzf", tgz], { encoding: "utf8" }).split("\n")[0]).toBe("./");
    const zip = path.join(tmp.dir, "dot.zip");
    await writeFile(zip, writeZip([{ name: "./" }, { name: "./images/a.png", data: pairFiles["data/images/a.png"] }]));
    for (const file of [tgz, zip]) {
      const extracted = await extractArchive({ file, stagingRoot: staging });
      try {
        expect(existsSync(path.join(extracted.root, "images", "a.png"))).toBe(true);
      } finally {
        await extracted.cleanup();
      }
    }
  });

  it("refuses a tar with ../ and absolute names", async () => {
    for (const name of ["../evil.txt", "/tmp/evil.txt"]) {
      const file = path.join(tmp.dir, "slip.tar");
      await writeTar(file, [{ name, data: "x" }], false);
      await refused(extractArchive({ file, stagingRoot: staging }), "invalid_input", /zip slip|absolute path/);
    }
    expect(await leftovers()).toEqual([]);
  });

  it("refuses a tar symlink and a tar hard link", async () => {
    const file = path.join(tmp.dir, "link.tar.gz");
    await writeTar(file, [{ name: "images/a.png", type: "symlink", linkname: "/etc/passwd" }], true);
    await refused(extractArchive({ file, stagingRoot: staging }), "invalid_input", /images\/a\.png is a symbolic link \(to \/etc\/passwd\)/);
    await writeTar(file, [{ name: "a", data: "x" }, { name: "b", type: "link", linkname: "a" }], true);
    await refused(extractArchive({ file, stagingRoot: staging }), "invalid_input", /b is a hard link/);
    expect(await leftovers()).toEqual([]);
  });

  it("refuses a zip symlink (external attributes) and a device entry", async () => {
    const file = path.join(tmp.dir, "link.zip");
    await writeFile(file, writeZip([{ name: "masks/a.png", data: new TextEncoder().encode("/etc/passwd"), mode: 0o120777 }]));
    await refused(extractArchive({ file, stagingRoot: staging }), "invalid_input", /masks\/a\.png is a symbolic link/);
    await writeFile(file, writeZip([{ name: "dev", mode: 0o020644 }]));
    await refused(extractArchive({ file, stagingRoot: staging }), "invalid_input", /special file/);
  });

  it("refuses a PNG whose header claims 40000x40000 before inflating it", async () => {
    const bomb = bombPngHeader(40_000, 40_000);
    const zip = path.join(tmp.dir, "bomb.zip");
    await writeFile(zip, writeZip([{ name: "masks/bomb.png", data: bomb }]));
    await refused(extractArchive({ file: zip, stagingRoot: staging }), "too_large", /masks\/bomb\.png: image is 40000x40000 \(1600000000 pixels\), more than the limit/);
    const tgz = path.join(tmp.dir, "bomb.tar.gz");
    await writeTar(tgz, [{ name: "masks/bomb.png", data: bomb }], true);
    await refused(extractArchive({ file: tgz, stagingRoot: staging }), "too_large", /40000x40000/);
    expect(await leftovers()).toEqual([]);
  });

  it("refuses 100,000 tiny entries by the entry limit before reading them (zip: from the central directory; tar.gz: while streaming)", async () => {
    // Damage after the point where the refusal must come: reading further would fail on the damage instead.
    const names = Array.from({ length: 100_000 }, (_, i) => `f/${i}.txt`);
    const zip = path.join(tmp.dir, "many.zip");
    const zipBytes = writeZip(names.map((name) => ({ name })));
    // Every local file header but the first (the format is detected by its magic bytes): entries are read only after
    // the central directory's count has passed the limit.
    const signature = Buffer.from("PK\x03\x04", "latin1");
    const view = Buffer.from(zipBytes.buffer, zipBytes.byteOffset, zipBytes.byteLength);
    for (let at = view.indexOf(signature, 4); at >= 0; at = view.indexOf(signature, at + 4)) view.fill(0, at, at + 4);
    await writeFile(zip, zipBytes);
    await refused(extractArchive({ file: zip, stagingRoot: staging }), "too_large", /100000 entries; the limit is 50000/);
    const tgz = path.join(tmp.dir, "many.tar.gz");
    await writeFile(tgz, manyEmptyFilesTarGz(100_000, { damagedFrom: 3000 }));
    await refused(extractArchive({ file: tgz, stagingRoot: staging, limits: { entries: 2000 } }), "too_large", /more than 2000 entries/);
    // The damage is seen when the limit would let the reader get there.
    await expect(extractArchive({ file: tgz, stagingRoot: staging, limits: { entries: 5000 } })).rejects.not.toThrow(/more than 5000 entries/);
    expect(await leftovers()).toEqual([]);
  });

  it("refuses empty archives and non-archives", async () => {
    const zip = path.join(tmp.dir, "empty.zip");
    await writeFile(zip, writeZip([]));
    await refused(extractArchive({ file: zip, stagingRoot: staging }), "invalid_input", /empty/);
    await writeFile(zip, writeZip([{ name: "only-a-folder/" }]));
    await refused(extractArchive({ file: zip, stagingRoot: staging }), "invalid_input", /empty \(no files\)/);
    const tar = path.join(tmp.dir, "empty.tar");
    await writeTar(tar, [], false);
    await refused(extractArchive({ file: tar, stagingRoot: staging }), "invalid_input", /empty/);
    const txt = path.join(tmp.dir, "notes.zip");
    await writeFile(txt, "hello, not an archive");
    await refused(extractArchive({ file: txt, stagingRoot: staging }), "invalid_input", /not a \.zip, \.tar or \.tar\.gz/);
    expect(await leftovers()).toEqual([]);
  });

  it("counts streamed bytes (per file and in total), not the header sizes", async () => {
    const tgz = path.join(tmp.dir, "big.tar.gz");
    await writeTar(tgz, [{ name: "a.bin", zeros: 3 << 20 }, { name: "b.bin", zeros: 3 << 20 }], true);
    await refused(extractArchive({ file: tgz, stagingRoot: staging, limits: { entryBytes: 2 << 20 } }), "too_large", /a\.bin.*2 MiB allowed for one file/);
    await refused(extractArchive({ file: tgz, stagingRoot: staging, limits: { extractedBytes: 5 << 20 } }), "too_large", /b\.bin: the archive unpacks to more than 5 MiB/);
    expect(await leftovers()).toEqual([]);
  });

  it("a deflated zip entry whose header understates (or overstates) its size is a damaged archive: refused, nothing thrown outside, nothing left", async () => {
    // One deflated entry of 4 MiB of zeros whose local and central headers claim `claimed` bytes.
    const lyingZip = (claimed: number) => {
      const name = new TextEncoder().encode("zzbomb.bin");
      const data = deflateRawSync(new Uint8Array(4 << 20));
      const local = new Uint8Array(30 + name.length + data.length);
      const lv = new DataView(local.buffer);
      lv.setUint32(0, 0x04034b50, true);
      lv.setUint16(4, 20, true);
      lv.setUint16(8, 8, true);
      lv.setUint32(18, data.length, true);
      lv.setUint32(22, claimed, true);
      lv.setUint16(26, name.length, true);
      local.set(name, 30);
      local.set(data, 30 + name.length);
      const central = new Uint8Array(46 + name.length);
      const cv = new DataView(central.buffer);
      cv.setUint32(0, 0x02014b50, true);
      cv.setUint16(4, 20, true);
      cv.setUint16(6, 20, true);
      cv.setUint16(10, 8, true);
      cv.setUint32(20, data.length, true);
      cv.setUint32(24, claimed, true);
      cv.setUint16(28, name.length, true);
      central.set(name, 46);
      const end = new Uint8Array(22);
      const ev = new DataView(end.buffer);
      ev.setUint32(0, 0x06054b50, true);
      ev.setUint16(8, 1, true);
      ev.setUint16(10, 1, true);
      ev.setUint32(12, central.length, true);
      ev.setUint32(16, local.length, true);
      return Buffer.concat([local, central, end]);
    };
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      for (const [claimed, pattern] of [[1000, /zzbomb\.bin: the archive is damaged \(the entry holds more than the 1000 bytes its header declares\)/], [(4 << 20) + 10, /zzbomb\.bin: the archive is damaged \(the entry holds 4194304 of the 4194314 bytes/]] as const) {
        const file = path.join(tmp.dir, "lie.zip");
        await writeFile(file, lyingZip(claimed));
        await refused(extractArchive({ file, name: "lie.zip", stagingRoot: staging }), "invalid_input", pattern);
      }
      await new Promise((resolve) => setTimeout(resolve, 200)); // let any stray stream error surface
    } finally {
      process.off("uncaughtException", onUncaught);
    }
    expect(uncaught).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });

  it("keeps memory flat while streaming a large archive (240 MiB unpacked)", async () => {
    const tgz = path.join(tmp.dir, "large.tar.gz");
    await writeTar(tgz, Array.from({ length: 6 }, (_, i) => ({ name: `blob/${i}.bin`, zeros: 40 << 20 })), true);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const source = await extractArchive({ file: tgz, stagingRoot: staging });
    clearInterval(timer);
    expect(source.files).toHaveLength(6);
    console.log(`streaming 240 MiB: rss grew by ${((peak - before) / 2 ** 20).toFixed(1)} MiB`);
    expect(peak - before).toBeLessThan(80 * 2 ** 20);
    await source.cleanup();
  });
});

describe("openFolderSource", () => {
  it("lists files with lstat and refuses a symlink to /etc/passwd, naming it", async () => {
    const dir = path.join(tmp.dir, "ds");
    await writeTree(dir, pairFiles);
    const ok = await openFolderSource({ dir });
    expect(ok.files).toEqual(["data/images/a.png", "data/masks/a.png"]);
    await symlink("/etc/passwd", path.join(dir, "data/images/b.png"));
    await refused(openFolderSource({ dir }), "invalid_input", /data\/images\/b\.png: is a symbolic link \(to \/etc\/passwd\); links are refused/);
  });

  it("refuses a linked folder, a missing folder, an archive given as a folder and an oversized PNG header", async () => {
    const dir = path.join(tmp.dir, "ds");
    await writeTree(dir, { "images/a.png": rgbPng(2, 2) });
    await symlink("/etc", path.join(dir, "masks"));
    await refused(openFolderSource({ dir }), "invalid_input", /masks: is a symbolic link \(to \/etc\)/);
    await refused(openFolderSource({ dir: path.join(tmp.dir, "nope") }), "invalid_input", /does not exist/);
    await writeFile(path.join(tmp.dir, "x.zip"), writeZip([{ name: "a", data: new Uint8Array([1]) }]));
    await refused(openFolderSource({ dir: path.join(tmp.dir, "x.zip") }), "invalid_input", /archives go through --archive/);
    const bombDir = path.join(tmp.dir, "bomb");
    await writeTree(bombDir, { "masks/a.png": bombPngHeader(40_000, 40_000) });
    await refused(openFolderSource({ dir: bombDir }), "too_large", /40000x40000/);
  });
});
