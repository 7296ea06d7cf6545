import { replyError, type JobMessage, type ReplyMessage } from "./job-messages";

/**
 * The pool's contract without threads: runs every payload through `run` on
 * this thread, in id order, and calls onResult(id, result) after each. The
 * first failed reply stops the run and is thrown (converted by replyError,
 * as the pool does), which is the lowest failing id, the error the pool
 * reports too. For jobs too small to repay starting worker threads.
 */
export function runInProcess<P, R>(
  payloads: readonly P[],
  run: (job: JobMessage<P>) => ReplyMessage<R>,
  onResult: (id: number, result: R) => void,
): void {
  for (let id = 0; id < payloads.length; id++) {
    const reply = run({ id, payload: payloads[id] });
    if (!reply.ok) throw replyError(reply.error);
    onResult(id, reply.result);
  }
}
