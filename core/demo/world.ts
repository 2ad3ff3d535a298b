/**
 * A demo municipality as plain data, from a seed: the same seed and size give the same world
 * (ids and content). Pure: `today` is passed in. Writing it into a workspace is the shell's job.
 */
import type { Absence, CareGroup, ClientProfile, GpStatement, OrgSettings, Staff } from '../doc/schema.js';
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES } from './names.js';
import { HOMESTEADS, MUNICIPALITY } from './places.js';
import type { Place } from './places.js';
import { createRandom } from './random.js';
import type { Random } from './random.js';
import type { CareNeed, Contract } from './care-mix.js';
import { apportion, careNeeds, fullTimeContract, groupAreas, helperContract, helperDays, isHelper, NEED_MIX } from './care-mix.js';

export const DEMO_SIZES = {
  small: { clients: 30, staff: 6, groups: 1 },
  medium: { clients: 300, staff: 40, groups: 5 },
  large: { clients: 3000, staff: 250, groups: 20 },
} as const;
export type DemoSize = keyof typeof DEMO_SIZES;

export interface DemoClient {
  readonly id: string;
  /** The care need the assessment card is drawn for (0 = below level I); not stored in the workspace. */
  readonly careNeed: CareNeed;
  readonly profile: ClientProfile;
  readonly gpStatements: GpStatement[];
}

export interface DemoWorld {
  readonly seed: number;
  readonly size: DemoSize;
  readonly namespace: string;
  readonly settings: OrgSettings;
  readonly careGroups: CareGroup[];
  readonly staff: Staff[];
  readonly absences: Absence[];
  readonly clients: DemoClient[];
}

/** Adds days to an ISO date (UTC, no clock involved). */
export function addDays(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function weightedPlace(r: Random, places: readonly Place[]): Place {
  const total = places.reduce((s, p) => s + p.weight, 0);
  let x = r.next() * total;
  for (const p of places) {
    x -= p.weight;
    if (x < 0) return p;
  }
  return places[0]!;
}

function personName(r: Random, female: boolean): { given: string; family: string } {
  const [masc, fem] = r.pick(FAMILY_NAMES);
  return { given: r.pick(female ? FEMALE_NAMES : MALE_NAMES), family: female ? fem : masc };
}

function address(r: Random, place: Place): string {
  if (place.streets.length === 0 || r.chance(0.15)) return `"${r.pick(HOMESTEADS)}", ${place.name}, ${MUNICIPALITY}`;
  return `${r.pick(place.streets)} ${r.int(1, 48)}${r.chance(0.3) ? `-${r.int(1, 60)}` : ''}, ${place.name}, ${MUNICIPALITY}`;
}

function groupId(k: number): string {
  return `g-${pad(k + 1, 2)}`;
}

/** Generates the world. Each care group covers its own places (see care-mix.ts), so routes stay local. */
export function generateWorld(size: DemoSize, seed: number, today: string): DemoWorld {
  const r = createRandom(seed * 7919 + size.length);
  const dims = DEMO_SIZES[size];
  const areas = groupAreas(dims.groups);
  const careGroups: CareGroup[] = areas.map((area, i) => ({
    id: groupId(i),
    name: dims.groups === 1 ? 'Aizkraukles aprūpes grupa' : `Aprūpes grupa ${i + 1} — ${area[0]!.name}`,
    area: area.map((p) => p.name).join(', '),
  }));

  const staff: Staff[] = [];
  // One manager; a coordinator per ~25 staff; social workers only in larger worlds; the rest give care.
  const roleOf = (i: number): Staff['roles'][number] => (i === 0 ? 'manager' : i % 25 === 1 ? 'coordinator' : dims.staff > 10 && i % 25 === 13 ? 'social_worker' : 'caregiver');
  // A lone care group's coordinator also gives care, as its home helper (there are too few for one of its own).
  const coordinatorCares = dims.groups === 1;
  const allCaregivers = Array.from({ length: dims.staff }, (_, i) => roleOf(i)).filter((x) => x === 'caregiver').length;
  // A lone group's caring coordinators are home helpers after its caregivers' own.
  const caringCoordinators = coordinatorCares ? Array.from({ length: dims.staff }, (_, i) => roleOf(i)).filter((x) => x === 'coordinator').length : 0;
  let coordinatorCount = 0;
  let caregiverCount = 0;
  let officeCount = 0;
  for (let i = 0; i < dims.staff; i++) {
    const female = r.chance(0.85);
    const { given, family } = personName(r, female);
    const role = roleOf(i);
    const cares = role === 'caregiver' || (role === 'coordinator' && coordinatorCares);
    const quals = role === 'caregiver' ? ['caregiver', ...(r.chance(0.4) ? ['social_carer'] : []), ...(r.chance(0.15) ? ['rehabilitator'] : [])] : cares ? ['social_worker', 'caregiver', 'social_carer'] : ['social_worker'];
    // Caregivers are dealt round the groups on their own, so every group has its share of them.
    const group = role === 'caregiver' ? caregiverCount++ % dims.groups : officeCount++ % dims.groups;
    const place = areas[group]![0]!;
    let contract: Contract = { hours: 40, shift: { start: 8 * 60, end: 16 * 60 + 30 }, workDays: [1, 2, 3, 4, 5] };
    // The group's caregivers: n in all, the first `helpers(m)` of the first m are home helpers.
    const n = Math.floor(allCaregivers / dims.groups) + (group < allCaregivers % dims.groups ? 1 : 0);
    const helpers = (m: number) => Array.from({ length: m }, (_, x) => x).filter((x) => isHelper(x, n)).length;
    const allHelpers = helpers(n) + caringCoordinators;
    if (role === 'caregiver') {
      const k = Math.floor((caregiverCount - 1) / dims.groups);
      contract = isHelper(k, n) ? helperContract(helperDays(helpers(k), n - helpers(n), allHelpers)) : fullTimeContract(r, k - helpers(k), n - helpers(n), allHelpers);
    } else if (cares) contract = helperContract(helperDays(helpers(n) + coordinatorCount++, n - helpers(n), allHelpers));
    staff.push({
      id: `s-${pad(i + 1, 4)}`,
      name: `${given} ${family}`,
      roles: cares && role !== 'caregiver' ? [role, 'caregiver'] : [role],
      qualifications: quals,
      careGroupId: groupId(group),
      contractHoursPerWeek: contract.hours,
      home: { lat: place.lat + (r.next() - 0.5) * place.spread, lon: place.lon + (r.next() - 0.5) * place.spread },
      phone: `+371 2${pad(r.int(0, 9_999_999), 7)}`,
      active: true,
      shift: { ...contract.shift },
      workDays: [...contract.workDays],
    });
  }
  const caregivers = staff.filter((s) => s.roles.includes('caregiver'));
  const absences: Absence[] = [];
  for (let i = 0; i < Math.max(1, Math.floor(caregivers.length / 12)); i++) {
    const who = r.pick(caregivers);
    // A team of a few cannot lose one of them this week as well (the sick-caregiver scenario does that):
    // its absence is a later one, booked ahead; bigger groups have some this week.
    const from = addDays(today, caregivers.length < 12 ? r.int(8, 20) : r.int(-3, 10));
    absences.push({ id: `ab-${pad(i + 1, 3)}`, staffId: who.id, from: `${from}T00:00`, until: `${addDays(from, r.int(1, 5))}T23:59`, reason: r.pick(['slimība', 'atvaļinājums', 'mācības']), substituteId: null });
  }

  // Clients per group in proportion to its caregivers' contracted hours; each group has the size's care mix.
  const capacity = careGroups.map((g) => caregivers.filter((s) => s.careGroupId === g.id).reduce((sum, s) => sum + s.contractHoursPerWeek, 0));
  const perGroup = apportion(dims.clients, capacity);
  const needs = perGroup.map((n) => careNeeds(r, n, NEED_MIX[size]));
  const carersOf = careGroups.map((g) => caregivers.filter((s) => s.careGroupId === g.id).map((s) => s.id));
  const clients: DemoClient[] = [];
  for (let group = 0, i = 0; group < careGroups.length; group++) {
    for (const careNeed of needs[group]!) {
      clients.push(client(r, i, careNeed, weightedPlace(r, areas[group]!), groupId(group), carersOf[group]!, today));
      i++;
    }
  }
  return {
    seed,
    size,
    namespace: `demo-aizkraukle-${size}`,
    // The demo municipality uses the catalogue's Riga rule table (care levels I–IV).
    settings: { orgName: 'Aizkraukles novada Sociālais dienests (DEMO)', municipality: MUNICIPALITY, ruleTableId: 'riga', language: 'lv', demo: true },
    careGroups,
    staff,
    absences,
    clients,
  };
}

/** The GP's view of a client follows the care need (a severe disability for the frailest). */
const SEVERITY = [['moderate'], ['moderate', 'severe'], ['moderate', 'severe'], ['severe'], ['severe', 'very_severe']] as const;

/** The `i`-th client of the world, living in `place`. */
function client(r: Random, i: number, careNeed: CareNeed, place: Place, careGroupId: string, carers: readonly string[], today: string): DemoClient {
  const female = r.chance(0.68);
  const { given, family } = personName(r, female);
  const age = r.int(65, 97);
  const birth = `${Number(today.slice(0, 4)) - age}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`;
  const id = `c-${pad(i + 1, 5)}`;
  const issued = addDays(today, -r.int(10, 330));
  const expired = i % 13 === 7;
  const gp: GpStatement = {
    id: `gp-${pad(i + 1, 5)}`,
    issuedOn: expired ? addDays(today, -r.int(400, 500)) : issued,
    validUntil: expired ? addDays(today, -r.int(5, 30)) : addDays(issued, 365),
    severity: r.pick(SEVERITY[careNeed]),
    contraindications: i === 11 ? ['active_tuberculosis'] : [],
    gpName: `Dr. ${personName(r, r.chance(0.7)).family}`,
    note: '',
  };
  // A few clients ask for one caregiver, or will not have one in the house (a training case).
  const preferred = carers.length > 2 && r.chance(0.1) ? [r.pick(carers)] : [];
  const others = carers.filter((s) => !preferred.includes(s));
  const declined = others.length > 2 && r.chance(0.05) ? [r.pick(others)] : [];
  return {
    id,
    careNeed,
    profile: {
      givenName: given,
      familyName: family,
      personalCode: `${birth.slice(8, 10)}${birth.slice(5, 7)}${birth.slice(2, 4)}-${pad(r.int(10000, 19999), 5)}`,
      birthDate: birth,
      address: address(r, place),
      location: { lat: round6(place.lat + (r.next() - 0.5) * place.spread), lon: round6(place.lon + (r.next() - 0.5) * place.spread * 1.8) },
      phone: r.chance(0.8) ? `+371 6${pad(r.int(0, 9_999_999), 7)}` : '',
      careGroupId,
      livesAlone: r.chance(0.55),
      status: 'active',
      preferredStaffIds: preferred,
      declinedStaffIds: declined,
      createdAt: `${addDays(today, -r.int(30, 900))}T09:00:00.000Z`,
    },
    gpStatements: [gp],
  };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
