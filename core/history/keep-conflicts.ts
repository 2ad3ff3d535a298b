/**
 * A Yjs `gcFilter` that keeps the content of a map value that lost a concurrent write (two devices
 * set the same field offline), so the losing value travels on to every peer's history instead of
 * being garbage-collected on the first replica that sees both. Values replaced in sequence (the
 * next write had seen them) are collected as usual, so documents do not grow with ordinary edits.
 */
import * as Y from 'yjs';

/** Whether a deleted item is a map value that a concurrent write (not a later one) pushed out. */
export function isConcurrentLoser(item: Y.Item): boolean {
  if (item.parentSub === null || item.content instanceof Y.ContentType) return false;
  const next = item.right;
  if (!next) return false; // removed with `delete`, not replaced
  return !(next.origin && Y.compareIDs(next.origin, item.lastId));
}

/** gcFilter for documents whose history must show both sides of a conflict: false keeps the item. */
export function keepConflicts(item: Y.Item): boolean {
  return !isConcurrentLoser(item);
}
