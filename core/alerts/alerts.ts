/**
 * Observation checklist → alerts (seed 004 guideline): some observations mean "inform the GP", some
 * mean "call 112". Emergency outranks inform-GP. Unknown codes are returned, not thrown.
 */
import type { AlertLevel, Label, ObservationsFile } from '../catalogue/schema.js';

export interface AlertProposal {
  readonly level: AlertLevel;
  readonly items: readonly string[];
  readonly labels: readonly Label[];
  readonly action: Label | null;
}

export interface AlertsResult {
  /** The most urgent level, or null when nothing observed needs an alert. */
  readonly level: AlertLevel | null;
  /** Emergency first, then inform-GP; one entry per level that applies. */
  readonly alerts: readonly AlertProposal[];
  readonly unknown: readonly string[];
}

/** Alerts for observed checklist item codes. */
export function alertsFor(items: readonly string[], catalogue: ObservationsFile): AlertsResult {
  const byCode = new Map(catalogue.items.map((i) => [i.code, i]));
  const unknown: string[] = [];
  const hits: Record<AlertLevel, Array<{ code: string; label: Label }>> = { emergency: [], inform_gp: [] };
  for (const code of new Set(items)) {
    const def = byCode.get(code);
    if (!def) unknown.push(code);
    else hits[def.level].push({ code, label: def.label });
  }
  const alerts: AlertProposal[] = [];
  for (const level of ['emergency', 'inform_gp'] as const) {
    const h = hits[level];
    if (h.length === 0) continue;
    alerts.push({ level, items: h.map((x) => x.code), labels: h.map((x) => x.label), action: catalogue.actions.find((a) => a.level === level)?.label ?? null });
  }
  return { level: alerts[0]?.level ?? null, alerts, unknown };
}

/** Reason text for an Alert record (`reason` field), in the chosen language. */
export function alertReason(a: AlertProposal, lang: 'lv' | 'en'): string {
  return `${a.action ? `${a.action[lang]}: ` : ''}${a.labels.map((l) => l[lang]).join(', ')}`;
}
