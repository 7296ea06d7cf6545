import "server-only";
import { AppError } from "@/lib/core/errors";
import type { Prediction, RunnerSample } from "../runner";

/** One finished sample of {@link predictInFlight}: a prediction or the error that sample ended with. */
export type PredictOutcome =
  | { sample: RunnerSample; prediction: Prediction; error?: undefined }
  | { sample: RunnerSample; prediction?: undefined; error: AppError };

/**
 * Runs `predict` over `samples` with at most `inFlight` calls pending and
 * yields each outcome as it finishes (completion order, not input order).
 * Samples are pulled lazily, so an engine can stop early by breaking out of
 * the loop; pending calls then finish in the background and are dropped.
 * A non-AppError becomes AppError("internal") with the sample's name (and
 * is logged with its stack).
 */
export async function* predictInFlight(
  samples: Iterable<RunnerSample> | AsyncIterable<RunnerSample>,
  inFlight: number,
  predict: (sample: RunnerSample) => Promise<Prediction>,
): AsyncGenerator<PredictOutcome> {
  const limit = Math.max(1, Math.floor(inFlight));
  const iterator = Symbol.asyncIterator in samples ? samples[Symbol.asyncIterator]() : samples[Symbol.iterator]();
  const pending = new Map<number, Promise<{ key: number; outcome: PredictOutcome }>>();
  let key = 0;
  let done = false;
  const start = (sample: RunnerSample) => {
    const k = key++;
    const p = predict(sample).then(
      (prediction): { key: number; outcome: PredictOutcome } => ({ key: k, outcome: { sample, prediction } }),
      (error: unknown) => ({ key: k, outcome: { sample, error: asAppError(error, sample) } }),
    );
    pending.set(k, p);
  };
  while (true) {
    while (!done && pending.size < limit) {
      const next = await iterator.next();
      if (next.done) done = true;
      else start(next.value);
    }
    if (pending.size === 0) return;
    const { key: k, outcome } = await Promise.race(pending.values());
    pending.delete(k);
    yield outcome;
  }
}

function asAppError(error: unknown, sample: RunnerSample): AppError {
  if (error instanceof AppError) return error;
  // The user sees a generic message; the cause goes to the server's log for whoever debugs it.
  console.error(`[runner] ${sample.name}:`, error);
  return new AppError("internal", `${sample.name}: the model failed unexpectedly.`, { cause: error });
}
