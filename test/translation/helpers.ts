import { loadCatalogues } from '../../cli/catalogue/load.js';
import type { Catalogues } from '../../core/catalogue/parse.js';
import type { Instrument, RuleTable } from '../../core/catalogue/schema.js';

let cached: Catalogues | null = null;

/** The real data/ catalogues (tests fail loudly when they do not validate). */
export function cats(): Catalogues {
  if (cached) return cached;
  const r = loadCatalogues();
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.file}: ${i.path}: ${i.message}`).join('\n'));
  cached = r.value;
  return cached;
}

export function instrument(id: string): Instrument {
  const i = cats().instruments.get(id);
  if (!i) throw new Error(`no instrument ${id}`);
  return i;
}

export function table(id: string): RuleTable {
  const t = cats().ruleTables.get(id);
  if (!t) throw new Error(`no rule table ${id}`);
  return t;
}

/** Every item at its best (index 0) level, then the given answers on top. */
export function answersWith(id: string, over: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of instrument(id).items) out[item.id] = item.levels[0]!.code;
  return { ...out, ...over };
}
