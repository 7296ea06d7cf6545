"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { plural } from "@/lib/core/charts/score-format";
import { removeSamplesAction } from "@/lib/server/actions/remove-samples";
import { ErrorAlert } from "./error-alert";

/**
 * Makes a new version of the dataset: the latest version without the
 * selected samples (the others are shared, not copied), then opens it.
 * Offered on the latest version only.
 */
export function RemoveSamplesButton({ datasetId, names }: { datasetId: string; names: string[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      const result = await removeSamplesAction({ datasetId, names });
      if (!result.ok) return setError(result.error.message);
      router.push(`/datasets/${datasetId}/versions/${result.data.number}`);
    });
  return (
    <div className="row">
      <button type="button" className="secondary" disabled={pending || names.length === 0} onClick={remove}>
        New version without {plural(names.length, "selected sample")}
      </button>
      <ErrorAlert message={error} />
    </div>
  );
}
