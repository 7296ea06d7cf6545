import { NextResponse } from "next/server";
import { evaluationStatusDto } from "@/lib/contracts/evaluation-status";
import { getEvaluationState } from "@/lib/server/db/evaluation-api";
import { briefSummary } from "@/lib/server/results/brief-summary";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** Live status, progress and (once finished) the headline figures of one owned evaluation: polled by the results page and CI. */
export const GET = authedRoute<{ evaluationId: string }>(async (_req, { params, user }) => {
  const e = await getEvaluationState({ ownerId: user.id, evaluationId: params.evaluationId });
  const dto = evaluationStatusDto.parse({
    id: e.id,
    status: e.status,
    progress: { done: e.progressDone, total: e.progressTotal },
    summary: e.summary ? briefSummary(e.summary) : null,
    progressDone: e.progressDone,
    progressTotal: e.progressTotal,
    error: e.error,
    startedAt: e.startedAt?.toISOString() ?? null,
    finishedAt: e.finishedAt?.toISOString() ?? null,
    serverTime: new Date().toISOString(),
  });
  return NextResponse.json(dto, { headers: { "Cache-Control": "no-store" } });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
