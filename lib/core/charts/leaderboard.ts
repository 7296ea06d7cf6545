export interface LeaderboardEvaluation {
  evaluationId: string;
  modelVersion: number;
  datasetVersionId: string;
  /** e.g. "city-val v2". */
  datasetLabel: string;
  appName: string;
  finishedAt: string;
  miou: number | null;
  low: number | null;
  high: number | null;
  /** The evaluation's classes were matched by an edited mapping, not by name: its mIoU measures something else. */
  customMapping?: boolean;
  /** The dataset version holds images the model version was trained on (identical images): the score is not a held-out one. */
  trainedOn?: boolean;
}

export interface LeaderboardCell { evaluationId: string; miou: number | null; low: number | null; high: number | null; best: boolean; customMapping: boolean; trainedOn: boolean }

export interface Leaderboard {
  columns: { datasetVersionId: string; label: string; appName: string }[];
  rows: { modelVersion: number; cells: (LeaderboardCell | null)[] }[];
}

/**
 * The model page's versions x datasets table: for each (version, dataset
 * version) the latest finished evaluation with classes matched by name, or,
 * when there is none, the latest with an edited class mapping (marked
 * `customMapping`, and never `best`: it does not score the same classes);
 * versions newest first, datasets by label; `best` marks the highest defined
 * mIoU of each column (ties all marked) among held-out scores: a version
 * evaluated on a dataset version that holds images it was trained on is
 * marked `trainedOn` and never best. A pair never evaluated is null ("—"), never 0.
 */
export function prepareLeaderboard(evaluations: readonly LeaderboardEvaluation[]): Leaderboard {
  const latest = new Map<string, LeaderboardEvaluation>();
  for (const e of evaluations) {
    const key = `${e.modelVersion}|${e.datasetVersionId}`;
    const seen = latest.get(key);
    const rank = (x: LeaderboardEvaluation) => (x.customMapping ? 0 : 1);
    if (!seen || rank(e) > rank(seen) || (rank(e) === rank(seen) && e.finishedAt > seen.finishedAt)) latest.set(key, e);
  }
  const columns = [...new Map(evaluations.map((e) => [e.datasetVersionId, { datasetVersionId: e.datasetVersionId, label: e.datasetLabel, appName: e.appName }])).values()].sort(
    (a, b) => a.label.localeCompare(b.label, "en", { numeric: true }) || a.appName.localeCompare(b.appName),
  );
  const versions = [...new Set(evaluations.map((e) => e.modelVersion))].sort((a, b) => b - a);
  const best = new Map<string, number>();
  for (const e of latest.values()) {
    if (e.miou !== null && !e.customMapping && !e.trainedOn && e.miou > (best.get(e.datasetVersionId) ?? -Infinity)) best.set(e.datasetVersionId, e.miou);
  }
  return {
    columns,
    rows: versions.map((v) => ({
      modelVersion: v,
      cells: columns.map((c) => {
        const e = latest.get(`${v}|${c.datasetVersionId}`);
        if (!e) return null;
        const customMapping = e.customMapping === true;
        const trainedOn = e.trainedOn === true;
        const isBest = !customMapping && !trainedOn && e.miou !== null && e.miou === best.get(c.datasetVersionId);
        return { evaluationId: e.evaluationId, miou: e.miou, low: e.low, high: e.high, best: isBest, customMapping, trainedOn };
      }),
    })),
  };
}
