import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { renderColorizedMask, renderErrorMap, type Rgb } from "@/lib/core/masks";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { getSampleResultForView } from "@/lib/server/db/evaluation-results";
import { findRenderedView, saveRenderedView } from "@/lib/server/db/rendered-views";
import { VIEW_MAX_SIDE } from "@/lib/server/limits";
import { decodeMaskForView } from "@/lib/server/masks/decode-view";
import { hasBlob, putBlob, readBlob } from "@/lib/server/storage/blob-store";

export const sampleViewSchema = z.enum(["truth", "prediction", "errors"]);
export type SampleView = z.infer<typeof sampleViewSchema>;

/** What a view is drawn from: the mask blob(s), the class colours and the ignore value. */
export interface ViewInputs {
  view: SampleView;
  name: string;
  gtSha: string;
  predSha: string | null;
  colors: readonly Rgb[];
  ignoreValues: readonly number[];
}

/**
 * Renders a truth / prediction view in class colours, or the error map
 * (correct green, wrong red, ignored grey), as RGBA PNG at most `maxSide`
 * pixels on its long side: label maps are downsampled by nearest neighbour
 * while they are decoded, so memory follows the view size, not the image's.
 */
export async function renderViewPng(inputs: ViewInputs, maxSide = VIEW_MAX_SIDE, read: (sha: string) => Promise<Uint8Array> = readBlob): Promise<Uint8Array> {
  const { view, name, gtSha, predSha, colors, ignoreValues } = inputs;
  if (view !== "truth" && !predSha) throw new AppError("not_found", "This result has no stored prediction.");
  const gt = view === "prediction" ? null : await decodeMaskForView(await read(gtSha), maxSide, { fileName: `${name} (ground truth)` });
  const pred = view === "truth" ? null : await decodeMaskForView(await read(predSha!), maxSide, { fileName: `${name} (prediction)` });
  if (view === "truth") return renderColorizedMask(gt!, colors, { ignoreValues });
  if (view === "prediction") return renderColorizedMask(pred!, colors, { ignoreValues });
  return renderErrorMap(gt!, pred!, { ignoreValues });
}

/** Renders in flight in this process, by cache key: concurrent requests for one view render it once. */
const inFlight = new Map<string, Promise<string>>();

/**
 * The blob id of one evaluated image's view PNG for the results page, at
 * display size (VIEW_MAX_SIDE). Only the evaluation's owner gets it
 * (not_found otherwise). The first request renders and stores the PNG as a
 * blob (RenderedView cache keyed by evaluation, sample, view, size and the
 * inputs' content); later requests are a blob read.
 */
export async function getSampleViewBlob(
  args: { ownerId: string; evaluationId: string; sampleId: string; view: SampleView },
  db: Db = getPrisma(),
): Promise<string> {
  const row = await getSampleResultForView(args, db);
  const inputs: ViewInputs = {
    view: args.view,
    name: row.name,
    gtSha: row.maskSha256,
    predSha: args.view === "truth" ? null : row.predictionSha256,
    colors: row.classes.map((c) => c.color),
    ignoreValues: row.ignoreIndex === null ? [] : [row.ignoreIndex],
  };
  if (args.view !== "truth" && !inputs.predSha) throw new AppError("not_found", "This result has no stored prediction.");
  const content = createHash("sha256").update(JSON.stringify([inputs.gtSha, inputs.predSha, inputs.colors, inputs.ignoreValues])).digest("hex");
  const key = `${args.evaluationId}:${args.sampleId}:${args.view}:${VIEW_MAX_SIDE}:${content.slice(0, 32)}`;
  const cached = await findRenderedView(key, db);
  if (cached && (await hasBlob(cached))) return cached;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = (async () => {
      const { sha256 } = await putBlob(await renderViewPng(inputs));
      await saveRenderedView(key, sha256, db);
      return sha256;
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}
