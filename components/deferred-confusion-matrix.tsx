"use client";

import { useQuery } from "@tanstack/react-query";
import { confusionMatrixDto } from "@/lib/contracts/results";
import { queryKeys } from "@/lib/contracts/query-keys";
import { ConfusionMatrix } from "./confusion-matrix";
import { fetchDto } from "./fetch-dto";

/**
 * The confusion matrix of an evaluation with many classes, loaded after the
 * page (GET …/confusion, cached for the finished evaluation): a 150-class
 * heatmap is ~23,000 cells, too many to render into the page's first
 * response without making it slow.
 */
export function DeferredConfusionMatrix({ evaluationId }: { evaluationId: string }) {
  const query = useQuery({
    queryKey: queryKeys.confusionMatrix(evaluationId),
    queryFn: () => fetchDto(`/api/v1/evaluations/${encodeURIComponent(evaluationId)}/confusion`, confusionMatrixDto),
    staleTime: Infinity,
  });
  if (query.isError) return <p className="error">The confusion matrix could not be loaded: {query.error.message}</p>;
  if (!query.data) return <p className="muted">Loading the confusion matrix…</p>;
  return <ConfusionMatrix evaluationId={evaluationId} matrix={query.data.matrix} classes={query.data.classes} />;
}
