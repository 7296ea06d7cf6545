import { Worker } from "node:worker_threads";
import { replyError, type JobMessage, type ReplyMessage } from "./job-messages";

export interface PoolOptions<P = unknown, R = unknown> {
  workerUrl: URL;
  workerData: unknown;
  threads: number;
  /** Jobs queued per worker at once: 2 keeps a worker busy while its last result travels back, and bounds memory. */
  inFlightPerWorker?: number;
  /**
   * Runs a job on this (the main) thread. When given, the main thread is one
   * of the `threads`: it takes jobs too, one per event-loop turn, and one
   * worker fewer is started (a worker's bootstrap costs ~0.15 s of CPU here).
   */
  local?: (job: JobMessage<P>) => ReplyMessage<R>;
}

/**
 * Runs every payload through a pool of worker threads (and the main thread,
 * with `local`) and calls onResult(id, result) in completion order (callers that need a fixed order sum exactly or
 * sort by id). At most threads x inFlightPerWorker jobs are outstanding, so
 * memory stays flat however many jobs there are.
 *
 * On failure no new job is dispatched, the outstanding ones finish, and the
 * failure of the lowest id is thrown (as an AppError when the worker raised
 * one): the same error whatever the timing, because jobs go out in id order.
 */
export async function runPool<P, R>(payloads: readonly P[], opts: PoolOptions<P, R>, onResult: (id: number, result: R) => void): Promise<void> {
  const threads = Math.max(1, Math.min(opts.threads, payloads.length));
  const depth = Math.max(1, opts.inFlightPerWorker ?? 2);
  const local = opts.local;
  const workerCount = local ? threads - 1 : threads;
  if (payloads.length === 0) return;

  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let outstanding = 0;
      let failure: { id: number; error: Error } | undefined;
      let done = false;
      const settle = () => {
        if (outstanding > 0) return;
        if (failure) {
          done = true;
          reject(failure.error);
        } else if (next >= payloads.length) {
          done = true;
          resolve();
        }
      };
      const dispatch = (worker: Worker) => {
        if (failure || next >= payloads.length) return;
        const id = next++;
        outstanding++;
        worker.postMessage({ id, payload: payloads[id] } satisfies JobMessage<P>);
      };
      const fail = (id: number, error: Error) => {
        if (!failure || id < failure.id) failure = { id, error };
      };
      const receive = (reply: ReplyMessage<R>) => {
        outstanding--;
        if (reply.ok) {
          try {
            onResult(reply.id, reply.result);
          } catch (error) {
            fail(reply.id, asError(error));
          }
        } else {
          fail(reply.id, replyError(reply.error));
        }
      };
      for (let t = 0; t < workerCount; t++) {
        const worker = new Worker(opts.workerUrl, { workerData: opts.workerData });
        workers.push(worker);
        worker.on("message", (reply: ReplyMessage<R>) => {
          receive(reply);
          dispatch(worker);
          settle();
        });
        worker.on("error", (error) => {
          fail(-1, error);
          outstanding = 0;
          settle();
        });
        // A worker that ends on its own (process.exit, an out-of-memory kill) would otherwise leave its jobs unanswered.
        worker.on("exit", (code) => {
          if (done) return;
          fail(-1, new Error(`a worker thread exited with code ${code} before the evaluation finished`));
          outstanding = 0;
          settle();
        });
        dispatch(worker);
      }
      const topUp = () => {
        for (let d = 1; d < depth; d++) for (const worker of workers) dispatch(worker);
      };
      if (local) {
        // The main thread claims the next job before the workers get their second, so that it shares even a few
        // pairs; then one job per turn, so that worker replies are taken (and workers fed) in between.
        const runLocal = (id: number) => {
          try {
            receive(local({ id, payload: payloads[id] }));
          } catch (error) {
            outstanding--;
            fail(id, asError(error));
          }
          settle();
          setImmediate(claimLocal);
        };
        const claimLocal = () => {
          if (failure || next >= payloads.length) return settle();
          outstanding++;
          runLocal(next++);
        };
        // Each of the threads - 1 <= jobs - 1 workers has one job, so a job is always left for the main thread here.
        outstanding++;
        const first = next++;
        topUp();
        setImmediate(() => runLocal(first));
      } else {
        topUp();
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** What was thrown, as an Error. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
