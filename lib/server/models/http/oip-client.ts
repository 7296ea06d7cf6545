import { AppError } from "@/lib/core/errors";
import type { HttpEndpointConfig } from "@/lib/contracts/http-endpoint-config";
import { decodeInferResponse, encodeInferRequest, modelMetadataSchema, type ModelMetadata, type OipTensor } from "./oip-codec";

export interface OipClientOptions {
  /** Per attempt, in ms. Default 30,000. */
  timeoutMs?: number;
  /** Further attempts after a 5xx, a timeout or a network error. Default 3. */
  retries?: number;
  /** First retry delay in ms, doubled each time (+ up to 25 % jitter). Default 250. */
  backoffMs?: number;
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
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const said = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return said.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, (u) => displayUrl(u)); // no credentials or query strings
}

/** Splits `http://user:pass@host/…` into a clean base URL and a Basic Authorization header (unless one is configured). */
function splitCredentials(url: string, headers: Record<string, string> | undefined): { base: string; headers: Record<string, string> } {
  const u = new URL(url);
  const out = { ...headers };
  if (u.username || u.password) {
    const hasAuth = Object.keys(out).some((k) => k.toLowerCase() === "authorization");
    if (!hasAuth) out.authorization = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString("base64")}`;
    u.username = "";
    u.password = "";
  }
  return { base: u.toString().replace(/\/+$/, ""), headers: out };
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
  const { base, headers } = splitCredentials(config.url, config.headers);
  const modelUrl = `${base}/v2/models/${encodeURIComponent(config.modelName)}`;
  const shown = displayUrl(base);

  async function attempt<T>(url: string, init: RequestInit, read: (res: Response) => Promise<T>): Promise<T> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new AttemptError(`could not reach ${shown} (${networkReason(error, timeoutMs)})`, true);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => "");
      throw new AttemptError(`${shown} answered ${endpointMessage(res.status, res.statusText, text)}`, res.status >= 500 || res.status === 429);
    }
    try {
      return await read(res);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AttemptError(`the connection to ${shown} broke while reading the answer (${networkReason(error, timeoutMs)})`, true);
    }
  }

  async function withRetries<T>(what: string, url: string, init: RequestInit, read: (res: Response) => Promise<T>): Promise<T> {
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
    /** `GET {url}/v2/models/{name}`: inputs and outputs with datatype and shape. */
    async metadata(): Promise<ModelMetadata> {
      return withRetries(`model "${config.modelName}" metadata`, modelUrl, { method: "GET" }, async (res) => {
        const parsed = modelMetadataSchema.safeParse(await res.json().catch(() => null));
        if (!parsed.success) {
          throw new AppError("invalid_input", `${shown} did not return Open Inference Protocol model metadata for "${config.modelName}".`);
        }
        return parsed.data;
      });
    },
    /** `GET {url}/v2`: whether the server lists the binary tensor data extension. False when it cannot tell. */
    async supportsBinary(): Promise<boolean> {
      try {
        const res = await fetch(`${base}/v2`, { headers, signal: AbortSignal.timeout(timeoutMs) });
        const j = (await res.json()) as { extensions?: unknown };
        return res.ok && Array.isArray(j.extensions) && j.extensions.includes("binary_tensor_data");
      } catch {
        return false;
      }
    },
    /** `POST {url}/v2/models/{name}/infer` with one input; `what` prefixes errors (the sample name). */
    async infer(what: string, input: OipTensor, outputName: string, binary: boolean): Promise<OipTensor> {
      const req = encodeInferRequest(input, outputName, binary);
      return withRetries(what, `${modelUrl}/infer`, { method: "POST", body: req.body, headers: req.headers }, async (res) => {
        const body = new Uint8Array(await res.arrayBuffer());
        try {
          return decodeInferResponse(body, res.headers.get("inference-header-content-length"), outputName);
        } catch (error) {
          if (error instanceof AppError) throw new AppError("invalid_input", `${shown}: ${error.message}`);
          throw error;
        }
      });
    },
  };
}

export type OipClient = ReturnType<typeof createOipClient>;
