"use client";

import { useEffect, useState } from "react";

/** `value` once it has not changed for `ms` milliseconds (e.g. a search box's text before it is sent as a query). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
