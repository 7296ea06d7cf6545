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
 * decodes. Returns one line per problem (empty = all good), and the files
 * whose name is no sample of the version: not problems (a folder may hold
 * predictions for more samples than the version has), but worth naming when
 * a report is shown.
 */
export async function findPredictionProblems(
  { datasetVersionId, files }: { datasetVersionId: string; files: readonly PredictionFileCheck[] },
  db: Db = getPrisma(),
): Promise<{ problems: string[]; unused: string[] }> {
  const byName = new Map(files.map((f) => [f.sampleName, f]));
  const problems: string[] = files.filter((f) => f.error).map((f) => `${f.file}: ${f.error}`);
  const samples = await listVersionSamples({ datasetVersionId }, db);
  const names = new Set(samples.map((s) => s.name));
  const unused = files.filter((f) => !f.error && !names.has(f.sampleName)).map((f) => f.file);
  for (const s of samples) {
    const f = byName.get(s.name);
    if (!f) problems.push(`${s.name}.png: missing (sample "${s.name}" has no prediction)`);
    else if (!f.error && (f.width !== s.width || f.height !== s.height)) {
      problems.push(`${f.file}: is ${f.width}x${f.height}, but sample "${s.name}" is ${s.width}x${s.height}`);
    }
  }
  return { problems, unused };
}

/**
 * Throws AppError("invalid_input") with a per-file report when there are
 * problems (nothing has been created); the report ends with the files that
 * match no sample, which would not have been used.
 */
export function refuseOnProblems(problems: readonly string[], what: string, unused: readonly string[] = []): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, MAX_REPORT_LINES);
  const more = problems.length > shown.length ? [`… and ${problems.length - shown.length} more`] : [];
  const names = unused.slice(0, MAX_REPORT_LINES).join(", ") + (unused.length > MAX_REPORT_LINES ? `, … and ${unused.length - MAX_REPORT_LINES} more` : "");
  const note = unused.length > 0 ? [`Not used (no sample of that name in the dataset version): ${names}`] : [];
  throw new AppError("invalid_input", `${what}: ${problems.length} bad prediction file(s), nothing was created:\n${[...shown, ...more, ...note].join("\n")}`);
}
