/**
 * The observation checklist of the home-care guideline (seed 004): what a caregiver notices and
 * what it requires, as data from the observation catalogue.
 */
import type { Alert } from '../../../core/doc/schema.js';
import { tuiCatalogues } from './catalogue.js';

export type AlertLevel = Alert['level'];

export interface ObservationItem {
  readonly code: string;
  readonly level: AlertLevel;
  readonly lv: string;
  readonly en: string;
}

/** The checklist from the observation catalogue (data/catalogue/observations.json), in its order. */
export function observationItems(): readonly ObservationItem[] {
  const c = tuiCatalogues();
  if (!c.ok) return [];
  return c.value.observations.items.map((i) => ({ code: i.code, level: i.level, lv: i.label.lv, en: i.label.en }));
}

/** The alert the ticked items require: emergency beats inform-the-GP; null when nothing needs one. */
export function alertFor(codes: readonly string[], checklist: readonly ObservationItem[] = observationItems()): { level: AlertLevel; items: ObservationItem[] } | null {
  const items = checklist.filter((i) => codes.includes(i.code));
  if (items.length === 0) return null;
  const emergency = items.filter((i) => i.level === 'emergency');
  return emergency.length > 0 ? { level: 'emergency', items: emergency } : { level: 'inform_gp', items };
}
