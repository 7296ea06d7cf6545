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

/** The answer is larger than the transport reads (its Content-Length says so, or its body grew past it). Retrying cannot help. */
export class TooLargeAnswerError extends Error {
  constructor(readonly limit: number) {
    super(`the answer is larger than ${limit} bytes`);
  }
}

/** The transport was closed (the run stopped): no request is sent, none is retried. */
export class TransportClosedError extends Error {
  constructor() {
    super("the run was stopped");
  }
}

/**
 * Largest answer read (bytes): 512 MiB, far above a segmentation output in
 * JSON (a 2048x1024 id map is ~10 MB) and below what would strain the
 * server; an endpoint claiming more is refused before anything is allocated.
 */
export const MAX_ANSWER_BYTES = 512 * 1024 * 1024;

/**
 * node:http/https requests on keep-alive agents with at most `maxSockets`
 * connections per host (so one socket per request in flight is reused, no
 * handshake per image). Bodies go out as given parts (no concatenation);
 * a response body is read into one buffer of its Content-Length, at most
 * `maxAnswerBytes` (TooLargeAnswerError beyond). A timeout covers the whole
 * attempt and rejects with an Error named "TimeoutError"; network errors
 * keep Node's `code` (ECONNREFUSED, ECONNRESET, …). After `close`, requests
 * in flight are cut off and new ones fail with TransportClosedError.
 */
export function createHttpTransport(maxSockets: number, maxAnswerBytes: number = MAX_ANSWER_BYTES) {
  const options = { keepAlive: true, maxSockets: Math.max(1, Math.floor(maxSockets)), scheduling: "lifo" as const };
  const agents = { http: new http.Agent(options), https: new https.Agent(options) };
  let closed = false;
  const inFlight = new Set<http.ClientRequest>();

  function request(url: string, init: { method: string; headers: Record<string, string>; body?: Uint8Array[] }, timeoutMs: number): Promise<RawResponse> {
    if (closed) return Promise.reject(new TransportClosedError());
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
      // Once the transport is closed, whatever cut the request off, the reason is the close.
      const fail = (error: unknown) => finish(() => reject(closed ? new TransportClosedError() : error));
      const req = (secure ? https : http).request(u, { method: init.method, headers, agent: secure ? agents.https : agents.http }, (res) => {
        const tooLarge = () => {
          const error = new TooLargeAnswerError(maxAnswerBytes);
          req.destroy(error);
          finish(() => reject(error));
        };
        const declared = Number(res.headers["content-length"]);
        if (Number.isFinite(declared) && declared > maxAnswerBytes) return tooLarge();
        const fixed = Number.isInteger(declared) && declared >= 0 ? Buffer.allocUnsafe(declared) : null;
        const chunks: Buffer[] = [];
        let received = 0;
        res.on("data", (chunk: Buffer) => {
          if (settled) return;
          if (received + chunk.length > maxAnswerBytes) return tooLarge();
          if (fixed && received + chunk.length <= fixed.length) chunk.copy(fixed, received);
          else chunks.push(chunk);
          received += chunk.length;
        });
        res.on("error", (error) => fail(new BodyError(error)));
        res.on("aborted", () => fail(new BodyError(new Error("the answer was cut off"))));
        res.on("end", () =>
          finish(() => {
            const body = fixed && received === fixed.length && chunks.length === 0 ? fixed : Buffer.concat(fixed ? [fixed.subarray(0, Math.min(received, fixed.length)), ...chunks] : chunks);
            const h = res.headers;
            resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", header: (name) => [h[name.toLowerCase()]].flat()[0], body });
          }),
        );
      });
      inFlight.add(req);
      req.on("close", () => inFlight.delete(req));
      const timer = setTimeout(() => {
        const error = Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: "TimeoutError" });
        req.destroy(error);
        finish(() => reject(error));
      }, timeoutMs);
      req.on("error", (error) => fail(error));
      for (const part of init.body ?? []) req.write(part);
      req.end();
    });
  }

  return {
    request,
    /** Cuts off requests in flight (they reject with TransportClosedError), closes the sockets; later requests fail at once. */
    close() {
      closed = true;
      for (const req of inFlight) req.destroy(new TransportClosedError());
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
