/** The parts of a keydown event the image viewer looks at (a DOM KeyboardEvent fits). */
export interface ArrowKeyEvent {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** The parts of the event's target that decide whether ←/→ belong to it (a DOM Element fits). */
export interface KeyTarget {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
}

/** Input types whose ←/→ do not move a text caret: the viewer takes the arrows from them (radios, the opacity slider, buttons). */
const NON_TEXT_INPUTS = new Set(["radio", "checkbox", "range", "button", "submit", "reset", "image", "file", "color"]);

/**
 * Whether ←/→ pressed in the image viewer steps to the previous (-1) or next
 * (+1) image: always, wherever focus is in the viewer (the overlay radios and
 * the opacity slider included, which then keep Tab, Space and ↑/↓), except
 * in a field where the arrows move a text caret or a choice (text-like
 * inputs, textarea, select, contenteditable), and except with a modifier
 * (Alt+← is the browser's Back). null: leave the key alone.
 */
export function viewerArrowStep(event: ArrowKeyEvent, target: KeyTarget | null): -1 | 1 | null {
  const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : null;
  if (delta === null || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  if (target) {
    const tag = target.tagName.toUpperCase();
    if (tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) return null;
    if (tag === "INPUT" && !NON_TEXT_INPUTS.has((target.type ?? "text").toLowerCase())) return null;
  }
  return delta;
}

/** The position `delta` steps from `position` in a list of `total`, wrapping at both ends (0-based). */
export function stepPosition(position: number, delta: number, total: number): number {
  if (total <= 0) return 0;
  return (((position + delta) % total) + total) % total;
}

/** The 1-based page of a 0-based position in a list paged by `pageSize`, and its index on that page. */
export function pageOfPosition(position: number, pageSize: number): { page: number; index: number } {
  return { page: Math.floor(position / pageSize) + 1, index: position % pageSize };
}
