import { z } from "zod";
import { sweepDebris, SWEEP_GRACE_MS } from "@/lib/server/storage/sweep";
import { defineCommand } from "./args";

const schema = z
  .object({
    "grace-minutes": z
      .string()
      .regex(/^\d+$/, "--grace-minutes must be a whole number")
      .transform(Number)
      .optional(),
  })
  .transform((v) => ({ graceMs: v["grace-minutes"] === undefined ? SWEEP_GRACE_MS : v["grace-minutes"] * 60_000 }));

/** `sweep`: the start-up debris sweep on demand (abandoned imports, unreferenced blobs, temp files). */
export const sweepCommand = defineCommand({
  name: "sweep",
  summary: "sweep [--grace-minutes N]   remove abandoned imports, unreferenced blobs and temp files",
  help: `Usage: npm run -s admin -- sweep [--grace-minutes N]

Removes the debris of interrupted work, as every server and worker start does:
  - dataset imports whose process died (same host) or that are silent for 15 minutes,
    with their staged rows (they were never visible);
  - blobs that no row refers to, and temp files of interrupted writes.
  --grace-minutes N   keep unreferenced files younger than N minutes (default ${SWEEP_GRACE_MS / 60_000}):
                      a running import or upload may be about to refer to them.
                      Use 0 only when no server, worker or import is running.`,
  options: { "grace-minutes": { type: "string" } },
  schema,
  async run(input, deps) {
    const r = await sweepDebris({ db: deps.db, store: deps.store, graceMs: input.graceMs });
    return [
      `Removed ${r.imports} abandoned import(s), ${r.blobs} unreferenced blob(s) (${r.bytes} bytes) and ${r.tempFiles} temp file(s).`,
      ...(r.keptYoung ? [`Kept ${r.keptYoung} unreferenced blob(s) younger than the grace period.`] : []),
    ].join("\n");
  },
});
