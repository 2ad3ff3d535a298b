/**
 * bench:translate — 10,000 random assessments (home-care card + Braden) scored and translated into
 * proposals under the Riga rule table; prints time and memory. Target: ≤ 1 s on one core.
 * Usage: node dist/bench/translate.js [--n 10000] [--table riga]
 */
import { parseArgs } from 'node:util';
import { catalogues } from '../cli/catalogue/load.js';
import { scoreAssessment } from '../core/assessment/score.js';
import type { Instrument } from '../core/catalogue/schema.js';
import { translateNeeds } from '../core/translation/translate.js';
import { createRng } from '../test/helpers/rng.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '10000' }, table: { type: 'string', default: 'riga' } } });
const N = Number(values.n);

const t0 = performance.now();
const cats = catalogues();
const loadMs = performance.now() - t0;
const table = cats.ruleTables.get(values.table);
const card = cats.instruments.get('home-care-card');
const braden = cats.instruments.get('braden');
if (!table || !card || !braden) throw new Error('missing data');

const rnd = createRng(20261122);
const answers = (ins: Instrument): Record<string, string> => {
  const out: Record<string, string> = {};
  // Skewed towards the milder answers, as in a real caseload.
  for (const item of ins.items) out[item.id] = item.levels[Math.floor(rnd() ** 2 * item.levels.length)]!.code;
  return out;
};
const inputs = Array.from({ length: N }, () => ({ card: answers(card), braden: answers(braden) }));
const gp = [{ id: 'gp-1', issuedOn: '2026-01-01', validUntil: '2026-12-31', severity: 'severe' as const, contraindications: [], gpName: '', note: '' }];

global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const start = performance.now();
let tasks = 0;
let services = 0;
let referrals = 0;
const levels = new Map<string, number>();
for (const x of inputs) {
  const scored = [scoreAssessment(card, x.card, table), scoreAssessment(braden, x.braden, table)];
  const p = translateNeeds(scored, cats, table, { profile: null, gpStatements: gp, today: '2026-06-01' });
  tasks += p.tasks.length;
  services += p.services.length;
  referrals += p.referrals.length;
  const l = p.careLevel?.level.code ?? 'none';
  levels.set(l, (levels.get(l) ?? 0) + 1);
}
const ms = performance.now() - start;
const mem = process.memoryUsage();
console.log(`catalogue load + validate: ${loadMs.toFixed(1)} ms`);
console.log(`${N} assessments scored + translated (${table.id}@${table.version}): ${ms.toFixed(0)} ms (${((ms * 1000) / N).toFixed(1)} µs each)`);
console.log(`proposed: ${tasks} tasks, ${services} services, ${referrals} referrals; levels ${JSON.stringify(Object.fromEntries([...levels].sort()))}`);
console.log(`heap used ${(mem.heapUsed / 1e6).toFixed(1)} MB (${mem.heapUsed >= heapBefore ? '+' : ''}${((mem.heapUsed - heapBefore) / 1e6).toFixed(1)} MB during the run), rss ${(mem.rss / 1e6).toFixed(1)} MB`);
console.log(ms <= 1000 ? 'target ≤ 1 s: met' : 'target ≤ 1 s: NOT met');
