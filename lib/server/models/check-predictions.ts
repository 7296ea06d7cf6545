import "server-only";
import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { listVersionSamples } from "@/lib/server/db/samples";

/** One prediction file as read from the upload: its size, or why it could not be decoded. */
export interface PredictionFileCheck {
  sampleName: string;
  /** Shown in the report, e.g. the file path. */
  file: string;
  width?: number;
  height?: number;
  /** Set when the file is not a decodable label map. */
  error?: string;
}

/** Most problem lines in one report; the rest are counted. */
const MAX_REPORT_LINES = 20;

/**
 * Checks uploaded predictions against the samples of the dataset version
 * they are for: every sample has a prediction, of its image's size, that
 * decodes. Returns one line per problem (empty = all good); files for
 * names the version does not contain are not problems (they are unused).
 */
export async function findPredictionProblems(
  { datasetVersionId, files }: { datasetVersionId: string; files: readonly PredictionFileCheck[] },
  db: Db = getPrisma(),
): Promise<string[]> {
  const byName = new Map(files.map((f) => [f.sampleName, f]));
  const problems: string[] = files.filter((f) => f.error).map((f) => `${f.file}: ${f.error}`);
  for (const s of await listVersionSamples({ datasetVersionId }, db)) {
    const f = byName.get(s.name);
    if (!f) problems.push(`${s.name}.png: missing (sample "${s.name}" has no prediction)`);
    else if (!f.error && (f.width !== s.width || f.height !== s.height)) {
      problems.push(`${f.file}: is ${f.width}x${f.height}, but sample "${s.name}" is ${s.width}x${s.height}`);
    }
  }
  return problems;
}

/** Throws AppError("invalid_input") with a per-file report when there are problems; nothing has been created. */
export function refuseOnProblems(problems: readonly string[], what: string): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, MAX_REPORT_LINES);
  const more = problems.length > shown.length ? [`… and ${problems.length - shown.length} more`] : [];
  throw new AppError("invalid_input", `${what}: ${problems.length} bad prediction file(s), nothing was created:\n${[...shown, ...more].join("\n")}`);
}
