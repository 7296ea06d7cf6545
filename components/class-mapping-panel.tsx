"use client";

import { useState, useTransition } from "react";
import type { ClassMapping, MappingReport, NamedClass } from "@/lib/core/model-classes";
import { saveClassMappingAction } from "@/lib/server/actions/save-class-mapping";

/**
 * Model classes vs dataset classes of an evaluation. Before the run
 * (`editable`): a small editor, model class -> dataset class or "not
 * evaluated", saved by a server action. Always: the unmatched classes on
 * both sides (model classes without a dataset class count as wrong where predicted).
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
  const [draft, setDraft] = useState<ClassMapping>(mapping);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const save = () =>
    start(async () => {
      const r = await saveClassMappingAction({ evaluationId, classMapping: draft });
      setMessage(r.ok ? { error: false, text: "Class mapping saved." } : { error: true, text: r.error.message });
    });
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
                      onChange={(e) => setDraft({ ...draft, [String(m.index)]: Number(e.target.value) })}
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
          <button type="button" className="secondary" onClick={save} disabled={pending}>
            Save class mapping
          </button>
        </details>
      ) : null}
      {message ? (
        <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "muted"}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
