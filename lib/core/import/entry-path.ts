import { AppError } from "@/lib/core/errors";

/**
 * Checks one path from an archive (or a folder walk) and returns it as a
 * clean relative POSIX path ("a/b.png"). Refuses, with an AppError naming the
 * entry: empty names, NUL bytes, absolute paths ("/x", "\\x"), drive letters
 * ("C:x"), UNC paths, and any ".." segment (zip slip). Backslashes count as
 * separators, "." and empty segments are dropped. A trailing "/" (a directory
 * entry) is kept off the result; callers learn it from `isDirectoryName`.
 */
export function checkEntryPath(raw: string, source = "archive"): string {
  const shown = JSON.stringify(raw.length > 200 ? `${raw.slice(0, 200)}…` : raw);
  const refuse = (why: string) => new AppError("invalid_input", `${source}: entry ${shown} ${why}; refused.`);
  if (raw.length === 0) throw refuse("has an empty name");
  if (raw.includes("\0")) throw refuse("contains a NUL byte");
  const unified = raw.replace(/\\/g, "/");
  if (unified.startsWith("/")) throw refuse("is an absolute path");
  if (/^[a-zA-Z]:/.test(unified)) throw refuse("starts with a drive letter (an absolute Windows path)");
  const parts = unified.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw refuse('contains ".." and would be written outside the staging folder (zip slip)');
  if (parts.length === 0) throw refuse("has no file name");
  return parts.join("/");
}

/**
 * True for the archive's own root as a directory entry: a name made only of
 * "." segments and separators ("./", ".", "./."), which `tar -C dir .` writes
 * first. Callers skip it; as a file name it is still refused by checkEntryPath.
 */
export function isArchiveRoot(raw: string): boolean {
  return raw.length > 0 && raw.replace(/\\/g, "/").split("/").every((p) => p === "" || p === ".");
}

/**
 * True for files that are never data, skipped by dataset and predictions
 * imports alike: hidden files (".DS_Store", AppleDouble "._name"), anything
 * under macOS's "__MACOSX/", and Windows' "Thumbs.db" and "desktop.ini".
 */
export function isOsMetadataPath(relPath: string): boolean {
  const parts = relPath.split("/");
  const base = parts[parts.length - 1];
  return parts.includes("__MACOSX") || base.startsWith(".") || base === "Thumbs.db" || base === "desktop.ini";
}

/** True for a name that denotes a directory entry (ends with a separator). */
export function isDirectoryName(raw: string): boolean {
  return raw.endsWith("/") || raw.endsWith("\\");
}

/** The file name without folders and without its last extension ("a/b.x.png" -> "b.x"). */
export function stemOf(relPath: string): string {
  const base = relPath.slice(relPath.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

/** The lower-case extension with its dot (".png"), or "" when there is none. */
export function extOf(relPath: string): string {
  const base = relPath.slice(relPath.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot).toLowerCase() : "";
}

/** The folder part of a relative path ("a/b/c.png" -> "a/b"; "c.png" -> ""). */
export function dirOf(relPath: string): string {
  const slash = relPath.lastIndexOf("/");
  return slash < 0 ? "" : relPath.slice(0, slash);
}

/** Joins relative path parts, skipping empty ones. */
export function joinRel(...parts: string[]): string {
  return parts.filter((p) => p !== "").join("/");
}
