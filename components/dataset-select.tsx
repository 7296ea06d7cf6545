"use client";

import type { DatasetPickerGroupDto, PickerModelVersionDto } from "@/lib/contracts/dataset-picker";
import { plural } from "@/lib/core/charts/score-format";
import { datasetChoice, latestPredictedNumber, OLDER_PREDICTIONS_REASON } from "@/lib/core/model-classes";

/**
 * A dataset dropdown grouped by app (this app first); choosing a dataset
 * means its latest version. With `modelVersion`, it tells the truth about
 * what can run: an onnx/http version shows each dataset's class overlap
 * ("9 of 9 classes"), a predictions version enables only the datasets it has
 * predictions for; the others are listed disabled, grouped by the reason.
 * With `anyVersion` (a picker that also chooses the version, or "Test on
 * one image", which runs on that version), a predictions version enables a
 * dataset when any of its versions has predictions; without it, such a
 * dataset is disabled saying which version the predictions are for.
 */
export function DatasetSelect({
  groups,
  value,
  onChange,
  id,
  ariaLabel,
  modelVersion,
  anyVersion = false,
}: {
  groups: DatasetPickerGroupDto[];
  value: string;
  onChange: (datasetId: string) => void;
  id?: string;
  ariaLabel?: string;
  modelVersion?: PickerModelVersionDto;
  anyVersion?: boolean;
}) {
  const unavailable = new Map<string, { key: string; label: string }[]>();
  const choices = groups.map((g) => ({
    group: g,
    options: g.datasets.flatMap((d) => {
      let choice = modelVersion ? datasetChoice(modelVersion, d.latest) : d.latest ? { enabled: true as const, detail: "" } : { enabled: false as const, reason: "no version yet" };
      const predicted = modelVersion ? latestPredictedNumber(modelVersion, d.id) : null;
      // A predictions version made for an older version of this dataset: this picker (latest only) says so.
      if (!choice.enabled && predicted !== null) choice = anyVersion ? { enabled: true, detail: `predictions for v${predicted}` } : { enabled: false, reason: OLDER_PREDICTIONS_REASON };
      const size = d.latest ? ` — v${d.latest.number}, ${plural(d.latest.sampleCount, "sample")}` : "";
      if (!choice.enabled) {
        const list = unavailable.get(choice.reason) ?? [];
        list.push({ key: d.id, label: `${d.name} (${g.app.name}) — ${choice.reason === OLDER_PREDICTIONS_REASON ? `predictions for v${predicted} only` : choice.reason}` });
        unavailable.set(choice.reason, list);
        return [];
      }
      return [{ key: d.id, label: `${d.name}${size}${choice.detail ? `, ${choice.detail}` : ""}` }];
    }),
  }));
  return (
    <select id={id} aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a dataset…</option>
      {choices
        .filter((c) => c.options.length > 0)
        .map(({ group: g, options }) => (
          <optgroup key={g.app.id} label={g.isCurrentApp ? `${g.app.name} (this app)` : g.app.name}>
            {options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      {[...unavailable.entries()].map(([reason, options]) => (
        <optgroup key={reason} label={`Cannot be evaluated: ${reason}`} disabled>
          {options.map((o) => (
            <option key={o.key} value={o.key} disabled>
              {o.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
