import type { ErrorDto } from "@/lib/core/errors";
import { splitHeaderLine } from "@/lib/contracts/http-endpoint-config";

/** The http runner's endpoint fields on the new-version form. */
export type EndpointField = "url" | "modelName" | "headers";

const LABELS: Record<EndpointField, string> = { url: "Endpoint URL", modelName: "Model name", headers: "Headers" };
/** Other inputs of the "Test connection" action, by their label on the form. */
const OTHER_LABELS: Record<string, string> = { classCount: "Classes" };

/** The endpoint field a fieldErrors key ("config.url", "config.headers.Authorization") belongs to, if any. */
function endpointFieldOf(key: string): EndpointField | null {
  const [head, field] = key.split(".");
  return head === "config" && field !== undefined && field in LABELS ? (field as EndpointField) : null;
}

/**
 * How the form shows a failed "Test connection": the reason under each
 * endpoint field it concerns (from the action's fieldErrors, keyed by path
 * like "config.url"), and one message naming every field by its label on
 * the form ("Endpoint URL: …"). Without fieldErrors, the action's message.
 */
export function endpointTestErrors(error: ErrorDto): { fields: Partial<Record<EndpointField, string>>; message: string } {
  const fields: Partial<Record<EndpointField, string>> = {};
  const lines: string[] = [];
  for (const [key, messages] of Object.entries(error.fieldErrors ?? {})) {
    const field = endpointFieldOf(key);
    const label = field ? LABELS[field] : (OTHER_LABELS[key] ?? key);
    for (const m of messages) lines.push(`${label}: ${m}`);
    if (field && messages.length) fields[field] ??= messages.join(" ");
  }
  return { fields, message: lines.length ? lines.join("\n") : error.message };
}

/**
 * The Headers box's `Name: value` lines as a header record, or the first line
 * that is not of that form (a line without a colon used to be dropped
 * silently, leaving the endpoint to answer 401). Blank lines are skipped;
 * values are checked by the endpoint config's schema.
 */
export function parseHeaderLines(text: string): { headers: Record<string, string>; problem: string | null } {
  const headers: Record<string, string> = {};
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    const header = splitHeaderLine(line);
    if (!header) return { headers, problem: `line ${i + 1} ("${line.trim().slice(0, 40)}") is not "Name: value" with a name of letters, digits and !#$%&'*+-.^_\`|~ only.` };
    headers[header[0]] = header[1];
  }
  return { headers, problem: null };
}
