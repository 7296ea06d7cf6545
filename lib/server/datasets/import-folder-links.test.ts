import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { readDatasetFolder } from "./import-folder";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A dataset folder with two samples (bytes are never decoded by readDatasetFolder). */
function datasetFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "intersect-links-"));
  dirs.push(dir);
  mkdirSync(path.join(dir, "images"));
  mkdirSync(path.join(dir, "masks"));
  writeFileSync(path.join(dir, "classes.json"), JSON.stringify(["background", "road"]));
  for (const name of ["a", "b"]) {
    writeFileSync(path.join(dir, "images", `${name}.png`), `image ${name}`);
    writeFileSync(path.join(dir, "masks", `${name}.png`), `mask ${name}`);
  }
  return dir;
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("readDatasetFolder refuses symbolic links (never reads through them)", () => {
  it("reads a plain folder", async () => {
    const { samples } = await readDatasetFolder({ dir: datasetFolder() });
    expect(samples.map((s) => s.name)).toEqual(["a", "b"]);
  });

  for (const sub of ["images", "masks"]) {
    it(`refuses a link to /etc/passwd in ${sub}/, naming the file`, async () => {
      const dir = datasetFolder();
      const file = path.join(dir, sub, "b.png");
      rmSync(file);
      symlinkSync("/etc/passwd", file);
      const error = await errorOf(readDatasetFolder({ dir }));
      expect(error.code).toBe("invalid_input");
      expect(error.message).toBe(`${file}: is a symbolic link (to /etc/passwd); links are refused, copy the file into the folder instead.`);
    });
  }

  it("refuses a linked images/ folder, a linked classes.json and a linked tags.json", async () => {
    const linkedFolder = datasetFolder();
    const other = datasetFolder();
    rmSync(path.join(linkedFolder, "images"), { recursive: true });
    symlinkSync(path.join(other, "images"), path.join(linkedFolder, "images"));
    expect((await errorOf(readDatasetFolder({ dir: linkedFolder }))).message).toContain(`${path.join(linkedFolder, "images")}: is a symbolic link`);

    const linkedClasses = datasetFolder();
    rmSync(path.join(linkedClasses, "classes.json"));
    symlinkSync(path.join(other, "classes.json"), path.join(linkedClasses, "classes.json"));
    expect((await errorOf(readDatasetFolder({ dir: linkedClasses }))).message).toContain("classes.json: is a symbolic link");

    const linkedTags = datasetFolder();
    symlinkSync("/etc/passwd", path.join(linkedTags, "tags.json"));
    expect((await errorOf(readDatasetFolder({ dir: linkedTags }))).message).toContain("tags.json: is a symbolic link (to /etc/passwd)");
  });
});
