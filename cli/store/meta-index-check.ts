/**
 * A hand-written check of workspace.json's two big indexes (documents and caseload: thousands of
 * entries) with the very shape of their zod schemas. zod takes ~50 ms for 3,000 clients on a cold
 * start, this ~2 ms. It only says yes or no: on no, zod checks everything and names the issue.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStrOrNull = (v: unknown) => v === null || isStr(v);

/** True when every key of `o` is one of `keys` (zod would strip others: let zod do it). */
function onlyKeys(o: Obj, keys: ReadonlySet<string>): boolean {
  for (const k in o) if (!keys.has(k)) return false;
  return true;
}

const DOC_KEYS = new Set(['kind', 'updatedAt']);
const DOC_KINDS = new Set(['org', 'client', 'schedule']);
const ENTRY_KEYS = new Set(['name', 'careGroupId', 'status', 'updatedAt', 'facts']);
const FACT_KEYS = new Set(['reassessDue', 'gpValidUntil', 'contraindication', 'openAlerts', 'emergencyAlerts', 'submittedAssessments']);

function isFacts(f: unknown): boolean {
  if (!isObj(f) || !onlyKeys(f, FACT_KEYS)) return false;
  return isStrOrNull(f.reassessDue) && isStrOrNull(f.gpValidUntil) && typeof f.contraindication === 'boolean' && isNum(f.openAlerts) && isNum(f.emergencyAlerts) && isNum(f.submittedAssessments);
}

/** Whether `v` is a valid document index (`docs`) exactly as zod would return it. */
export function isDocsIndex(v: unknown): v is Record<string, { kind: 'org' | 'client' | 'schedule'; updatedAt: string }> {
  if (!isObj(v)) return false;
  for (const k in v) {
    const e = v[k];
    if (!isObj(e) || !onlyKeys(e, DOC_KEYS) || !DOC_KINDS.has(e.kind as string) || !isStr(e.updatedAt)) return false;
  }
  return true;
}

/** Whether `v` is a valid caseload index exactly as zod would return it. */
export function isCaseloadIndex(v: unknown): boolean {
  if (!isObj(v)) return false;
  for (const k in v) {
    const e = v[k];
    if (!isObj(e) || !onlyKeys(e, ENTRY_KEYS)) return false;
    if (!isStr(e.name) || !isStrOrNull(e.careGroupId) || (e.status !== 'active' && e.status !== 'ended') || !isStr(e.updatedAt)) return false;
    if ('facts' in e && !isFacts(e.facts)) return false;
  }
  return true;
}
