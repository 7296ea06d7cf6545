import "server-only";

/**
 * Why the server may not call an endpoint at `url`, or null when it may.
 * ENDPOINT_HOSTS (comma-separated, case-insensitive) limits the hosts model
 * endpoints may have: `host` (any port), `host:port`, or `*.domain` (any
 * subdomain). Unset or empty: any host, as a single-team install expects;
 * set it where users should not make the server reach other machines of
 * its network (every http model version makes the server send requests).
 */
export function endpointHostProblem(url: URL, allowed: string | undefined = process.env.ENDPOINT_HOSTS): string | null {
  const rules = (allowed ?? "")
    .split(",")
    .map((r) => r.trim().toLowerCase())
    .filter((r) => r.length > 0);
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
