/**
 * Cohort report: for one instrument and a set of clients, how many clients are at each level of
 * each criterion (like the seed-002 table of criterion × level counts). Pure.
 */
import type { Instrument } from '../catalogue/schema.js';

export interface CohortLevel {
  readonly code: string;
  readonly label: { readonly lv: string; readonly en: string };
  readonly count: number;
}

export interface CohortRow {
  readonly item: string;
  readonly label: { readonly lv: string; readonly en: string };
  readonly levels: readonly CohortLevel[];
  /** Clients whose assessment has no (valid) answer for this criterion. */
  readonly unanswered: number;
}

export interface CohortReport {
  readonly instrument: string;
  readonly clients: number;
  readonly rows: readonly CohortRow[];
}

/** Counts answers per criterion and level; answers with unknown codes count as unanswered. */
export function cohortDistribution(ins: Instrument, answerSets: readonly Readonly<Record<string, string>>[]): CohortReport {
  const rows = ins.items.map((item) => {
    const counts = new Map(item.levels.map((l) => [l.code, 0]));
    let unanswered = 0;
    for (const answers of answerSets) {
      const code = answers[item.id];
      if (code !== undefined && counts.has(code)) counts.set(code, counts.get(code)! + 1);
      else unanswered++;
    }
    return { item: item.id, label: item.label, levels: item.levels.map((l) => ({ code: l.code, label: l.label, count: counts.get(l.code) ?? 0 })), unanswered };
  });
  return { instrument: `${ins.id}@${ins.version}`, clients: answerSets.length, rows };
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Long-format CSV: one row per criterion and level (plus the unanswered count). */
export function cohortCsv(r: CohortReport, lang: 'lv' | 'en'): string {
  const lines = ['instrument,item,item_label,level,level_label,count,share'];
  for (const row of r.rows) {
    const levels = [...row.levels.map((l) => ({ code: l.code, label: l.label[lang], count: l.count })), { code: '', label: lang === 'lv' ? 'nav atbildes' : 'unanswered', count: row.unanswered }];
    for (const l of levels) {
      const share = r.clients === 0 ? 0 : Math.round((l.count / r.clients) * 1000) / 10;
      lines.push([r.instrument, row.item, row.label[lang], l.code, l.label, l.count, share].map(csvCell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A terminal table: criteria down, levels across (level positions, with a legend per criterion when they differ). */
export function cohortTable(r: CohortReport, lang: 'lv' | 'en'): string[] {
  const width = Math.max(...r.rows.map((row) => row.label[lang].length), 10);
  const maxLevels = Math.max(...r.rows.map((row) => row.levels.length), 1);
  const header = `${(lang === 'lv' ? 'Kritērijs' : 'Criterion').padEnd(width)} ${Array.from({ length: maxLevels }, (_, i) => String(i + 1).padStart(6)).join('')} ${(lang === 'lv' ? 'nav' : 'n/a').padStart(6)}`;
  const out = [`${r.instrument}: ${r.clients} ${lang === 'lv' ? 'klienti' : 'clients'}`, header];
  for (const row of r.rows) out.push(`${row.label[lang].padEnd(width)} ${row.levels.map((l) => String(l.count).padStart(6)).join('')}${' '.repeat(6 * (maxLevels - row.levels.length))} ${String(row.unanswered).padStart(6)}`);
  return out;
}
