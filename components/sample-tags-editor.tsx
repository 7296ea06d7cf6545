"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { plural } from "@/lib/core/charts/score-format";
import { updateSampleTagsAction } from "@/lib/server/actions/update-sample-tags";

const splitTags = (text: string) => [...new Set(text.split(",").map((t) => t.trim()).filter(Boolean))];

/** Adds or removes comma-separated tags on the selected samples (one or many) of a dataset. */
export function SampleTagsEditor({ datasetId, sampleIds, onDone }: { datasetId: string; sampleIds: string[]; onDone: () => void }) {
  const router = useRouter();
  const [add, setAdd] = useState("");
  const [remove, setRemove] = useState("");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const apply = () =>
    startTransition(async () => {
      const result = await updateSampleTagsAction({ datasetId, sampleIds, add: splitTags(add), remove: splitTags(remove) });
      // The reasons themselves ("tag "a;b" contains ";"…"), not the action's field paths ("add.0").
      if (!result.ok) return setMessage({ error: true, text: Object.values(result.error.fieldErrors ?? {}).flat().join(" ") || result.error.message });
      setMessage({ error: false, text: `Tags updated on ${plural(result.data.samples, "sample")} (in every version that has them; results by tag follow).` });
      setAdd("");
      setRemove("");
      onDone();
      router.refresh();
    });
  return (
    <div className="row" aria-label="Edit tags">
      <label className="field">
        Add tags
        <input value={add} onChange={(e) => setAdd(e.target.value)} placeholder="night, occluded" />
      </label>
      <label className="field">
        Remove tags
        <input value={remove} onChange={(e) => setRemove(e.target.value)} />
      </label>
      <button type="button" disabled={pending || sampleIds.length === 0 || (!add.trim() && !remove.trim())} onClick={apply}>
        Apply to {sampleIds.length} selected
      </button>
      {message ? (
        <span role={message.error ? "alert" : "status"} className={message.error ? "error" : "muted"}>
          {message.text}
        </span>
      ) : null}
    </div>
  );
}
