import "server-only";
import sharp from "sharp";
import { renderColorizedMask } from "@/lib/core/masks";
import { findOwnedVersionSample } from "@/lib/server/db/dataset-version-stats";
import { decodeMask } from "@/lib/server/masks/decode-mask";
import { readBlob } from "@/lib/server/storage/blob-store";

/** Gallery thumbnails are this wide (px); a page of 48 stays a few hundred KB. */
export const THUMB_WIDTH = 240;

/**
 * A small PNG/JPEG of an owned version's sample for the gallery: the image
 * (JPEG), or the mask in the version's class colours with void transparent
 * (PNG, nearest-neighbour so class edges stay crisp). `etag` depends only on
 * the blob and the version (class colours), so it can be checked first.
 */
export async function findThumbnail(args: { ownerId: string; datasetId: string; number: number; sampleId: string; kind: "image" | "mask" }) {
  const s = await findOwnedVersionSample(args);
  const sha = args.kind === "image" ? s.imageSha256 : s.maskSha256;
  return {
    etag: `"thumb-${args.kind}-${THUMB_WIDTH}-${sha}-${s.versionId}"`,
    render: async (): Promise<{ bytes: Buffer; contentType: string }> => {
      const blob = await readBlob(sha);
      if (args.kind === "image") {
        const bytes = await sharp(blob).resize({ width: THUMB_WIDTH, withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
        return { bytes, contentType: "image/jpeg" };
      }
      const map = decodeMask(new Uint8Array(blob));
      const png = renderColorizedMask(map, s.classes.map((c) => c.color), { ignoreValues: s.ignoreIndex === null ? [] : [s.ignoreIndex] });
      const bytes = await sharp(png).resize({ width: THUMB_WIDTH, withoutEnlargement: true, kernel: "nearest" }).png().toBuffer();
      return { bytes, contentType: "image/png" };
    },
  };
}
