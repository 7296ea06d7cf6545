/**
 * A `fetch` that answers from the app's own route handlers, in process: the
 * URL's path is matched against the discovered `app/**\/route.ts` patterns
 * (static segments win over dynamic ones) and the handler is called with a
 * real Request, as Next would. For tests of API clients (the CI recipe) and
 * table-driven API tests; no server, no network.
 */
import { discoverEntries, type DiscoveredEntry } from "./discover";

interface Route {
  entry: DiscoveredEntry;
  regex: RegExp;
  dynamic: number;
}

function compile(entry: DiscoveredEntry): Route {
  const source = entry
    .pattern!.split("/")
    .map((s) => (/^\[.+\]$/.test(s) ? "([^/]+)" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return { entry, regex: new RegExp(`^${source}$`), dynamic: entry.params.length };
}

/** Builds the in-process fetch over every route handler of the app. */
export async function createRouteFetch(): Promise<{ fetch: typeof fetch; routes: DiscoveredEntry[] }> {
  const routes = (await discoverEntries()).filter((e) => e.kind === "route").map(compile);
  const routeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), "http://127.0.0.1"), init);
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const candidates = routes
      .filter((r) => r.entry.key.startsWith(`${method} `))
      .map((r) => ({ r, m: r.regex.exec(url.pathname) }))
      .filter((x) => x.m !== null)
      .sort((a, b) => a.r.dynamic - b.r.dynamic);
    const hit = candidates[0];
    if (!hit) return Response.json({ error: { code: "not_found", message: `No route for ${method} ${url.pathname}` } }, { status: 404 });
    const params = Object.fromEntries(hit.r.entry.params.map((name, i) => [name, decodeURIComponent(hit.m![i + 1])]));
    const handler = (await hit.r.entry.load()) as (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
    return handler(request, { params: Promise.resolve(params) });
  };
  return { fetch: routeFetch as typeof fetch, routes: routes.map((r) => r.entry) };
}
