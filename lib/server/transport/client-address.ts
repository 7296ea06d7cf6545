import "server-only";
/**
 * The client's network address for throttling, from the `X-Forwarded-For`
 * value the app sees. Without TRUSTED_PROXY, proxy.ts removes any
 * client-sent X-Forwarded-* headers, so Next fills X-Forwarded-For from the
 * socket: one address. With TRUSTED_PROXY, the LAST entry is the one the
 * proxy in front appended (entries before it are whatever the client
 * claimed). IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes plain IPv4. Null when
 * there is nothing usable.
 */
export function clientAddressOf(forwardedFor: string | null | undefined): string | null {
  const last = forwardedFor?.split(",").at(-1)?.trim().toLowerCase();
  if (!last || last.length > 64 || !/^[0-9a-f.:[\]%]+$/.test(last)) return null;
  return last.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
}
