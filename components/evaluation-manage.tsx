"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { deleteEvaluationAction } from "@/lib/server/actions/delete-evaluation";
import { renameEvaluationAction } from "@/lib/server/actions/rename-evaluation";
import { ErrorAlert } from "./error-alert";
import { NAME_MAX_LENGTH } from "@/lib/contracts/app-input";

/** Rename (a display name kept with the evaluation) and delete (after confirming) for the results page. */
export function EvaluationManage({ evaluationId, name, modelId, active }: { evaluationId: string; name: string | null; modelId: string; active: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name ?? "");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const confirmRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  const save = () =>
    start(async () => {
      const r = await renameEvaluationAction({ evaluationId, name: value });
      if (r.ok) {
        setEditing(false);
        setError(null);
        router.refresh();
      } else setError(r.error.message);
    });
  const remove = () =>
    start(async () => {
      const r = await deleteEvaluationAction({ evaluationId });
      if (r.ok) router.push(`/models/${r.data.modelId ?? modelId}`);
      else {
        confirmRef.current?.close();
        setError(r.error.message);
      }
    });

  return (
    <div className="row">
      {editing ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label className="row">
            Name
            <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={NAME_MAX_LENGTH.evaluation} placeholder="e.g. baseline before augmentation" autoFocus />
          </label>
          <button type="submit" disabled={pending}>
            Save name
          </button>
          <button type="button" className="secondary" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="secondary" onClick={() => setEditing(true)}>
          Rename
        </button>
      )}
      <button type="button" className="secondary danger" disabled={active} title={active ? "Cancel the run before deleting it" : undefined} onClick={() => confirmRef.current?.showModal()}>
        Delete
      </button>
      <ErrorAlert message={error} as="span" />
      <dialog ref={confirmRef} aria-labelledby={titleId}>
        <h2 id={titleId} style={{ marginTop: 0 }}>
          Delete this evaluation?
        </h2>
        <p>Its results (per class and per image) are deleted too. The model version and the dataset stay.</p>
        <div className="row">
          <button type="button" className="danger-fill" onClick={remove} disabled={pending}>
            Delete evaluation
          </button>
          <button type="button" className="secondary" onClick={() => confirmRef.current?.close()}>
            Keep it
          </button>
        </div>
      </dialog>
    </div>
  );
}
