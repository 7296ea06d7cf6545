"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createEvaluationAction } from "@/lib/server/actions/create-evaluation";

export type CreateEvaluationRequest = Parameters<typeof createEvaluationAction>[0];

/**
 * The "Evaluate" buttons' handler: creates the evaluation with the server
 * action, then goes to its results page; a refused input or a server error
 * becomes `error` (the action's message) and the user stays on the page.
 */
export function useCreateEvaluation() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const createEvaluation = (input: CreateEvaluationRequest) =>
    startTransition(async () => {
      setError(null);
      const result = await createEvaluationAction(input);
      if (result.ok) router.push(`/evaluations/${result.data.id}`);
      else setError(result.error.message);
    });
  return { createEvaluation, error, pending };
}
