"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { startEvaluationAction } from "@/lib/server/actions/start-evaluation";
import { ErrorAlert } from "./error-alert";

/** The results page's "Evaluate" button: queues the run, then the page shows live progress. */
export function StartEvaluationButton({ evaluationId, label = "Evaluate" }: { evaluationId: string; label?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="row">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await startEvaluationAction({ evaluationId });
            if (result.ok) router.refresh();
            else setError(result.error.message);
          })
        }
      >
        {label}
      </button>
      <ErrorAlert message={error} as="span" />
    </div>
  );
}
