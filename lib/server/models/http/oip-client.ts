import "server-only";
import { AppError } from "@/lib/core/errors";
import { endpointHostProblem } from "./endpoint-hosts";
import type { HttpEndpointConfig } from "@/lib/contracts/http-endpoint-config";
import { BodyError, createHttpTransport, TooLargeAnswerError, TransportClosedError, type RawResponse } from "./http-transport";
import { decodeInferResponse, encodeInferRequest, modelMetadataSchema, type ModelMetadata, type OipTensor } from "./oip-codec";

export interface OipClientOptions {
  /** Per attempt, in ms. Default 30,000. */
  timeoutMs?: number;
  /** Further attempts after a 5xx, a timeout or a network error. Default 3. */
  retries?: number;
  /** First retry delay in ms, doubled each time (+ up to 25 % jitter). Default 250. */
  backoffMs?: number;
  /** Keep-alive connections to the endpoint at most (set it to the requests in flight). Default 4. */
  maxSockets?: number;
}

/** An endpoint as it may appear in messages: no credentials, no query string (either could hold a secret). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`.replace(/\/$/, "");
  } catch {
    return "the endpoint";
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Failure of one attempt; `retry` says whether another attempt may succeed. */
class AttemptError extends Error {
  constructor(message: string, readonly retry: boolean) {
    super(message);
  }
}

/** The endpoint's own words from an error body: OIP's `{"error": "..."}`, else the start of the text. */
function endpointMessage(status: number, statusText: string, text: string): string {
  let said = text.trim();
  try {
    const j = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    const m = j.error ?? j.message ?? j.detail;
    if (typeof m === "string") said = m;
  } catch {
    /* not JSON: keep the text */
  }
  said = said.replace(/\s+/g, " ").slice(0, 300);
  return `HTTP ${status}${statusText ? ` ${statusText}` : ""}${said ? `: ${said}` : ""}`;
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof BodyError) return networkReason(error.reason, timeoutMs);
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${timeoutMs} ms`;
  const own = (error as { code?: unknown } | null)?.code;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const said = (typeof own === "string" ? own : undefined) ?? cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return said.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, (u) => displayUrl(u)); // no credentials or query strings
}

/**
 * Splits `http://user:pass@host/base?key=v` into a function that places an
 * API path under the base (`/v2/models/m` goes after "/base", the query
 * string stays after it, a fragment is dropped) and the headers, with a
 * Basic Authorization header from the credentials unless one is configured.
 */
function splitCredentials(url: string, headers: Record<string, string> | undefined): { at: (apiPath: string) => string; headers: Record<string, string> } {
  const u = new URL(url);
  const out = { ...headers };
  if (u.username || u.password) {
    const hasAuth = Object.keys(out).some((k) => k.toLowerCase() === "authorization");
    if (!hasAuth) out.authorization = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString("base64")}`;
    u.username = "";
    u.password = "";
  }
  u.hash = "";
  const basePath = u.pathname.replace(/\/+$/, "");
  const at = (apiPath: string) => {
    const target = new URL(u.toString());
    target.pathname = basePath + apiPath;
    return target.toString();
  };
  return { at, headers: out };
}

/**
 * A small Open Inference Protocol v2 client for one model. Headers from the
 * config (Authorization, …) go on every request and appear in no message or
 * log. Failures become AppError("invalid_input") with the endpoint's address
 * (credentials stripped) and its own message, after retries where retrying
 * can help (5xx, timeouts, refused or reset connections); 4xx fail at once.
 */
export function createOipClient(config: Pick<HttpEndpointConfig, "url" | "modelName" | "headers">, opts: OipClientOptions = {}) {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const retries = opts.retries ?? 3;
  const backoffMs = opts.backoffMs ?? 250;
  // Every request of a client goes to this one host: checked once, before any is sent.
  const hostProblem = URL.canParse(config.url) ? endpointHostProblem(new URL(config.url)) : null;
  if (hostProblem) throw new AppError("invalid_input", hostProblem);
  const { at, headers } = splitCredentials(config.url, config.headers);
  const modelPath = `/v2/models/${encodeURIComponent(config.modelName)}`;
  const modelUrl = at(modelPath);
  const shown = displayUrl(at(""));

  const transport = createHttpTransport(opts.maxSockets ?? 4);
  type Init = { method: string; body?: Uint8Array[]; headers?: Record<string, string> };

  async function attempt<T>(url: string, init: Init, read: (res: RawResponse) => T | Promise<T>): Promise<T> {
    let res: RawResponse;
    try {
      res = await transport.request(url, { method: init.method, body: init.body, headers: { ...headers, ...init.headers } }, timeoutMs);
    } catch (error) {
      if (error instanceof TransportClosedError) throw new AttemptError("the run was stopped", false);
      if (error instanceof TooLargeAnswerError) throw new AttemptError(`${shown} sent ${error.message}, more than Intersect reads`, false);
      if (error instanceof BodyError) throw new AttemptError(`the connection to ${shown} broke while reading the answer (${networkReason(error, timeoutMs)})`, true);
      throw new AttemptError(`could not reach ${shown} (${networkReason(error, timeoutMs)})`, true);
    }
    if (res.status < 200 || res.status > 299) {
      throw new AttemptError(`${shown} answered ${endpointMessage(res.status, res.statusText, res.body.toString("utf8"))}`, res.status >= 500 || res.status === 429);
    }
    return read(res);
  }

  async function withRetries<T>(what: string, url: string, init: Init, read: (res: RawResponse) => T | Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await attempt(url, init, read);
      } catch (error) {
        if (error instanceof AppError) throw new AppError(error.code, `${what}: ${error.message}`);
        if (!(error instanceof AttemptError)) throw error;
        if (!error.retry || i >= retries) {
          const tries = i + 1 > 1 ? ` after ${i + 1} attempts` : "";
          throw new AppError("invalid_input", `${what}: ${error.message}${tries}.`);
        }
        await sleep(backoffMs * 2 ** i * (1 + Math.random() * 0.25));
      }
    }
  }

  return {
    modelUrl: displayUrl(modelUrl),
    /** Closes idle keep-alive connections. */
    close: () => transport.close(),
    /** `GET {url}/v2/models/{name}`: inputs and outputs with datatype and shape. */
    async metadata(): Promise<ModelMetadata> {
      return withRetries(`model "${config.modelName}" metadata`, modelUrl, { method: "GET" }, (res) => {
        const parsed = modelMetadataSchema.safeParse(parseJson(res.body));
        if (!parsed.success) {
          throw new AppError("invalid_input", `${shown} did not return Open Inference Protocol model metadata for "${config.modelName}".`);
        }
        return parsed.data;
      });
    },
    /** `GET {url}/v2`: whether the server lists the binary tensor data extension. False when it cannot tell. */
    async supportsBinary(): Promise<boolean> {
      try {
        const res = await transport.request(at("/v2"), { method: "GET", headers }, timeoutMs);
        const j = parseJson(res.body) as { extensions?: unknown } | null;
        return res.status >= 200 && res.status < 300 && Array.isArray(j?.extensions) && j.extensions.includes("binary_tensor_data");
      } catch {
        return false;
      }
    },
    /** `POST {url}/v2/models/{name}/infer` with one input; `what` prefixes errors (the sample name). */
    async infer(what: string, input: OipTensor, outputName: string, binary: boolean): Promise<OipTensor> {
      const req = encodeInferRequest(input, outputName, binary);
      return withRetries(what, at(`${modelPath}/infer`), { method: "POST", body: req.parts, headers: req.headers }, (res) => {
        const body = new Uint8Array(res.body.buffer, res.body.byteOffset, res.body.byteLength);
        try {
          return decodeInferResponse(body, res.header("inference-header-content-length") ?? null, outputName);
        } catch (error) {
          if (error instanceof AppError) throw new AppError("invalid_input", `${shown}: ${error.message}`);
          throw error;
        }
      });
    },
  };
}

export type OipClient = ReturnType<typeof createOipClient>;
