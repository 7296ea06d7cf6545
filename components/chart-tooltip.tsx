"use client";

import type { ReactNode } from "react";

/** A recharts tooltip showing what `render` makes of the hovered datum (prepared data, so no raw key ever shows). */
export function ChartTooltip<T>({ active, payload, render }: { active?: boolean; payload?: readonly { payload?: T }[]; render: (datum: T) => ReactNode }) {
  const datum = payload?.[0]?.payload;
  if (!active || !datum) return null;
  return <div className="chart-tooltip">{render(datum)}</div>;
}
