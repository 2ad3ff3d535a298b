/**
 * The observation checklist of the home-care guideline (seed 004): what a caregiver notices and
 * what it requires. INTEGRATION POINT: when data/ ships an observation catalogue, load it here.
 */
import type { Alert } from '../../../core/doc/schema.js';

export type AlertLevel = Alert['level'];

export interface ObservationItem {
  readonly code: string;
  readonly level: AlertLevel;
  readonly lv: string;
  readonly en: string;
}

/** The checklist in the guideline's order: "inform the GP" items first, then "call emergency care". */
export const OBSERVATION_ITEMS: readonly ObservationItem[] = [
  { code: 'skin_damage', level: 'inform_gp', lv: 'Ādas bojājumi (izgulējumi, lielas rētas)', en: 'Skin damage (pressure sores, large scars)' },
  { code: 'chronic_exacerbation', level: 'inform_gp', lv: 'Hroniskas slimības saasinājums', en: 'Chronic disease exacerbation' },
  { code: 'new_pain', level: 'inform_gp', lv: 'Jaunas sāpes (ausīs, kaklā, vēderā u.c.)', en: 'New pain (ears, throat, abdomen …)' },
  { code: 'fever', level: 'inform_gp', lv: 'Drudzis, paaugstināta temperatūra, klepus', en: 'Fever, raised temperature, cough' },
  { code: 'vomiting', level: 'inform_gp', lv: 'Slikta dūša, vemšana, caureja', en: 'Nausea, vomiting, diarrhoea' },
  { code: 'household_injury', level: 'inform_gp', lv: 'Sadzīves trauma (brūces, sasitumi, apdegumi)', en: 'Household injury (wounds, bruises, burns)' },
  { code: 'dizziness', level: 'inform_gp', lv: 'Reiboņi, galvassāpes, koordinācijas traucējumi', en: 'Dizziness, headache, poor coordination' },
  { code: 'new_confusion', level: 'inform_gp', lv: 'Jauns apjukums, dezorientācija', en: 'New confusion, disorientation' },
  { code: 'unconscious', level: 'emergency', lv: 'Bezsamaņa, krampji, nav elpošanas', en: 'Unconscious, seizures, not breathing' },
  { code: 'severe_trauma', level: 'emergency', lv: 'Smaga trauma', en: 'Severe trauma' },
  { code: 'heavy_bleeding', level: 'emergency', lv: 'Spēcīga asiņošana', en: 'Heavy bleeding' },
  { code: 'chest_pain', level: 'emergency', lv: 'Pēkšņas sāpes krūšu kurvī', en: 'Sudden chest pain' },
  { code: 'sudden_severe_pain', level: 'emergency', lv: 'Stipras, pēkšņas sāpes', en: 'Sudden severe pain' },
  { code: 'short_breath', level: 'emergency', lv: 'Izteikts, pēkšņs elpas trūkums', en: 'Sudden severe shortness of breath' },
];

/** The alert the ticked items require: emergency beats inform-the-GP; null when nothing needs one. */
export function alertFor(codes: readonly string[]): { level: AlertLevel; items: ObservationItem[] } | null {
  const items = OBSERVATION_ITEMS.filter((i) => codes.includes(i.code));
  if (items.length === 0) return null;
  const emergency = items.filter((i) => i.level === 'emergency');
  return emergency.length > 0 ? { level: 'emergency', items: emergency } : { level: 'inform_gp', items };
}
