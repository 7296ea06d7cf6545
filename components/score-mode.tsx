"use client";

import { useSyncExternalStore } from "react";
import { formatDelta, formatScore, type ScoreMode } from "@/lib/core/charts/score-format";

const KEY = "intersect:score-mode";
const EVENT = "intersect:score-mode";

function read(): ScoreMode {
  try {
    return window.localStorage.getItem(KEY) === "score" ? "score" : "percent";
  } catch {
    return "percent";
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener(EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** The user's choice of percentages or 0–1 scores, kept in localStorage (percent on the server and before hydration). */
export function useScoreMode(): [ScoreMode, (mode: ScoreMode) => void] {
  const mode = useSyncExternalStore(subscribe, read, () => "percent" as const);
  const set = (next: ScoreMode) => {
    try {
      window.localStorage.setItem(KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    window.dispatchEvent(new Event(EVENT));
  };
  return [mode, set];
}

/** A ratio shown in the chosen mode ("97.8%" or "0.978"); undefined is "—". */
export function Score({ value, testId }: { value: number | null | undefined; testId?: string }) {
  const [mode] = useScoreMode();
  return <span data-testid={testId}>{formatScore(value, mode)}</span>;
}

/** A difference of two ratios in the chosen mode ("+1.2 pt" or "+0.012"). */
export function Delta({ value }: { value: number | null | undefined }) {
  const [mode] = useScoreMode();
  return <>{formatDelta(value, mode)}</>;
}

/** The switch between percentages and 0–1 scores. */
export function ScoreModeSwitch() {
  const [mode, setMode] = useScoreMode();
  return (
    <div role="radiogroup" aria-label="Show scores as" className="row segmented">
      {(["percent", "score"] as const).map((m) => (
        <label key={m} className="row" style={{ gap: "0.25rem" }}>
          <input type="radio" name="score-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
          {m === "percent" ? "Percent" : "0–1 score"}
        </label>
      ))}
    </div>
  );
}

/** A numeric table cell holding a {@link Score}. */
export function ScoreCell({ value, testId }: { value: number | null | undefined; testId?: string }) {
  return (
    <td className="num">
      <Score value={value} testId={testId} />
    </td>
  );
}

/** A numeric table cell holding a {@link Delta}; `className` adds e.g. "error" to flag it. */
export function DeltaCell({ value, className }: { value: number | null | undefined; className?: string }) {
  return (
    <td className={className ? `num ${className}` : "num"}>
      <Delta value={value} />
    </td>
  );
}
