import { leakageReportDto } from "@/lib/contracts/leakage";
import { checkEvaluationLeakage } from "@/lib/server/models/leakage";
import { jsonNoStore } from "@/lib/server/transport/json-body";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** The training-data leakage of an owned evaluation (the results page's warning, for CI gates): see leakageReportDto. */
export const GET = authedRoute<{ evaluationId: string }>(async (_req, { params, user }) => {
  const view = await checkEvaluationLeakage({ ownerId: user.id, evaluationId: params.evaluationId });
  const exact = view.matches.filter((m) => m.kind === "exact").length;
  return jsonNoStore(
    leakageReportDto.parse({
      checked: view.checked,
      leakedImages: new Set(view.matches.map((m) => m.sample)).size,
      exact,
      nearDuplicates: view.matches.length - exact,
      matches: view.matches,
      without: view.without,
      pending: view.pending,
    }),
  );
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
