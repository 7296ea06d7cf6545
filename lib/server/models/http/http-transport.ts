import "server-only";
import http from "node:http";
import https from "node:https";

/** A complete HTTP answer: status line, headers, whole body. */
export interface RawResponse {
  status: number;
  statusText: string;
  header(name: string): string | undefined;
  body: Buffer;
}

/** The answer's headers came but its body broke off (a reset, or the timeout while reading). */
export class BodyError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/**
 * node:http/https requests on keep-alive agents with at most `maxSockets`
 * connections per host (so one socket per request in flight is reused, no
 * handshake per image). Bodies go out as given parts (no concatenation);
 * a response body is read into one buffer of its Content-Length. A timeout
 * covers the whole attempt and rejects with an Error named "TimeoutError";
 * network errors keep Node's `code` (ECONNREFUSED, ECONNRESET, …).
 */
export function createHttpTransport(maxSockets: number) {
  const options = { keepAlive: true, maxSockets: Math.max(1, Math.floor(maxSockets)), scheduling: "lifo" as const };
  const agents = { http: new http.Agent(options), https: new https.Agent(options) };

  function request(url: string, init: { method: string; headers: Record<string, string>; body?: Uint8Array[] }, timeoutMs: number): Promise<RawResponse> {
    const u = new URL(url);
    const secure = u.protocol === "https:";
    const length = init.body?.reduce((n, p) => n + p.byteLength, 0);
    const headers = length === undefined ? init.headers : { ...init.headers, "content-length": String(length) };
    return new Promise<RawResponse>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const req = (secure ? https : http).request(u, { method: init.method, headers, agent: secure ? agents.https : agents.http }, (res) => {
        const declared = Number(res.headers["content-length"]);
        const fixed = Number.isFinite(declared) && declared >= 0 ? Buffer.allocUnsafe(declared) : null;
        const chunks: Buffer[] = [];
        let received = 0;
        res.on("data", (chunk: Buffer) => {
          if (fixed && received + chunk.length <= fixed.length) chunk.copy(fixed, received);
          else chunks.push(chunk);
          received += chunk.length;
        });
        res.on("error", (error) => finish(() => reject(new BodyError(error))));
        res.on("aborted", () => finish(() => reject(new BodyError(new Error("the answer was cut off")))));
        res.on("end", () =>
          finish(() => {
            const body = fixed && received === fixed.length && chunks.length === 0 ? fixed : Buffer.concat(fixed ? [fixed.subarray(0, Math.min(received, fixed.length)), ...chunks] : chunks);
            const h = res.headers;
            resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", header: (name) => [h[name.toLowerCase()]].flat()[0], body });
          }),
        );
      });
      const timer = setTimeout(() => {
        const error = Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: "TimeoutError" });
        req.destroy(error);
        finish(() => reject(error));
      }, timeoutMs);
      req.on("error", (error) => finish(() => reject(error)));
      for (const part of init.body ?? []) req.write(part);
      req.end();
    });
  }

  return {
    request,
    /** Closes idle keep-alive sockets; requests still work afterwards (new sockets). */
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
