/**
 * Calls a discovered entry point the way Next would, and reduces whatever
 * comes back (a rendered tree, a thrown notFound()/redirect(), a Response,
 * an action result) to one comparable outcome.
 */
import { isValidElement, type ReactNode } from "react";
import type { DiscoveredEntry } from "./discover";
import { cookieHeader } from "./request-state";

export type Outcome =
  | { type: "rendered"; text: string }
  | { type: "notFound" }
  | { type: "redirect"; to: string }
  | { type: "response"; status: number; body: string }
  | { type: "result"; value: unknown }
  | { type: "threw"; message: string };

/** Every string in a React element tree (children and string props such as `href`), joined with spaces. */
export function textOf(node: unknown): string {
  const parts: string[] = [];
  const visit = (n: unknown) => {
    if (n === null || n === undefined || typeof n === "boolean") return;
    if (typeof n === "string" || typeof n === "number") parts.push(String(n));
    else if (Array.isArray(n)) n.forEach(visit);
    else if (isValidElement(n)) {
      for (const [key, value] of Object.entries(n.props as Record<string, unknown>)) {
        if (key === "children") visit(value as ReactNode);
        else if (typeof value === "string") parts.push(value);
        else if (value && typeof value === "object") parts.push(JSON.stringify(value, (_k, v) => (typeof v === "function" ? undefined : v)) ?? "");
      }
    }
  };
  visit(node);
  return parts.join(" ");
}

/** Reads Next's control-flow errors (notFound(), redirect()) from their digest. */
export function classifyThrown(error: unknown): Outcome {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest === "string") {
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return { type: "notFound" };
    if (digest.startsWith("NEXT_REDIRECT;")) return { type: "redirect", to: digest.split(";")[2] ?? "" };
  }
  return { type: "threw", message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

/** `/apps/[appId]` + `{appId: "x"}` → `/apps/x`. */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_m, name: string) => encodeURIComponent(params[name] ?? ""));
}

/**
 * Calls `entry` with `values` as the page's/route's params or the action's
 * input, under the cookies of the current jar. `args` replaces the action's
 * arguments when given (for actions that are not `(input) => result`).
 */
export async function callEntry(entry: DiscoveredEntry, values: Record<string, string>, args?: unknown[]): Promise<Outcome> {
  const fn = (await entry.load()) as (...a: unknown[]) => Promise<unknown>;
  try {
    if (entry.kind === "page") {
      return { type: "rendered", text: textOf(await fn({ params: Promise.resolve(values), searchParams: Promise.resolve({}) })) };
    }
    if (entry.kind === "route") {
      const method = entry.key.split(" ")[0];
      // What a browser on the app's own page sends (the route handlers make the proxy's cross-site check too).
      const headers = { cookie: cookieHeader(), host: "127.0.0.1", origin: "http://127.0.0.1" };
      const request = new Request(`http://127.0.0.1${fillPattern(entry.pattern!, values)}`, { method, headers });
      const res = (await fn(request, { params: Promise.resolve(values) })) as Response;
      const isText = /json|text/.test(res.headers.get("content-type") ?? "");
      return { type: "response", status: res.status, body: isText ? await res.text() : `<${res.headers.get("content-type")}>` };
    }
    return { type: "result", value: await fn(...(args ?? [values])) };
  } catch (error) {
    return classifyThrown(error);
  }
}

/** Short text of an outcome for failure messages. */
export function describe(outcome: Outcome): string {
  switch (outcome.type) {
    case "rendered":
      return `rendered (${outcome.text.slice(0, 120)}…)`;
    case "response":
      return `HTTP ${outcome.status} ${outcome.body.slice(0, 200)}`;
    case "result":
      return `result ${JSON.stringify(outcome.value)?.slice(0, 200)}`;
    case "redirect":
      return `redirect to ${outcome.to}`;
    case "threw":
      return `threw ${outcome.message}`;
    default:
      return outcome.type;
  }
}

type Expectation = "not_found" | "signed_out" | "ok";

/** Whether `outcome` is what an entry of this kind must answer: refused as not found, refused as signed out, or served. */
export function matches(kind: DiscoveredEntry["kind"], outcome: Outcome, expected: Expectation): boolean {
  const code = outcome.type === "result" ? (outcome.value as { ok?: boolean; error?: { code?: string } } | null)?.error?.code : undefined;
  const ok = outcome.type === "result" && (outcome.value as { ok?: boolean } | null)?.ok === true;
  switch (expected) {
    case "not_found":
      return kind === "page" ? outcome.type === "notFound" : kind === "route" ? outcome.type === "response" && outcome.status === 404 : code === "not_found";
    case "signed_out":
      if (kind === "page") return outcome.type === "redirect" && outcome.to.startsWith("/sign-in");
      return kind === "route" ? outcome.type === "response" && outcome.status === 401 : code === "unauthenticated";
    case "ok":
      return kind === "page" ? outcome.type === "rendered" : kind === "route" ? outcome.type === "response" && outcome.status === 200 : ok;
  }
}
