import "server-only";
/**
 * Waiting out a busy SQLite database. The connection's busy_timeout already
 * waits (prisma/sqlite.ts); a write that still fails with SQLITE_BUSY (a long
 * writer elsewhere, or a read-to-write upgrade that SQLite refuses at once)
 * is retried here with growing pauses instead of failing the request or run.
 */

/** True for SQLite's "database is locked / busy" errors, however Prisma wraps them. */
export function isBusyError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    const x = e as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown };
    const text = `${String(x.code ?? "")} ${String(x.kind ?? "")} ${String(x.message ?? "")}`;
    if (/SQLITE_BUSY|database is locked|SocketTimeout|Socket timeout|P1008|Transaction already closed.*timeout|Unable to start a transaction in the given time/i.test(text)) {
      return true;
    }
    e = x.cause;
  }
  return false;
}

export interface BusyRetryOptions {
  /** Further attempts after the first (default 8: with the busy timeout, over a minute in all). */
  retries?: number;
  /** First pause in ms, doubled each time up to 2 s (default 50). */
  baseDelayMs?: number;
  /** Called before each retry (tests, logs). */
  onRetry?: (attempt: number, error: unknown) => void;
}

/**
 * Runs `fn`, and again after a pause while it fails with a busy error. Only
 * for work that is safe to repeat: one statement, or one whole transaction
 * (a failed transaction has been rolled back). Other errors pass through.
 */
export async function withBusyRetry<T>(fn: () => Promise<T>, options: BusyRetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 8;
  let delay = options.baseDelayMs ?? 50;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= retries || !isBusyError(error)) throw error;
      options.onRetry?.(attempt + 1, error);
      await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
      delay = Math.min(delay * 2, 2000);
    }
  }
}
