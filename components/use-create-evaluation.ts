"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createEvaluationAction } from "@/lib/server/actions/create-evaluation";

export type CreateEvaluationRequest = Parameters<typeof createEvaluationAction>[0];

/** An earlier evaluation of the same model version on the same dataset version, found instead of making a silent duplicate. */
export interface ExistingEvaluation { id: string; status: string; createdAt: string; request: CreateEvaluationRequest }

/**
 * The "Evaluate" buttons' handler: creates the evaluation with the server
 * action, then goes to its results page; a refused input or a server error
 * becomes `error` (the action's message) and the user stays on the page.
 * When the pair was evaluated before, nothing is created: `existing` is set
 * and the user chooses `openExisting()` or `runAgain()`.
 */
export function useCreateEvaluation() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [existing, setExisting] = useState<ExistingEvaluation | null>(null);
  const [pending, startTransition] = useTransition();
  const createEvaluation = (input: CreateEvaluationRequest) =>
    startTransition(async () => {
      setError(null);
      setExisting(null);
      const result = await createEvaluationAction(input);
      if (!result.ok) setError(result.error.message);
      else if (result.data.existing && !input.allowDuplicate) setExisting({ id: result.data.id, ...result.data.existing, request: input });
      else router.push(`/evaluations/${result.data.id}`);
    });
  const openExisting = () => existing && router.push(`/evaluations/${existing.id}`);
  const runAgain = () => existing && createEvaluation({ ...existing.request, allowDuplicate: true });
  return { createEvaluation, error, pending, existing, openExisting, runAgain, dismissExisting: () => setExisting(null) };
}
