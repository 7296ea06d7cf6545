import "server-only";
import type { HttpEndpointConfig } from "@/lib/contracts/http-endpoint-config";
import type { ModelSignature } from "@/lib/core/onnx/fit";
import { metadataToSignature, planEndpoint } from "./endpoint-plan";
import { createHttpRunner } from "./http-runner";
import { createOipClient, type OipClientOptions } from "./oip-client";

export interface ConnectionReport {
  /** The model's name as the endpoint reports it. */
  modelName: string;
  platform?: string;
  signature: ModelSignature;
  /** Whether the endpoint lists the binary tensor data extension. */
  binary: boolean;
  /** What a probe image of 64x48 came back as (ids, scores or probability read as a label map). */
  probe: { width: number; height: number; labels: number[] } | null;
}

/**
 * "Test connection" before a version is created: reads the metadata, checks
 * that Intersect can feed the endpoint (and the preprocessing config fits),
 * and with `probe` (default true) sends one mid-grey 64x48 PNG through the
 * real path. Throws AppError with the endpoint's own message; headers are
 * used, never echoed. Few retries: a person is waiting.
 */
export async function testConnection(
  config: HttpEndpointConfig,
  opts: OipClientOptions & { probe?: boolean; classCount?: number } = {},
): Promise<ConnectionReport> {
  const clientOpts = { timeoutMs: opts.timeoutMs ?? 10_000, retries: opts.retries ?? 1, backoffMs: opts.backoffMs ?? 250 };
  const client = createOipClient(config, clientOpts);
  try {
    return await probeEndpoint(client, config, opts, clientOpts);
  } finally {
    client.close();
  }
}

async function probeEndpoint(
  client: ReturnType<typeof createOipClient>,
  config: HttpEndpointConfig,
  opts: { probe?: boolean; classCount?: number },
  clientOpts: OipClientOptions,
): Promise<ConnectionReport> {
  const meta = await client.metadata();
  planEndpoint(meta, config.preprocess, `endpoint ${client.modelUrl}`, opts.classCount);
  const binary = await client.supportsBinary();
  let probe: ConnectionReport["probe"] = null;
  if (opts.probe ?? true) {
    const sharp = (await import("sharp")).default;
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 128, g: 128, b: 128 } } }).png().toBuffer();
    const runner = createHttpRunner({ ...clientOpts, config, binary, classCount: opts.classCount, readImage: async () => png });
    const map = await runner.predict({ id: "probe", name: "test image", imageSha256: "", width: 64, height: 48 }).finally(() => runner.close());
    probe = { width: map.width, height: map.height, labels: [...new Set(map.data)].sort((a, b) => a - b) };
  }
  return { modelName: meta.name, platform: meta.platform, signature: metadataToSignature(meta), binary, probe };
}
