/** Latency statistics and the target check of the load script (pure). */

/** The p-th percentile (0..100) of `values` by nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface RouteStats {
  route: string;
  count: number;
  errors: number;
  p50: number;
  p95: number;
  max: number;
}

/** Per-route summary of samples `{ route, ms, ok }`, routes in first-seen order. */
export function summarise(samples: readonly { route: string; ms: number; ok: boolean }[]): RouteStats[] {
  const by = new Map<string, { ms: number[]; errors: number }>();
  for (const s of samples) {
    const entry = by.get(s.route) ?? { ms: [], errors: 0 };
    entry.ms.push(s.ms);
    if (!s.ok) entry.errors++;
    by.set(s.route, entry);
  }
  return [...by].map(([route, { ms, errors }]) => ({ route, count: ms.length, errors, p50: percentile(ms, 50), p95: percentile(ms, 95), max: Math.max(...ms) }));
}

/** The load script only ever talks to 127.0.0.1 over http: anything else is refused (returns the reason). */
export function checkTarget(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url}: not a URL`;
  }
  if (parsed.protocol !== "http:") return `${url}: only http://127.0.0.1 targets are allowed`;
  if (parsed.hostname !== "127.0.0.1") return `${url}: only 127.0.0.1 is allowed (got ${parsed.hostname})`;
  if (parsed.username || parsed.password) return `${url}: no credentials in the URL`;
  return null;
}
