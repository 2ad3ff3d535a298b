/**
 * The GP gate for home care: a GP statement valid today (issuedOn ≤ today ≤ validUntil) without
 * contraindications (active TB, acute infectious disease, STD). Otherwise home care is blocked
 * and the reason says why: missing, expired on DATE, not yet valid, or contraindication X.
 */
import type { Label } from '../catalogue/schema.js';
import type { GpStatement } from '../doc/schema.js';

export type GpGate =
  | { readonly ok: true; readonly statementId: string; readonly validUntil: string }
  | {
      readonly ok: false;
      readonly code: 'gp_missing' | 'gp_expired' | 'gp_not_yet_valid' | 'gp_contraindication';
      readonly reason: Label;
      readonly statementId: string | null;
    };

const CONTRA_LABELS: Record<GpStatement['contraindications'][number], Label> = {
  active_tuberculosis: { lv: 'aktīva tuberkuloze', en: 'active tuberculosis' },
  acute_infectious_disease: { lv: 'akūta infekcijas slimība', en: 'acute infectious disease' },
  sexually_transmitted_disease: { lv: 'seksuāli transmisīva slimība', en: 'sexually transmitted disease' },
};

/** Checks the client's GP statements for home care on `today` (YYYY-MM-DD). */
export function gpGate(statements: readonly GpStatement[], today: string): GpGate {
  const current = statements
    .filter((s) => s.issuedOn <= today && today <= s.validUntil)
    .sort((a, b) => (b.issuedOn < a.issuedOn ? -1 : b.issuedOn > a.issuedOn ? 1 : a.id < b.id ? -1 : 1));
  const clean = current.find((s) => s.contraindications.length === 0);
  if (clean) return { ok: true, statementId: clean.id, validUntil: clean.validUntil };
  const latest = current[0];
  if (latest) {
    const names = latest.contraindications.map((c) => CONTRA_LABELS[c]);
    return {
      ok: false,
      code: 'gp_contraindication',
      statementId: latest.id,
      reason: {
        lv: `Ģimenes ārsta izziņā (${latest.issuedOn}) norādīta kontrindikācija: ${names.map((n) => n.lv).join(', ')}`,
        en: `The GP statement of ${latest.issuedOn} lists a contraindication: ${names.map((n) => n.en).join(', ')}`,
      },
    };
  }
  const past = statements.filter((s) => s.validUntil < today).sort((a, b) => (a.validUntil < b.validUntil ? 1 : -1))[0];
  if (past) {
    return {
      ok: false,
      code: 'gp_expired',
      statementId: past.id,
      reason: { lv: `Ģimenes ārsta izziņa beidzās ${past.validUntil}; nepieciešama jauna`, en: `The GP statement expired on ${past.validUntil}; a new one is needed` },
    };
  }
  const future = statements.filter((s) => s.issuedOn > today).sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : 1))[0];
  if (future) {
    return {
      ok: false,
      code: 'gp_not_yet_valid',
      statementId: future.id,
      reason: { lv: `Ģimenes ārsta izziņa derīga tikai no ${future.issuedOn}`, en: `The GP statement is valid only from ${future.issuedOn}` },
    };
  }
  return {
    ok: false,
    code: 'gp_missing',
    statementId: null,
    reason: { lv: 'Nav ģimenes ārsta izziņas par veselības stāvokli un kontrindikāciju neesamību', en: 'No GP statement on the health state and absence of contraindications' },
  };
}
