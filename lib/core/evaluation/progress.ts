export interface ProgressInput {
  progressDone: number;
  progressTotal: number;
  startedAt: string | null;
  serverTime: string;
  /** Images already done when the current attempt started (a resumed run). */
  doneAtStart?: number;
}

export interface ProgressView {
  percent: number;
  /** Images per second, or null before the first image. */
  rate: number | null;
  /** Seconds left at the current rate, or null when unknown. */
  secondsLeft: number | null;
}

/**
 * Derives the progress bar's numbers: share done, images per second since
 * the run started, and the time left at that rate. Unknown values are null,
 * never a made-up 0.
 */
export function describeProgress(p: ProgressInput): ProgressView {
  const percent = p.progressTotal > 0 ? Math.min(100, (100 * p.progressDone) / p.progressTotal) : 0;
  if (!p.startedAt) return { percent, rate: null, secondsLeft: null };
  const elapsed = (Date.parse(p.serverTime) - Date.parse(p.startedAt)) / 1000;
  const doneNow = p.progressDone - (p.doneAtStart ?? 0);
  if (elapsed <= 0 || doneNow <= 0) return { percent, rate: null, secondsLeft: null };
  const rate = doneNow / elapsed;
  return { percent, rate, secondsLeft: Math.max(0, (p.progressTotal - p.progressDone) / rate) };
}
