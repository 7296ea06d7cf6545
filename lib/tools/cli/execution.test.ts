import { writeFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { HAND_FIXTURE, makeTempDir, writeGreyMasks } from "./cli-test-helpers";
import { evaluateFolders } from "./evaluate";
import { BOUNDARY_WEIGHT, chooseExecution, defaultSmallJobMpx, estimatePixels, SMALL_JOB_MPX } from "./execution";
import { runInProcess } from "./in-process";
import type { JobMessage, ReplyMessage } from "./job-messages";
import { runPool } from "./pool";

let tmp: string;
beforeAll(() => {
  tmp = makeTempDir("execution");
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("chooseExecution", () => {
  it("keeps jobs below the threshold on the main thread, weighting boundary IoU work", () => {
    expect(chooseExecution(59e6, { boundary: false, smallJobMpx: 60 })).toBe("main-thread");
    expect(chooseExecution(60e6, { boundary: false, smallJobMpx: 60 })).toBe("worker-pool");
    expect(chooseExecution((60e6 / BOUNDARY_WEIGHT) * 1.01, { boundary: true, smallJobMpx: 60 })).toBe("worker-pool");
    expect(chooseExecution((60e6 / BOUNDARY_WEIGHT) * 0.99, { boundary: true, smallJobMpx: 60 })).toBe("main-thread");
    expect(chooseExecution(1, { boundary: false, smallJobMpx: 0 })).toBe("worker-pool");
  });

  it("reads INTERSECT_CLI_SMALL_JOB_MPX, ignoring values that are not numbers >= 0", () => {
    const saved = process.env.INTERSECT_CLI_SMALL_JOB_MPX;
    try {
      for (const [value, expected] of [["0", 0], ["12.5", 12.5], ["-1", SMALL_JOB_MPX], ["abc", SMALL_JOB_MPX], ["", SMALL_JOB_MPX]] as const) {
        process.env.INTERSECT_CLI_SMALL_JOB_MPX = value;
        expect(defaultSmallJobMpx(), value).toBe(expected);
      }
    } finally {
      if (saved === undefined) delete process.env.INTERSECT_CLI_SMALL_JOB_MPX;
      else process.env.INTERSECT_CLI_SMALL_JOB_MPX = saved;
    }
  });
});

describe("estimatePixels", () => {
  it("multiplies the first mask's header size by the number of pairs, and gives 0 for an unreadable first mask", () => {
    const gt = writeGreyMasks(path.join(tmp, "est"), { a: { width: 3, height: 2, values: [0, 0, 0, 0, 0, 0] } });
    const pair = { name: "a", gtPath: path.join(gt, "a.png"), predPath: path.join(gt, "a.png") };
    expect(estimatePixels([pair, pair, pair])).toBe(18);
    writeFileSync(path.join(tmp, "bad.png"), "not a png");
    expect(estimatePixels([{ ...pair, gtPath: path.join(tmp, "bad.png") }])).toBe(0);
    expect(estimatePixels([{ ...pair, gtPath: path.join(tmp, "absent.png") }])).toBe(0);
    expect(estimatePixels([])).toBe(0);
  });
});

describe("runInProcess", () => {
  const run = (failAt: Record<number, { code: string; message: string }>) => (job: { id: number; payload: string }): ReplyMessage<string> =>
    failAt[job.id] ? { id: job.id, ok: false, error: failAt[job.id] } : { id: job.id, ok: true, result: job.payload.toUpperCase() };

  it("calls onResult in id order", () => {
    const seen: [number, string][] = [];
    runInProcess(["a", "b", "c"], run({}), (id, r) => seen.push([id, r]));
    expect(seen).toEqual([[0, "A"], [1, "B"], [2, "C"]]);
  });

  it("stops at the first failure and converts it as the pool does", () => {
    const seen: number[] = [];
    const error = (() => {
      try {
        runInProcess(["a", "b", "c"], run({ 1: { code: "invalid_input", message: "b.png: bad" }, 2: { code: "internal", message: "x" } }), (id) => seen.push(id));
      } catch (e) {
        return e;
      }
    })();
    expect(seen).toEqual([0]);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_input");
    expect(() => runInProcess(["a"], run({ 0: { code: "internal", message: "boom" } }), () => {})).toThrow(/^boom$/);
    expect(() => runInProcess(["a"], run({ 0: { code: "internal", message: "boom" } }), () => {})).not.toThrow(AppError);
  });
});

describe("runPool with the main thread as one of its threads", () => {
  /** A worker that answers "w<payload>" and fails on payloads starting with "!". */
  function echoWorker(): URL {
    const file = path.join(tmp, "echo-worker.mjs");
    writeFileSync(
      file,
      `import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ id, payload }) => parentPort.postMessage(payload.startsWith("!") ? { id, ok: false, error: { code: "invalid_input", message: "worker: " + payload } } : { id, ok: true, result: "w" + payload }));`,
    );
    return pathToFileURL(file);
  }
  const localRun = (ran: number[]) => (job: JobMessage<string>): ReplyMessage<string> => {
    ran.push(job.id);
    return job.payload.startsWith("!") ? { id: job.id, ok: false, error: { code: "invalid_input", message: `main: ${job.payload}` } } : { id: job.id, ok: true, result: `m${job.payload}` };
  };

  it("answers every job exactly once, some on the main thread", async () => {
    const payloads = Array.from({ length: 200 }, (_, i) => String(i));
    const ran: number[] = [];
    const seen = new Map<number, string>();
    await runPool(payloads, { workerUrl: echoWorker(), workerData: null, threads: 2, local: localRun(ran) }, (id, result) => {
      expect(seen.has(id)).toBe(false);
      seen.set(id, result);
    });
    expect(seen.size).toBe(200);
    for (const [id, result] of seen) expect(result.slice(1)).toBe(String(id));
    expect(ran.length).toBeGreaterThan(0);
    for (const id of ran) expect(seen.get(id)).toBe(`m${id}`);
  });

  it("gives the main thread a job even when there are as few jobs as threads", async () => {
    const ran: number[] = [];
    const seen: string[] = [];
    await runPool(["a", "b"], { workerUrl: echoWorker(), workerData: null, threads: 2, local: localRun(ran) }, (_, r) => seen.push(r));
    expect(ran).toEqual([1]);
    expect(seen.sort()).toEqual(["mb", "wa"]);
  });

  it("rejects, and does not crash, when the main thread's job throws", async () => {
    const throwing = (): ReplyMessage<string> => {
      throw new Error("local boom");
    };
    await expect(runPool(["a", "b", "c"], { workerUrl: echoWorker(), workerData: null, threads: 2, local: throwing }, () => {})).rejects.toThrow(/^local boom$/);
  });

  it("fails instead of hanging when a worker thread exits on its own", async () => {
    const file = path.join(tmp, "exiting-worker.mjs");
    writeFileSync(file, `import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => process.exit(3));`);
    await expect(runPool(["a", "b", "c"], { workerUrl: pathToFileURL(file), workerData: null, threads: 2 }, () => {})).rejects.toThrow(/exited with code 3/);
  });

  it("runs everything on the main thread when it is the only thread", async () => {
    const ran: number[] = [];
    const seen: string[] = [];
    const missing = pathToFileURL(path.join(tmp, "no-such-worker.mjs"));
    await runPool(["a", "b", "c"], { workerUrl: missing, workerData: null, threads: 1, local: localRun(ran) }, (_, r) => seen.push(r));
    expect(ran).toEqual([0, 1, 2]);
    expect(seen).toEqual(["ma", "mb", "mc"]);
  });

  it("reports the failure of the lowest id, wherever it ran", async () => {
    const payloads = Array.from({ length: 40 }, (_, i) => (i === 7 || i === 30 ? `!${i}` : String(i)));
    await expect(runPool(payloads, { workerUrl: echoWorker(), workerData: null, threads: 2, local: localRun([]) }, () => {})).rejects.toThrow(/^(main|worker): !7$/);
  });
});

describe("evaluateFolders picks the path by size", () => {
  it("runs a small job without worker threads, and uses the pool when told to", async () => {
    const gtDir = writeGreyMasks(path.join(tmp, "gt"), HAND_FIXTURE.gt);
    const predDir = writeGreyMasks(path.join(tmp, "pred"), HAND_FIXTURE.pred);
    const classes = { names: ["a", "b", "c"], ignoreIndex: 255 };
    // A worker script that does not exist: only the main-thread path can succeed.
    const workerUrl = pathToFileURL(path.join(tmp, "no-such-worker.mjs"));
    const result = await evaluateFolders({ gtDir, predDir, classes, workerUrl });
    expect(result.confusion).toEqual([[5, 1, 0], [2, 5, 0], [0, 0, 0]]);
    await expect(evaluateFolders({ gtDir, predDir, classes, workerUrl, smallJobMpx: 0 })).rejects.toThrow(/no-such-worker\.mjs/);
  });
});
