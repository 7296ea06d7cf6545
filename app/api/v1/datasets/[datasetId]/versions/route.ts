import { NextResponse } from "next/server";
import { datasetVersionListDto } from "@/lib/contracts/dataset-versions";
import { importProblemsResponse } from "@/lib/server/datasets/import-problems-response";
import { importVersionFromRequest } from "@/lib/server/datasets/import-upload";
import { listDatasetVersions } from "@/lib/server/db/dataset-versions";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** The versions of one owned dataset (newest first), for the version picker. */
export const GET = authedRoute<{ datasetId: string }>(async (_req, { params, user }) => {
  const dataset = await listDatasetVersions({ ownerId: user.id, datasetId: params.datasetId });
  return NextResponse.json(
    datasetVersionListDto.parse({
      versions: dataset.versions.map((v) => ({ id: v.id, number: v.number, sampleCount: v.sampleCount, createdAt: v.createdAt.toISOString(), note: v.note })),
    }),
  );
});

/**
 * Uploads a version as multipart (`archive`, optional `layout`, `classes`,
 * `mapping`, `tags`, `note`, `mode`, `validSubset`): 201 `{id, number,
 * samples}`; 422 with `problems: [{file?, problem}]`.
 */
export const POST = authedRoute<{ datasetId: string }>(async (req, { params, user }) => {
  try {
    const v = await importVersionFromRequest({ ownerId: user.id, datasetId: params.datasetId, req });
    return NextResponse.json({ id: v.id, number: v.number, samples: v.sampleCount }, { status: 201 });
  } catch (error) {
    return importProblemsResponse(error);
  }
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, PUT, OPTIONS } = otherMethods({ GET, POST });
