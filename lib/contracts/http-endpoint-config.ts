import { z } from "zod";
import { onnxConfigSchema } from "./onnx-config";

/** An HTTP header name: an RFC 9110 token, what Node's http client accepts. */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * One `Name: value` line (the form's Headers box, the CLI's --header) as
 * [name, value] trimmed, or null when it has no colon or the name is not an
 * HTTP token. The value may hold colons.
 */
export function splitHeaderLine(line: string): [string, string] | null {
  const colon = line.indexOf(":");
  const name = colon > 0 ? line.slice(0, colon).trim() : "";
  return HEADER_NAME.test(name) ? [name, line.slice(colon + 1).trim()] : null;
}

/** An HTTP header value: visible characters, spaces and tabs; no line breaks or other control characters. */
const headerValueSchema = z.string().regex(/^[\t\x20-\x7e\x80-\xff]*$/, "A header value cannot contain line breaks or other control characters.");

/**
 * An Open Inference Protocol v2 endpoint: `url` is the server's base
 * (`{url}/v2/models/{modelName}`). `headers` (e.g. Authorization) are sent
 * with every request, stored server-side and never shown to the browser.
 * Without `preprocess`, images go at their own size in the datatype and
 * layout the endpoint's metadata declares. Unknown keys (e.g. "header") are
 * refused, so a misspelt key cannot silently drop an Authorization header.
 */
export const httpEndpointConfigSchema = z.strictObject({
  // One check, one message: an unparsable URL and a non-http(s) one are the same problem to the user.
  url: z.url({ protocol: /^https?$/, error: "The endpoint URL must be an http:// or https:// URL, e.g. http://triton:8000" }),
  modelName: z.string().min(1).max(200),
  headers: z
    .record(z.string(), headerValueSchema)
    .superRefine((headers, ctx) => {
      for (const name of Object.keys(headers)) {
        // An RFC 9110 token, what Node's http client accepts (a key schema's message would be zod's generic "Invalid key in record").
        if (!HEADER_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: `header name "${name}" is not valid: letters, digits and !#$%&'*+-.^_\`|~ only (no spaces, colons or line breaks).` });
      }
    })
    .optional(),
  preprocess: onnxConfigSchema.optional(),
});

export type HttpEndpointConfig = z.infer<typeof httpEndpointConfigSchema>;
