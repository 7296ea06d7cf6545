import { NextResponse } from "next/server";
import { datasetVersionListDto } from "@/lib/contracts/dataset-versions";
import { listDatasetVersions } from "@/lib/server/db/dataset-versions";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** The versions of one owned dataset (newest first), for the version picker. */
export const GET = authedRoute<{ datasetId: string }>(async (_req, { params, user }) => {
  const dataset = await listDatasetVersions({ ownerId: user.id, datasetId: params.datasetId });
  return NextResponse.json(
    datasetVersionListDto.parse({
      versions: dataset.versions.map((v) => ({ id: v.id, number: v.number, sampleCount: v.sampleCount, createdAt: v.createdAt.toISOString() })),
    }),
  );
});
