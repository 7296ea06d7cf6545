import { z } from "zod";
import { onnxConfigSchema } from "./onnx-config";

/**
 * An Open Inference Protocol v2 endpoint: `url` is the server's base
 * (`{url}/v2/models/{modelName}`). `headers` (e.g. Authorization) are sent
 * with every request, stored server-side and never shown to the browser.
 * Without `preprocess`, images go at their own size in the datatype and
 * layout the endpoint's metadata declares.
 */
export const httpEndpointConfigSchema = z.object({
  url: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), "The endpoint URL must start with http:// or https://"),
  modelName: z.string().min(1).max(200),
  headers: z.record(z.string().min(1), z.string()).optional(),
  preprocess: onnxConfigSchema.optional(),
});

export type HttpEndpointConfig = z.infer<typeof httpEndpointConfigSchema>;
