/** Fuzzy matching for the command palette and the caseload filter: letters in order, compact matches first. */

/** Folds Latvian diacritics and case so "sarma" finds "Šarma". */
export function fold(s: string): string {
  // Plain ASCII has nothing to strip: skip the (slow) normalisation.
  return /^[\x20-\x7e]*$/.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Score of `query` against `text` (higher is better), or null when the letters do not appear in order. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = fold(query).trim();
  if (q === '') return 0;
  const t = fold(text);
  const at = t.indexOf(q);
  if (at >= 0) return 1000 - at;
  let ti = 0;
  let gaps = 0;
  let last = -1;
  for (const ch of q) {
    if (ch === ' ') continue;
    const found = t.indexOf(ch, ti);
    if (found < 0) return null;
    if (last >= 0) gaps += found - last - 1;
    last = found;
    ti = found + 1;
  }
  return 500 - gaps;
}

/** Items that match `query`, best first (stable for ties). */
export function fuzzyFilter<T>(items: readonly T[], query: string, text: (item: T) => string): T[] {
  if (query.trim() === '') return [...items];
  const scored: { item: T; score: number; i: number }[] = [];
  items.forEach((item, i) => {
    const score = fuzzyScore(query, text(item));
    if (score !== null) scored.push({ item, score, i });
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.map((s) => s.item);
}
