/** Cursor movement and windowing for long lists: only the rows that fit the screen are rendered. */

/** A list cursor movement. */
export type Move = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

/** Handlers of the six list commands, each from `move` (which makes the handler of one movement). */
export function listMoves(move: (m: Move) => () => void): Record<'list.down' | 'list.up' | 'list.pageDown' | 'list.pageUp' | 'list.top' | 'list.bottom', () => void> {
  return { 'list.down': move('down'), 'list.up': move('up'), 'list.pageDown': move('pageDown'), 'list.pageUp': move('pageUp'), 'list.top': move('top'), 'list.bottom': move('bottom') };
}

/** Moves a cursor within `count` rows; `page` is how many rows a page is. */
export function moveCursor(cursor: number, move: Move, count: number, page: number): number {
  if (count <= 0) return 0;
  const next = {
    up: cursor - 1,
    down: cursor + 1,
    pageUp: cursor - page,
    pageDown: cursor + page,
    top: 0,
    bottom: count - 1,
  }[move];
  return Math.max(0, Math.min(count - 1, next));
}

/** The first row to show so that `cursor` stays visible in a window of `height` rows. */
export function windowStart(cursor: number, count: number, height: number): number {
  if (count <= height) return 0;
  return Math.max(0, Math.min(cursor - Math.floor(height / 2), count - height));
}

/** The visible slice of `items` and the index of its first row. */
export function visibleRows<T>(items: readonly T[], cursor: number, height: number): { top: number; rows: readonly T[] } {
  const top = windowStart(cursor, items.length, Math.max(1, height));
  return { top, rows: items.slice(top, top + Math.max(1, height)) };
}
