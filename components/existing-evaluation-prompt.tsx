"use client";

import type { ExistingEvaluation } from "./use-create-evaluation";
import { formatUtcMinute } from "@/lib/core/format";

/** "Already evaluated": open the existing evaluation, or run the same pair again. */
export function ExistingEvaluationPrompt({ existing, onOpen, onRunAgain, pending }: { existing: ExistingEvaluation; onOpen: () => void; onRunAgain: () => void; pending: boolean }) {
  return (
    <div role="alert" className="notice">
      <span>
        This version was already evaluated on this dataset version ({existing.status}, {formatUtcMinute(existing.createdAt)}).
      </span>
      <div className="row" style={{ marginTop: "0.35rem" }}>
        <button type="button" onClick={onOpen}>
          Open existing evaluation
        </button>
        <button type="button" className="secondary" onClick={onRunAgain} disabled={pending}>
          Run again
        </button>
      </div>
    </div>
  );
}
