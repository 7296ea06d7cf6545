"use client";

import type { DatasetPickerGroupDto } from "@/lib/contracts/dataset-picker";
import { plural } from "@/lib/core/charts/score-format";

/** A dataset dropdown grouped by app (this app first); choosing a dataset means its latest version. */
export function DatasetSelect({
  groups,
  value,
  onChange,
  id,
  ariaLabel,
}: {
  groups: DatasetPickerGroupDto[];
  value: string;
  onChange: (datasetId: string) => void;
  id?: string;
  ariaLabel?: string;
}) {
  return (
    <select id={id} aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a dataset…</option>
      {groups.map((g) => (
        <optgroup key={g.app.id} label={g.isCurrentApp ? `${g.app.name} (this app)` : g.app.name}>
          {g.datasets.map((d) => (
            <option key={d.id} value={d.id} disabled={!d.latest}>
              {d.name}
              {d.latest ? ` — v${d.latest.number}, ${plural(d.latest.sampleCount, "sample")}` : " — no version yet"}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
