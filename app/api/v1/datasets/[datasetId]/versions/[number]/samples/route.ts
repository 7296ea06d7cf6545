import { NextResponse } from "next/server";
import { AppError } from "@/lib/core/errors";
import { galleryPageDto, galleryQuerySchema } from "@/lib/contracts/dataset-import";
import { getOwnedVersionByNumber } from "@/lib/server/db/dataset-version-stats";
import { listGalleryPage } from "@/lib/server/db/sample-gallery";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { parseQuery } from "@/lib/server/transport/query";
import { authedRoute } from "@/lib/server/transport/route";
import { parseVersionNumber } from "@/lib/contracts/version-number";

export const dynamic = "force-dynamic";

/** One page of an owned version's samples (`?page&pageSize&tag&class&name`), for the gallery and the sample pickers. */
export const GET = authedRoute<{ datasetId: string; number: string }>(async (req, { params, user }) => {
  const number = parseVersionNumber(params.number);
  if (number === null) throw new AppError("not_found");
  const query = parseQuery(req, galleryQuerySchema);
  const version = await getOwnedVersionByNumber({ ownerId: user.id, datasetId: params.datasetId, number });
  const { page, pageSize, tag, name } = query;
  const result = await listGalleryPage({ datasetVersionId: version.id, page, pageSize, tag, classIndex: query.class, nameContains: name });
  return NextResponse.json(galleryPageDto.parse({ ...result, page, pageSize }));
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
