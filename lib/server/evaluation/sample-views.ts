import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { renderColorizedMask, renderErrorMap, type Rgb } from "@/lib/core/masks";
import { decodeMask } from "@/lib/server/masks/decode-mask";
import { readBlob } from "@/lib/server/storage/blob-store";

export const sampleViewSchema = z.enum(["truth", "prediction", "errors"]);
export type SampleView = z.infer<typeof sampleViewSchema>;

/**
 * Renders one evaluated image's ground truth or prediction in class colours,
 * or its error map (correct green, wrong red, ignored grey), as RGBA PNG for
 * the results page. Only the evaluation's owner gets it (not_found
 * otherwise). The ETag derives from immutable blobs, so browsers cache it.
 */
export async function renderSampleView(
  args: { ownerId: string; evaluationId: string; sampleId: string; view: SampleView },
  db: Db = getPrisma(),
): Promise<{ png: Uint8Array; etag: string }> {
  const row = await db.evaluationSampleResult.findFirst({
    where: { evaluationId: args.evaluationId, sampleId: args.sampleId, evaluation: { ownerId: args.ownerId } },
    select: {
      predictionSha256: true,
      sample: { select: { name: true, maskSha256: true } },
      evaluation: { select: { settings: true, datasetVersion: { select: { classes: true, ignoreIndex: true } } } },
    },
  });
  if (!row) throw new AppError("not_found", "Sample result not found.");
  const classes = row.evaluation.datasetVersion.classes as unknown as { color: Rgb }[];
  const colors = classes.map((c) => c.color);
  const ignoreValues = row.evaluation.datasetVersion.ignoreIndex === null ? [] : [row.evaluation.datasetVersion.ignoreIndex];
  const gtSha = row.sample.maskSha256;
  const predSha = row.predictionSha256;
  if (args.view !== "truth" && !predSha) throw new AppError("not_found", "This result has no stored prediction.");
  const gt = args.view === "prediction" ? null : decodeMask(await readBlob(gtSha), { fileName: `${row.sample.name} (ground truth)` });
  const pred = args.view === "truth" ? null : decodeMask(await readBlob(predSha!), { fileName: `${row.sample.name} (prediction)` });
  const png =
    args.view === "truth"
      ? renderColorizedMask(gt!, colors, { ignoreValues })
      : args.view === "prediction"
        ? renderColorizedMask(pred!, colors, { ignoreValues })
        : renderErrorMap(gt!, pred!, { ignoreValues });
  const etag = `"${args.view}-${args.view === "prediction" ? predSha : gtSha}${args.view === "errors" ? `-${predSha}` : ""}"`;
  return { png, etag };
}
