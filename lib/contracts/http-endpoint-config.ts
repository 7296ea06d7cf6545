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
  // One check, one message: an unparsable URL and a non-http(s) one are the same problem to the user.
  url: z.url({ protocol: /^https?$/, error: "The endpoint URL must be an http:// or https:// URL, e.g. http://triton:8000" }),
  modelName: z.string().min(1).max(200),
  headers: z.record(z.string().min(1), z.string()).optional(),
  preprocess: onnxConfigSchema.optional(),
});

export type HttpEndpointConfig = z.infer<typeof httpEndpointConfigSchema>;
