import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { recountClassPixels } from "@/lib/server/datasets/recount-class-pixels";
import { defineCommand } from "./args";

/** `recount-class-pixels`: rewrites the per-sample class pixel counts from the stored masks (once, after upgrading). */
export const recountClassPixelsCommand = defineCommand({
  name: "recount-class-pixels",
  summary: "recount-class-pixels   recount every sample's class pixels from its mask (once, after upgrading)",
  help: `Usage: npm run -s admin -- recount-class-pixels

Reads every stored sample's mask and rewrites the class pixel counts that
dataset version pages (classes with pixels and images) and the gallery's
"Class present" filter read. Datasets imported before 2026-12-07 recorded
them without the void value of the version that first imported a sample, so
a later version sharing that sample under another class list could show
wrong class statistics. Safe to run at any time and more than once: counts
that are right are not written. Exits 1 when a mask could not be read.`,
  options: {},
  schema: z.object({}),
  async run(_input, deps) {
    const r = await recountClassPixels({ db: deps.db, store: deps.store });
    const summary = `Read ${r.samples} sample mask(s); rewrote the counts of ${r.changed}.`;
    if (r.unreadable.length === 0) return summary;
    const ids = r.unreadable.slice(0, 10).join(", ") + (r.unreadable.length > 10 ? ", …" : "");
    throw new AppError("invalid_input", `${summary} ${r.unreadable.length} mask(s) could not be read and were left as they were (sample ids: ${ids}).`);
  },
});
