/** Starts the in-process evaluation worker (resuming runs of dead processes) and the debris sweep once per Next server process. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.INTERSECT_DISABLE_WORKER === "1") return;
  const { startBackgroundWork } = await import("./lib/server/evaluation/start-background");
  startBackgroundWork();
}
