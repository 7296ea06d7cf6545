import "server-only";
import { AppError } from "@/lib/core/errors";
import { errorResponse } from "./route";

/** The methods a route module may serve itself (Next answers HEAD from GET and OPTIONS on its own). */
const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type RouteMethod = (typeof ROUTE_METHODS)[number];
type Served = Partial<Record<RouteMethod, (...args: never[]) => unknown>>;
type Answer = (req: Request) => Promise<Response>;
/** What a route exports besides its own handlers: a 405 for every method it does not serve, HEAD when it has no GET, and OPTIONS. */
export type OtherMethods<S extends Served> = Record<Exclude<RouteMethod, keyof S> | ("GET" extends keyof S ? never : "HEAD") | "OPTIONS", Answer>;

const answers = new WeakSet<Answer>();

/**
 * The answers a REST route gives to the methods it does not serve, so that
 * e.g. `DELETE /api/v1/apps` is the API's JSON error (405,
 * `method_not_allowed`, with an `Allow` header) rather than Next's bare 405.
 * OPTIONS is answered here too (204 with the same `Allow`): once these are
 * exported, Next's own OPTIONS would list them as served. Use it as
 * `export const { DELETE, PATCH, PUT, OPTIONS } = otherMethods({ GET, POST });`
 * — the type only offers the methods the route leaves out. Needs no sign-in:
 * it says nothing about any data.
 */
export function otherMethods<S extends Served>(served: S): OtherMethods<S> {
  const servedMethods = ROUTE_METHODS.filter((m) => served[m] !== undefined);
  const allow = [...servedMethods, ...(servedMethods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort().join(", ");
  const refuse: Answer = async (req) => {
    const res = errorResponse(new AppError("method_not_allowed", `${req.method} is not allowed on ${new URL(req.url).pathname} (allowed: ${allow}).`));
    res.headers.set("Allow", allow);
    return res;
  };
  const options: Answer = async () => new Response(null, { status: 204, headers: { Allow: allow } });
  answers.add(refuse).add(options);
  const out: Record<string, Answer> = { OPTIONS: options };
  for (const m of ROUTE_METHODS) if (!servedMethods.includes(m)) out[m] = refuse;
  if (!servedMethods.includes("GET")) out.HEAD = refuse;
  return out as OtherMethods<S>;
}

/** True for a handler made by {@link otherMethods} (the isolation test gives these one shared case). */
export function isOtherMethodAnswer(handler: unknown): boolean {
  return typeof handler === "function" && answers.has(handler as Answer);
}
