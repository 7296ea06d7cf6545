/** Starts the in-process evaluation worker once per Next server process. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.INTERSECT_DISABLE_WORKER === "1") return;
  const { startWorker } = await import("./lib/server/evaluation/worker");
  startWorker();
}
