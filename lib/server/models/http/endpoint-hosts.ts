import "server-only";

const HOST_RULE = /^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*(:\d{1,5})?$/;
const IPV6_RULE = /^\[[0-9a-f:.]+\](:\d{1,5})?$/;

/**
 * The rules of an ENDPOINT_HOSTS value (comma-separated, trimmed, lower
 * case; empty entries dropped). Throws an Error naming the first entry that
 * is not `host`, `host:port`, `*.domain` or `[ipv6]` (e.g. a URL with its
 * scheme, which would otherwise never match and refuse every endpoint
 * without saying why).
 */
export function endpointHostRules(text: string | undefined): string[] {
  const rules = (text ?? "")
    .split(",")
    .map((r) => r.trim().toLowerCase())
    .filter((r) => r.length > 0);
  for (const rule of rules) {
    const port = /:(\d+)$/.exec(rule)?.[1];
    if ((!HOST_RULE.test(rule) && !IPV6_RULE.test(rule)) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) {
      throw new Error(`ENDPOINT_HOSTS: "${rule.slice(0, 80)}" is not a host, host:port or *.domain (e.g. triton.internal,*.models.example.com).`);
    }
  }
  return rules;
}

/**
 * Why the server may not call an endpoint at `url`, or null when it may.
 * ENDPOINT_HOSTS (see endpointHostRules) limits the hosts model endpoints
 * may have: `host` (any port), `host:port`, or `*.domain` (any subdomain).
 * Unset or empty: any host, as a single-team install expects; set it where
 * users should not make the server reach other machines of its network
 * (every http model version makes the server send requests). A malformed
 * value refuses every endpoint, saying which entry is wrong.
 */
export function endpointHostProblem(url: URL, allowed: string | undefined = process.env.ENDPOINT_HOSTS): string | null {
  let rules: string[];
  try {
    rules = endpointHostRules(allowed);
  } catch (error) {
    return `This server's endpoint allow-list is misconfigured, so no endpoint may be called: ${(error as Error).message}`;
  }
  if (rules.length === 0) return null;
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  const ok = rules.some((rule) => {
    const [name, rulePort] = rule.startsWith("[") ? [rule.slice(0, rule.indexOf("]") + 1), rule.slice(rule.indexOf("]") + 2) || undefined] : rule.split(":");
    if (rulePort !== undefined && rulePort !== port) return false;
    return name.startsWith("*.") ? host.endsWith(name.slice(1)) && host.length > name.length - 1 : host === name;
  });
  return ok ? null : `${url.host} is not among the endpoint hosts this server may call (ENDPOINT_HOSTS=${rules.join(",")}).`;
}
