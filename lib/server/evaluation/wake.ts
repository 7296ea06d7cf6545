import "server-only";
type Waker = () => void;

const KEY = Symbol.for("intersect.evaluation.wakers");
const holder = globalThis as typeof globalThis & { [KEY]?: Set<Waker> };

function wakers(): Set<Waker> {
  holder[KEY] ??= new Set();
  return holder[KEY];
}

/**
 * Wakes the in-process workers so a queued evaluation starts at once instead
 * of at the next poll. Kept on globalThis because Next bundles the
 * instrumentation hook and the app routes separately. Workers in other
 * processes still pick the job up by polling.
 */
export function wakeWorkers(): void {
  for (const wake of wakers()) wake();
}

/** Registers a worker's wake-up callback; returns the function that removes it. */
export function onWake(wake: Waker): () => void {
  wakers().add(wake);
  return () => wakers().delete(wake);
}
