"use client";

import { useRef, useState, useTransition } from "react";
import type { ClassMapping, MappingReport, NamedClass } from "@/lib/core/model-classes";
import { saveClassMappingAction } from "@/lib/server/actions/save-class-mapping";

/**
 * Model classes vs dataset classes of an evaluation. Before the run
 * (`editable`): a small editor, model class -> dataset class or "not
 * evaluated", each change saved at once by a server action (so what the
 * editor shows is what Evaluate runs; a refused change is undone and
 * said). Always: the unmatched classes on both sides (model classes without
 * a dataset class count as wrong where predicted).
 */
export function ClassMappingPanel({
  evaluationId,
  editable,
  modelClasses,
  datasetClasses,
  mapping,
  report,
}: {
  evaluationId: string;
  editable: boolean;
  modelClasses: NamedClass[];
  datasetClasses: NamedClass[];
  mapping: ClassMapping;
  report: MappingReport;
}) {
  // The last mapping the server accepted (a ref: changes are saved one after another, and a refusal goes back to the latest).
  const saved = useRef<ClassMapping>(mapping);
  const [draft, setDraft] = useState<ClassMapping>(mapping);
  // The mapping of the last change (quick changes build on each other, not on a render that has not happened yet)
  // and its number: only the answer to the latest change decides what is shown.
  const latest = useRef<ClassMapping>(mapping);
  const changes = useRef(0);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const change = (modelClass: string, datasetClass: number) => {
    const next = { ...latest.current, [modelClass]: datasetClass };
    latest.current = next;
    const seq = ++changes.current;
    setDraft(next);
    start(async () => {
      const r = await saveClassMappingAction({ evaluationId, classMapping: next });
      if (r.ok) saved.current = next;
      if (seq !== changes.current) return;
      if (r.ok) return setMessage({ error: false, text: "Class mapping saved." });
      latest.current = saved.current;
      setDraft(saved.current);
      setMessage({ error: true, text: `${r.error.message} The mapping was left as it was.` });
    });
  };
  const unmatched = report.unmatchedModel.length + report.unmatchedDataset.length > 0;
  if (!editable && !unmatched) return null;
  return (
    <section className="panel" aria-label="Class mapping">
      <h2 style={{ marginTop: 0 }}>Classes</h2>
      {unmatched ? (
        <ul>
          {report.unmatchedModel.length ? (
            <li>
              Model classes not evaluated (counted as wrong where predicted): {report.unmatchedModel.map((c) => c.name).join(", ")}
            </li>
          ) : null}
          {report.unmatchedDataset.length ? <li>Dataset classes the model does not predict: {report.unmatchedDataset.map((c) => c.name).join(", ")}</li> : null}
        </ul>
      ) : null}
      {editable ? (
        <details open={unmatched}>
          <summary>Edit the class mapping ({report.common} of {datasetClasses.length} dataset classes matched)</summary>
          <table>
            <thead>
              <tr>
                <th>Model class</th>
                <th>Dataset class</th>
              </tr>
            </thead>
            <tbody>
              {modelClasses.map((m) => (
                <tr key={m.index}>
                  <td>{m.name}</td>
                  <td>
                    <select
                      aria-label={`Dataset class for ${m.name}`}
                      value={draft[String(m.index)] ?? -1}
                      onChange={(e) => change(String(m.index), Number(e.target.value))}
                    >
                      <option value={-1}>not evaluated</option>
                      {datasetClasses.map((d) => (
                        <option key={d.index} value={d.index}>
                          {d.name}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" aria-live="polite">{pending ? "Saving…" : "Each change is saved at once; Evaluate uses the mapping shown."}</p>
        </details>
      ) : null}
      {message && editable ? (
        <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "muted"}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
