/**
 * Finds every server entry point of the app from its own files, so that the
 * isolation test covers a new page, route handler or server action the
 * moment it is added: pages (`app/**\/page.tsx`), route handlers
 * (`app/**\/route.ts`, one entry per exported HTTP method) and server
 * actions (every exported function of a file that starts with "use server",
 * under `lib/server/actions/` or `app/`).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const ROOT = path.resolve(import.meta.dirname, "../..");

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const SKIP_DIRS = new Set(["node_modules", ".next", "generated", ".git"]);

export type EntryKind = "page" | "route" | "action";

/** One callable server entry point, keyed for the case table (`page /apps/[appId]`, `GET /api/…`, `action name`). */
export interface DiscoveredEntry {
  key: string;
  kind: EntryKind;
  /** Repo-relative file that defines it. */
  file: string;
  /** URL pattern for pages and routes (`/apps/[appId]`). */
  pattern?: string;
  /** Names of the dynamic segments, in order. */
  params: string[];
  /** Loads the callable (the page's default export, the route method, the action). */
  load(): Promise<(...args: never[]) => unknown>;
}

/** Repo-relative paths of files under `dir` (recursive), sorted. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  const visit = (abs: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(path.join(abs, e.name));
      } else out.push(path.relative(ROOT, path.join(abs, e.name)));
    }
  };
  visit(path.join(ROOT, dir));
  return out.sort();
}

/** `app/apps/[appId]/page.tsx` → `/apps/[appId]`; route groups `(x)` vanish; private `_x` folders are not routes. */
function routePattern(file: string): string | null {
  const segments = path.dirname(file).split(path.sep).slice(1);
  if (segments.some((s) => s.startsWith("_"))) return null;
  return "/" + segments.filter((s) => !(s.startsWith("(") && s.endsWith(")"))).join("/");
}

function paramsOf(pattern: string): string[] {
  return [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]);
}

async function importFile(file: string): Promise<Record<string, unknown>> {
  return import(pathToFileURL(path.join(ROOT, file)).href);
}

function asCallable(value: unknown, what: string): (...args: never[]) => unknown {
  if (typeof value !== "function") throw new Error(`${what} is not a function`);
  return value as (...args: never[]) => unknown;
}

/** True when the file's first statement is the "use server" directive. */
export function isServerActionFile(source: string): boolean {
  let body = source;
  for (let prev = ""; prev !== body; ) {
    prev = body;
    body = body.trimStart().replace(/^\/\/[^\n]*/, "").replace(/^\/\*[\s\S]*?\*\//, "");
  }
  return /^["']use server["']/.test(body);
}

/** Files holding a "use server" directive anywhere but at the top (inline actions this test cannot enumerate). */
export function findInlineServerActions(): string[] {
  return ["app", "components", "lib"]
    .flatMap(walk)
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith("app/_isolation/"))
    .filter((f) => {
      const source = readFileSync(path.join(ROOT, f), "utf8");
      return /^\s*["']use server["']/m.test(source) && !isServerActionFile(source);
    });
}

/** Every page, route handler method and server action of the app. */
export async function discoverEntries(): Promise<DiscoveredEntry[]> {
  const entries: DiscoveredEntry[] = [];
  const appFiles = walk("app");
  for (const file of appFiles.filter((f) => /(^|\/)page\.(tsx|ts|jsx|js)$/.test(f))) {
    const pattern = routePattern(file);
    if (pattern === null) continue;
    entries.push({
      key: `page ${pattern}`,
      kind: "page",
      file,
      pattern,
      params: paramsOf(pattern),
      load: async () => asCallable((await importFile(file)).default, `${file} default export`),
    });
  }
  for (const file of appFiles.filter((f) => /(^|\/)route\.(ts|js)$/.test(f))) {
    const pattern = routePattern(file);
    if (pattern === null) continue;
    const mod = await importFile(file);
    for (const method of HTTP_METHODS.filter((m) => m in mod)) {
      entries.push({
        key: `${method} ${pattern}`,
        kind: "route",
        file,
        pattern,
        params: paramsOf(pattern),
        load: async () => asCallable(mod[method], `${file} ${method}`),
      });
    }
  }
  const actionFiles = [...walk("lib/server/actions"), ...appFiles].filter(
    (f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && isServerActionFile(readFileSync(path.join(ROOT, f), "utf8")),
  );
  for (const file of actionFiles) {
    const mod = await importFile(file);
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      entries.push({ key: `action ${name}`, kind: "action", file, params: [], load: async () => asCallable(value, `${file} ${name}`) });
    }
  }
  return entries;
}
