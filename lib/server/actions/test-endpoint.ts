"use server";
import "server-only";

import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { httpEndpointConfigSchema } from "@/lib/contracts/http-endpoint-config";
import { formatTensorSignature } from "@/lib/core/onnx/fit";
import { testConnection } from "@/lib/server/models/http/test-connection";
import { findOwnedModel } from "@/lib/server/db/owned";
import { authedAction } from "@/lib/server/transport/action";

const schema = z.object({ modelId: z.string().min(1), config: httpEndpointConfigSchema, classCount: z.number().int().min(1).optional() });

/**
 * "Test connection" on the new-version form: reads the endpoint's metadata
 * and sends one probe image. Returns what the endpoint said (signature,
 * labels of the probe); headers are used, never echoed.
 */
export const testEndpointAction = authedAction(schema, async (input, user) => {
  await findOwnedModel({ ownerId: user.id, modelId: input.modelId });
  try {
    const r = await testConnection(input.config, { classCount: input.classCount });
    return {
      modelName: r.modelName,
      inputs: r.signature.inputs.map(formatTensorSignature),
      outputs: r.signature.outputs.map(formatTensorSignature),
      binary: r.binary,
      probeLabels: r.probe?.labels ?? [],
    };
  } catch (error) {
    throw error instanceof AppError ? error : new AppError("invalid_input", "The endpoint could not be reached.");
  }
});
