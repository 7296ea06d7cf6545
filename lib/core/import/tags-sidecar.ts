import { AppError } from "@/lib/core/errors";
import { tagProblem } from "@/lib/core/tags/tag-rules";
import type { ImportProblem } from "./plan";

/** Sample name -> tags. */
export type TagMap = Map<string, string[]>;

/**
 * The trimmed, distinct tags of one entry. A tag that breaks the tag rules
 * (lib/core/tags/tag-rules.ts) is left out and reported in `problems`
 * naming the file (like other import problems); without `problems` it throws.
 */
function cleanTags(raw: readonly string[], file: string, at: string, problems?: ImportProblem[]): string[] {
  const tags = [...new Set(raw.map((t) => t.trim()).filter((t) => t !== ""))];
  return tags.filter((tag) => {
    const problem = tagProblem(tag);
    if (problem === null) return true;
    if (!problems) throw new AppError("invalid_input", `${file} ${at}: ${problem}.`);
    problems.push({ file, problem: `${at}: ${problem}` });
    return false;
  });
}

/** Splits one CSV line (commas, double quotes with "" escapes). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Parses a tags sidecar: JSON `{"<name>": ["occluded", …]}` (or a
 * "tag;tag" string per name), or CSV rows `name,tags` where the tags field
 * holds tags separated by `;` or `|`, or further columns hold one tag each.
 * A first CSV row starting with "name" (or "sample", "image") is a header.
 * Names are sample names (file names without extension; an extension given
 * is dropped). Errors name the file and line. A tag that breaks the tag
 * rules (";", control characters, over 64 characters) is skipped and added
 * to `problems` when given (the import's per-file report), else thrown.
 */
export function parseTagsSidecar(text: string, fileName: string, problems?: ImportProblem[]): TagMap {
  const tags: TagMap = new Map();
  /** `at`: where in the file (`sample "a.png"`, "line 3"). */
  const add = (rawName: string, list: string[], at: string) => {
    const name = rawName.trim().replace(/\.[a-zA-Z0-9]{2,5}$/, "");
    if (name === "") throw new AppError("invalid_input", `${fileName} ${at}: the sample name is empty.`);
    tags.set(name, [...new Set([...(tags.get(name) ?? []), ...cleanTags(list, fileName, at, problems)])]);
  };
  if (fileName.toLowerCase().endsWith(".json")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new AppError("invalid_input", `${fileName}: not valid JSON (${(error as Error).message}).`);
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      throw new AppError("invalid_input", `${fileName}: expected {"<sample name>": ["tag", …]}.`);
    }
    for (const [name, value] of Object.entries(json)) {
      const list = typeof value === "string" ? value.split(/[;|]/) : Array.isArray(value) && value.every((v) => typeof v === "string") ? value : null;
      if (list === null) throw new AppError("invalid_input", `${fileName}: "${name}" must map to a list of tag strings.`);
      add(name, list, `sample "${name}"`);
    }
    return tags;
  }
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const cells = splitCsvLine(line);
    if (i === 0 && /^(name|sample|image|file)/i.test(cells[0].trim())) return;
    add(cells[0], cells.slice(1).flatMap((c) => c.split(/[;|]/)), `line ${i + 1}`);
  });
  return tags;
}
