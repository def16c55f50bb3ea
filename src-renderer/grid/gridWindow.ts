// Which rows a virtualised grid renders for a scroll position. Browsers cap an element's height (Chromium near 33.5
// million px, Firefox near 17.9 million), so past `maxHeight` the spacer is shortened and the scroll position mapped
// proportionally onto the rows: a million rows scroll end to end with only the visible ones in the page.

export interface GridGeometry {
  scrollTop: number;
  viewportHeight: number;
  nrows: number;
  rowHeight: number;
  /** Tallest spacer to use, in px. */
  maxHeight?: number;
  /** Extra rows rendered above and below the viewport. */
  overscan?: number;
}

export interface GridWindow {
  /** Height of the scrolled spacer, px. */
  spacerHeight: number;
  /** First rendered row and how many rows are rendered. */
  first: number;
  count: number;
  /** Where the first rendered row sits within the spacer, px. */
  top: number;
}

export function gridWindow(g: GridGeometry): GridWindow {
  const maxHeight = g.maxHeight ?? 8_000_000;
  const overscan = g.overscan ?? 6;
  const fullHeight = g.nrows * g.rowHeight;
  const spacerHeight = Math.min(fullHeight, maxHeight);
  const scrollRange = Math.max(0, spacerHeight - g.viewportHeight);
  const virtualRange = Math.max(0, fullHeight - g.viewportHeight);
  const scrollTop = Math.min(Math.max(0, g.scrollTop), scrollRange);
  // Virtual offset into the full height of all rows; equal to scrollTop when the spacer is not shortened.
  const offset = scrollRange > 0 ? (scrollTop / scrollRange) * virtualRange : 0;
  const firstVisible = Math.min(Math.floor(offset / g.rowHeight), Math.max(0, g.nrows - 1));
  const first = Math.max(0, firstVisible - overscan);
  const visible = Math.ceil(g.viewportHeight / g.rowHeight) + 1;
  const count = Math.max(0, Math.min(g.nrows - first, visible + overscan + (firstVisible - first)));
  const top = scrollTop - (offset - first * g.rowHeight);
  return { spacerHeight, first, count, top };
}
