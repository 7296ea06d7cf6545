import { leakageReportDto } from "@/lib/contracts/leakage";
import { leakageCounts } from "@/lib/core/leakage";
import { checkEvaluationLeakage } from "@/lib/server/models/leakage";
import { jsonNoStore } from "@/lib/server/transport/json-body";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** The training-data leakage of an owned evaluation (the results page's warning, for CI gates): see leakageReportDto. */
export const GET = authedRoute<{ evaluationId: string }>(async (_req, { params, user }) => {
  const view = await checkEvaluationLeakage({ ownerId: user.id, evaluationId: params.evaluationId });
  return jsonNoStore(
    leakageReportDto.parse({
      checked: view.checked,
      ...leakageCounts(view.matches),
      matches: view.matches,
      without: view.without,
      pending: view.pending,
    }),
  );
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
