import { NextResponse } from "next/server";
import { evaluationStatusDto } from "@/lib/contracts/evaluation-status";
import { getEvaluationProgress } from "@/lib/server/db/evaluations";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** Live status and progress of one owned evaluation, polled by the results page. */
export const GET = authedRoute<{ evaluationId: string }>(async (_req, { params, user }) => {
  const e = await getEvaluationProgress({ ownerId: user.id, evaluationId: params.evaluationId });
  const dto = evaluationStatusDto.parse({
    id: e.id,
    status: e.status,
    progressDone: e.progressDone,
    progressTotal: e.progressTotal,
    error: e.error,
    startedAt: e.startedAt?.toISOString() ?? null,
    finishedAt: e.finishedAt?.toISOString() ?? null,
    serverTime: new Date().toISOString(),
  });
  return NextResponse.json(dto, { headers: { "Cache-Control": "no-store" } });
});
