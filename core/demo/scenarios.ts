/**
 * Training scenarios: each puts a demo world into a situation and states the trainee's task,
 * shown as a banner in the TUI. Pure: the plans below say what to add; the shell writes it.
 */
import type { Absence, Alert, Assessment, ClientProfile, GpStatement, Observation, Staff, VisitRecord } from '../doc/schema.js';
import { addDays } from './world.js';

export const SCENARIO_NAMES = ['sick-caregiver', 'new-client', 'reassessment-due', 'gp-alert', 'offline-week'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface Text2 {
  readonly lv: string;
  readonly en: string;
}

export interface ScenarioInfo {
  readonly name: ScenarioName;
  readonly title: Text2;
  readonly description: Text2;
}

export const SCENARIOS: readonly ScenarioInfo[] = [
  { name: 'sick-caregiver', title: { lv: 'Aprūpētāja saslimst', en: 'A caregiver calls in sick' }, description: { lv: 'Aprūpētāja zvana 7:00 — slima. Pārplānojiet viņas dienu ar vismazāk izmaiņām citiem.', en: 'A caregiver calls in sick at 7:00; repair her day with the fewest changes for everybody else.' } },
  { name: 'new-client', title: { lv: 'Jauns klients pēc slimnīcas', en: 'New client after hospital' }, description: { lv: 'Klients izrakstīts no slimnīcas: novērtējiet vajadzības un ieplānojiet pirmo vizīti 24 stundu laikā.', en: 'A hospital discharge needs an assessment and a first visit within 24 hours.' } },
  { name: 'reassessment-due', title: { lv: 'Pārvērtēšanas termiņi', en: 'Reassessments due' }, description: { lv: 'Trim klientiem šonedēļ beidzas pārvērtēšanas termiņš: atrodiet viņus un pārvērtējiet.', en: "Three clients' reassessments are due this week: find them and reassess." } },
  { name: 'gp-alert', title: { lv: 'Ziņot ģimenes ārstam', en: 'Inform the GP' }, description: { lv: 'Aprūpētāja fiksējusi izgulējumu un drudzi: rīkojieties un ierakstiet, kas izdarīts.', en: 'A caregiver recorded a pressure sore and fever: act on the alert and record what was done.' } },
  { name: 'offline-week', title: { lv: 'Nedēļa bez tīkla', en: 'A week offline' }, description: { lv: 'Klēpjdators atgriežas pēc nedēļas bezsaistē: sinhronizējiet un pārbaudiet, ka nekas nav zudis.', en: 'A laptop returns after a week offline: sync it and check that nothing was lost.' } },
];

export function scenarioInfo(name: ScenarioName): ScenarioInfo {
  const info = SCENARIOS.find((s) => s.name === name);
  if (!info) throw new Error(`unknown scenario ${name}`);
  return info;
}

/** What a scenario adds to the world (all in one transaction per document). */
export type ScenarioPlan =
  | { readonly kind: 'absence'; readonly absence: Absence; readonly task: Text2 }
  | { readonly kind: 'new-client'; readonly clientId: string; readonly profile: ClientProfile; readonly gp: GpStatement; readonly task: Text2 }
  | { readonly kind: 'reassessments'; readonly due: readonly { clientId: string; assessmentId: string; reassessDue: string }[]; readonly task: Text2 }
  | { readonly kind: 'alert'; readonly clientId: string; readonly observation: Observation; readonly alerts: readonly Alert[]; readonly task: Text2 }
  | { readonly kind: 'offline-week'; readonly offline: OfflineWeek; readonly task: Text2 }
  | { readonly kind: 'not-possible'; readonly reason: string };

export interface WorldFacts {
  readonly today: string;
  readonly staff: readonly Staff[];
  readonly clients: readonly { id: string; name: string; approved: readonly Pick<Assessment, 'id' | 'decidedAt'>[]; visits?: readonly Pick<VisitRecord, 'date' | 'staffId'>[] }[];
}

/**
 * A caregiver's laptop back after a week offline: her visit records of `from`…`to` exist only on
 * the laptop; meanwhile the office changed `officeEdit.clientId`'s phone (one of her clients).
 */
export interface OfflineWeek {
  readonly staffId: string;
  readonly staffName: string;
  readonly from: string;
  readonly to: string;
  readonly clientIds: readonly string[];
  readonly officeEdit: { readonly clientId: string; readonly clientName: string; readonly phone: string };
  /** The laptop's banner. */
  readonly laptopTask: Text2;
}

/** Plans offline-week: the caregiver with most visits in the last seven days (ties by id). */
function planOfflineWeek(f: WorldFacts, caregivers: readonly Staff[]): ScenarioPlan {
  const from = addDays(f.today, -7);
  const to = addDays(f.today, -1);
  const count = new Map<string, number>();
  for (const c of f.clients) for (const v of c.visits ?? []) if (v.date >= from && v.date <= to) count.set(v.staffId, (count.get(v.staffId) ?? 0) + 1);
  const who = caregivers.filter((s) => (count.get(s.id) ?? 0) > 0).sort((a, b) => count.get(b.id)! - count.get(a.id)! || a.id.localeCompare(b.id))[0];
  if (!who) return { kind: 'not-possible', reason: 'no caregiver recorded a visit in the last seven days' };
  const theirs = f.clients.filter((c) => (c.visits ?? []).some((v) => v.staffId === who.id && v.date >= from && v.date <= to));
  const edited = theirs[0]!;
  const n = count.get(who.id)!;
  const offline: OfflineWeek = {
    staffId: who.id, staffName: who.name, from, to, clientIds: theirs.map((c) => c.id), officeEdit: { clientId: edited.id, clientName: edited.name, phone: '+371 65100123' },
    laptopTask: {
      lv: `Šis ir ${who.name} klēpjdators, nedēļu bez tīkla: ${n} vizītes (${from} – ${to}) ir tikai šeit. Sinhronizējiet ar ${who.id} žetonu no \`apsis demo serve\` (\`apsis sync --server … --token …\`) un pārbaudiet, ka nekas nav zudis.`,
      en: `This is ${who.name}'s laptop, a week offline: ${n} visits (${from} – ${to}) exist only here. Sync it with the token \`apsis demo serve\` printed for ${who.id} (\`apsis sync --server … --token …\`) and check that nothing was lost.`,
    },
  };
  return {
    kind: 'offline-week',
    offline,
    task: {
      lv: `${who.name} (${who.id}) atgriežas pēc nedēļas bezsaistē: ${n} vizītes pie ${theirs.length} klientiem (${from} – ${to}) ir tikai viņas klēpjdatorā; birojs tikmēr mainīja ${edited.name} tālruni. Palaidiet \`apsis demo serve --user ${who.id}\`, sinhronizējiet klēpjdatoru un tad šo darbvietu (\`apsis sync\`). Meklējiet: viņas vizītes klientu vēsturē, jauno tālruni abās pusēs, nekas nav dubultots.`,
      en: `${who.name} (${who.id}) is back after a week offline: ${n} visits to ${theirs.length} clients (${from} – ${to}) exist only on her laptop; meanwhile the office changed ${edited.name}'s phone. Start \`apsis demo serve --user ${who.id}\`, sync the laptop with the token printed for ${who.id}, then this workspace (\`apsis sync\`). Look for: her visits in the clients' history, the new phone on both sides, nothing doubled.`,
    },
  };
}

/** Plans a scenario from the facts of the current world (deterministic). */
export function planScenario(name: ScenarioName, f: WorldFacts): ScenarioPlan {
  const caregivers = f.staff.filter((s) => s.active && s.roles.includes('caregiver')).sort((a, b) => a.id.localeCompare(b.id));
  switch (name) {
    case 'sick-caregiver': {
      const who = caregivers[0];
      if (!who) return { kind: 'not-possible', reason: 'the world has no caregiver' };
      return {
        kind: 'absence',
        absence: { id: `ab-sick-${f.today}`, staffId: who.id, from: `${f.today}T07:00`, until: `${f.today}T23:59`, reason: 'slimība', substituteId: null },
        task: {
          lv: `${who.name} (${who.id}) saslima 7:00. Pārplānojiet viņas šodienas vizītes: grafika ekrānā vai \`apsis schedule repair --absent ${who.id} --from ${f.today}T07:00\`.`,
          en: `${who.name} (${who.id}) called in sick at 7:00. Repair her visits today: on the schedule board or with \`apsis schedule repair --absent ${who.id} --from ${f.today}T07:00\`.`,
        },
      };
    }
    case 'new-client': {
      const clientId = `c-new-${f.today.replaceAll('-', '')}`;
      return {
        kind: 'new-client',
        clientId,
        profile: {
          givenName: 'Voldemārs', familyName: 'Kļaviņš', personalCode: '', birthDate: '1938-05-14',
          address: 'Rīgas iela 12, Koknese, Aizkraukles novads', location: { lat: 56.6431, lon: 25.4311 }, phone: '+371 65100000',
          careGroupId: caregivers[0]?.careGroupId ?? null, livesAlone: true, status: 'active', preferredStaffIds: [], declinedStaffIds: [],
          createdAt: `${f.today}T08:00:00.000Z`,
        },
        gp: { id: `gp-new-${f.today.replaceAll('-', '')}`, issuedOn: f.today, validUntil: addDays(f.today, 365), severity: 'severe', contraindications: [], gpName: 'Dr. Lāce', note: 'Izrakstīts no Aizkraukles slimnīcas pēc gūžas kaula lūzuma.' },
        task: {
          lv: `Voldemārs Kļaviņš (${clientId}) šodien izrakstīts no slimnīcas pēc gūžas lūzuma. Novērtējiet vajadzības un ieplānojiet pirmo vizīti 24 stundu laikā.`,
          en: `Voldemārs Kļaviņš (${clientId}) was discharged today after a hip fracture. Assess his needs and plan a first visit within 24 hours.`,
        },
      };
    }
    case 'reassessment-due': {
      const withApproved = f.clients.filter((c) => c.approved.length > 0).slice(0, 3);
      if (withApproved.length === 0) return { kind: 'not-possible', reason: 'no client has an approved assessment yet' };
      const due = withApproved.map((c, i) => {
        const latest = [...c.approved].sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''))[0]!;
        return { clientId: c.id, assessmentId: latest.id, reassessDue: addDays(f.today, 1 + i * 2) };
      });
      const names = withApproved.map((c) => c.name).join(', ');
      return { kind: 'reassessments', due, task: { lv: `Šonedēļ jāpārvērtē: ${names}. Atrodiet viņus (\`apsis due --within 7d\`) un pārvērtējiet.`, en: `Due for reassessment this week: ${names}. Find them (\`apsis due --within 7d\`) and reassess.` } };
    }
    case 'gp-alert': {
      const client = f.clients[0];
      const who = caregivers[0];
      if (!client || !who) return { kind: 'not-possible', reason: 'the world has no client or no caregiver' };
      const at = `${f.today}T09:40`;
      const observation: Observation = { id: `ob-alert-${f.today}`, at, staffId: who.id, items: ['pressure_sores', 'fever'], note: 'Izgulējums uz krustu kaula (apm. 2 cm), temperatūra 38,4 °C.' };
      const alert: Alert = { id: `al-alert-${f.today}`, observationId: observation.id, level: 'inform_gp', raisedAt: at, raisedBy: who.id, reason: 'izgulējums; drudzis', status: 'open', handledBy: null, handledAt: null, actionTaken: '' };
      return {
        kind: 'alert',
        clientId: client.id,
        observation,
        alerts: [alert],
        task: { lv: `${who.name} pie klienta ${client.name} konstatēja izgulējumu un drudzi. Informējiet ģimenes ārstu un ierakstiet, kas izdarīts.`, en: `${who.name} found a pressure sore and fever at ${client.name}'s. Inform the GP and record what was done.` },
      };
    }
    case 'offline-week':
      return planOfflineWeek(f, caregivers);
    default: {
      const never: never = name;
      throw new Error(`unknown scenario ${String(never)}`);
    }
  }
}
