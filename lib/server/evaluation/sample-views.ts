import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { renderColorizedMask, renderErrorMap } from "@/lib/core/masks";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { getSampleResultForView } from "@/lib/server/db/evaluation-results";
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
  const row = await getSampleResultForView(args, db);
  const colors = row.classes.map((c) => c.color);
  const ignoreValues = row.ignoreIndex === null ? [] : [row.ignoreIndex];
  const gtSha = row.maskSha256;
  const predSha = row.predictionSha256;
  if (args.view !== "truth" && !predSha) throw new AppError("not_found", "This result has no stored prediction.");
  const gt = args.view === "prediction" ? null : decodeMask(await readBlob(gtSha), { fileName: `${row.name} (ground truth)` });
  const pred = args.view === "truth" ? null : decodeMask(await readBlob(predSha!), { fileName: `${row.name} (prediction)` });
  const png =
    args.view === "truth"
      ? renderColorizedMask(gt!, colors, { ignoreValues })
      : args.view === "prediction"
        ? renderColorizedMask(pred!, colors, { ignoreValues })
        : renderErrorMap(gt!, pred!, { ignoreValues });
  const etag = `"${args.view}-${args.view === "prediction" ? predSha : gtSha}${args.view === "errors" ? `-${predSha}` : ""}"`;
  return { png, etag };
}
