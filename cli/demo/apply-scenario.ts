/** Applies a training scenario to a demo workspace: gathers the world's facts, writes the plan, sets the banner. */
import { addClientRecord, createClientDoc, listClientRecords, patchClientRecord } from '../../core/doc/client-doc.js';
import { clientDocId } from '../../core/doc/doc-id.js';
import { addOrgRecord, getOrgRecord, listOrgRecords } from '../../core/doc/org-doc.js';
import { act } from '../../core/doc/origin.js';
import type { ScenarioName, ScenarioPlan, WorldFacts } from '../../core/demo/scenarios.js';
import { planScenario } from '../../core/demo/scenarios.js';
import type { ClientId } from '../../core/ids.js';
import type { Workspace } from '../workspace/workspace.js';
import { prepareOfflineWeek } from './offline-week.js';

export type ApplyResult = { readonly ok: true; readonly plan: Exclude<ScenarioPlan, { kind: 'not-possible' }> } | { readonly ok: false; readonly reason: string };

async function gatherFacts(ws: Workspace, today: string): Promise<WorldFacts> {
  const org = await ws.org();
  const staff = org.ok ? listOrgRecords(org.doc, 'staff').records : [];
  const clients: WorldFacts['clients'][number][] = [];
  for (const row of ws.caseload().filter((r) => r.status === 'active').sort((a, b) => a.id.localeCompare(b.id))) {
    const doc = await ws.client(row.id);
    if (!doc.ok) continue;
    const approved = listClientRecords(doc.doc, 'assessments').records.filter((a) => a.status === 'approved');
    const visits = listClientRecords(doc.doc, 'visitRecords').records.map((v) => ({ date: v.date, staffId: v.staffId }));
    clients.push({ id: row.id, name: row.name, approved, visits });
  }
  return { today, staff, clients };
}

/** Applies `name` to the workspace; refuses on non-demo workspaces. `laptopDir`: where offline-week puts the laptop. */
export async function applyScenario(ws: Workspace, name: ScenarioName, options: { laptopDir?: string } = {}): Promise<ApplyResult> {
  if (!ws.meta.demo) return { ok: false, reason: 'scenarios run only in demo workspaces (`apsis demo`)' };
  if (name === 'offline-week' && ws.meta.scenario?.name === name) return { ok: false, reason: 'this scenario was already started (use `apsis demo --reset` first)' };
  const today = ws.clock.now().toISOString().slice(0, 10);
  const plan = planScenario(name, await gatherFacts(ws, today));
  let task = plan.kind === 'not-possible' ? null : plan.task;
  const origin = ws.origin(`demo.scenario.${name}`);
  switch (plan.kind) {
    case 'not-possible':
      return { ok: false, reason: plan.reason };
    case 'absence': {
      const org = await ws.org();
      if (!org.ok) return { ok: false, reason: 'the organisation document cannot be read (run `apsis doctor`)' };
      if (getOrgRecord(org.doc, 'absences', plan.absence.id)) return { ok: false, reason: 'this scenario was already started today (use `apsis demo --reset` first)' };
      act(org.doc, origin, () => addOrgRecord(org.doc, 'absences', plan.absence));
      break;
    }
    case 'new-client': {
      const id = plan.clientId as ClientId;
      if (ws.caseload().some((r) => r.id === id)) return { ok: false, reason: 'this scenario was already started today (use `apsis demo --reset` first)' };
      const res = await ws.repo.create(clientDocId(id), (doc) => {
        createClientDoc(doc, id, plan.profile);
        addClientRecord(doc, 'gpStatements', plan.gp);
      }, origin);
      if (!res.ok) return { ok: false, reason: 'the new client document could not be created' };
      ws.markDirty(clientDocId(id));
      break;
    }
    case 'reassessments':
      for (const d of plan.due) {
        const doc = await ws.client(d.clientId as ClientId);
        if (doc.ok) act(doc.doc, origin, () => patchClientRecord(doc.doc, 'assessments', d.assessmentId, { reassessDue: d.reassessDue }));
      }
      break;
    case 'alert': {
      const doc = await ws.client(plan.clientId as ClientId);
      if (!doc.ok) return { ok: false, reason: `client ${plan.clientId} cannot be read (run \`apsis doctor\`)` };
      if (listClientRecords(doc.doc, 'observations').records.some((o) => o.id === plan.observation.id)) {
        return { ok: false, reason: 'this scenario was already started today (use `apsis demo --reset` first)' };
      }
      act(doc.doc, origin, () => {
        addClientRecord(doc.doc, 'observations', plan.observation);
        for (const a of plan.alerts) addClientRecord(doc.doc, 'alerts', a);
      });
      break;
    }
    case 'offline-week': {
      const done = await prepareOfflineWeek(ws, plan.offline, options.laptopDir ?? `${ws.dir}-laptop`);
      if (!done.ok) return done;
      task = { lv: `${plan.task.lv} Klēpjdators: ${done.laptopDir}`, en: `${plan.task.en} The laptop: ${done.laptopDir}` };
      break;
    }
    default: {
      const never: never = plan;
      throw new Error(`unknown plan ${JSON.stringify(never)}`);
    }
  }
  await ws.save();
  await ws.setScenario({ name, task: task ?? plan.task, startedAt: ws.clock.now().toISOString() });
  return { ok: true, plan: { ...plan, task: task ?? plan.task } };
}
