/**
 * A demo municipality as plain data, from a seed: the same seed and size give the same world
 * (ids and content). Pure: `today` is passed in. Writing it into a workspace is the shell's job.
 */
import type { Absence, CareGroup, ClientProfile, GpStatement, OrgSettings, Staff } from '../doc/schema.js';
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES } from './names.js';
import { HOMESTEADS, MUNICIPALITY, PLACES } from './places.js';
import type { Place } from './places.js';
import { createRandom } from './random.js';
import type { Random } from './random.js';

export const DEMO_SIZES = {
  small: { clients: 30, staff: 6, groups: 1 },
  medium: { clients: 300, staff: 40, groups: 5 },
  large: { clients: 3000, staff: 250, groups: 20 },
} as const;
export type DemoSize = keyof typeof DEMO_SIZES;

export interface DemoClient {
  readonly id: string;
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

function weightedPlace(r: Random): Place {
  const total = PLACES.reduce((s, p) => s + p.weight, 0);
  let x = r.next() * total;
  for (const p of PLACES) {
    x -= p.weight;
    if (x < 0) return p;
  }
  return PLACES[0]!;
}

function personName(r: Random, female: boolean): { given: string; family: string } {
  const [masc, fem] = r.pick(FAMILY_NAMES);
  return { given: r.pick(female ? FEMALE_NAMES : MALE_NAMES), family: female ? fem : masc };
}

function address(r: Random, place: Place): string {
  if (place.streets.length === 0 || r.chance(0.15)) return `"${r.pick(HOMESTEADS)}", ${place.name}, ${MUNICIPALITY}`;
  return `${r.pick(place.streets)} ${r.int(1, 48)}${r.chance(0.3) ? `-${r.int(1, 60)}` : ''}, ${place.name}, ${MUNICIPALITY}`;
}

function groupOf(index: number, groups: number): string {
  return `g-${pad((index % groups) + 1, 2)}`;
}

/** Generates the world. Group k covers a share of the places so routes stay local. */
export function generateWorld(size: DemoSize, seed: number, today: string): DemoWorld {
  const r = createRandom(seed * 7919 + size.length);
  const dims = DEMO_SIZES[size];
  const careGroups: CareGroup[] = Array.from({ length: dims.groups }, (_, i) => ({
    id: `g-${pad(i + 1, 2)}`,
    name: dims.groups === 1 ? 'Aizkraukles aprūpes grupa' : `Aprūpes grupa ${i + 1} — ${PLACES[i % PLACES.length]!.name}`,
    area: PLACES[i % PLACES.length]!.name,
  }));

  const staff: Staff[] = [];
  for (let i = 0; i < dims.staff; i++) {
    const female = r.chance(0.85);
    const { given, family } = personName(r, female);
    // One manager; a coordinator per ~12 staff; social workers only in larger worlds; the rest give care.
    const role: Staff['roles'][number] = i === 0 ? 'manager' : i % 12 === 1 ? 'coordinator' : dims.staff > 10 && i % 11 === 5 ? 'social_worker' : 'caregiver';
    const quals = role === 'caregiver' ? ['caregiver', ...(r.chance(0.4) ? ['social_carer'] : []), ...(r.chance(0.15) ? ['rehabilitator'] : [])] : ['social_worker'];
    const place = PLACES[i % PLACES.length]!;
    const early = r.chance(0.5);
    staff.push({
      id: `s-${pad(i + 1, 4)}`,
      name: `${given} ${family}`,
      roles: [role],
      qualifications: quals,
      careGroupId: groupOf(i, dims.groups),
      contractHoursPerWeek: r.pick([20, 30, 40, 40, 40]),
      home: { lat: place.lat + (r.next() - 0.5) * place.spread, lon: place.lon + (r.next() - 0.5) * place.spread },
      phone: `+371 2${pad(r.int(0, 9_999_999), 7)}`,
      active: true,
      shift: early ? { start: 7 * 60, end: 15 * 60 + 30 } : { start: 8 * 60, end: 16 * 60 + 30 },
      // A third of the caregivers cover the weekend (Wednesday to Sunday).
      workDays: role === 'caregiver' && i % 3 === 0 ? [3, 4, 5, 6, 7] : [1, 2, 3, 4, 5],
    });
  }
  const caregivers = staff.filter((s) => s.roles.includes('caregiver'));
  const absences: Absence[] = [];
  for (let i = 0; i < Math.max(1, Math.floor(caregivers.length / 12)); i++) {
    const who = r.pick(caregivers);
    const from = addDays(today, r.int(-3, 10));
    absences.push({ id: `ab-${pad(i + 1, 3)}`, staffId: who.id, from: `${from}T00:00`, until: `${addDays(from, r.int(1, 5))}T23:59`, reason: r.pick(['slimība', 'atvaļinājums', 'mācības']), substituteId: null });
  }

  const clients: DemoClient[] = [];
  for (let i = 0; i < dims.clients; i++) {
    const female = r.chance(0.68);
    const { given, family } = personName(r, female);
    const place = weightedPlace(r);
    const age = r.int(65, 97);
    const birth = `${Number(today.slice(0, 4)) - age}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`;
    const id = `c-${pad(i + 1, 5)}`;
    const issued = addDays(today, -r.int(10, 330));
    const expired = i % 13 === 7;
    const gp: GpStatement = {
      id: `gp-${pad(i + 1, 5)}`,
      issuedOn: expired ? addDays(today, -r.int(400, 500)) : issued,
      validUntil: expired ? addDays(today, -r.int(5, 30)) : addDays(issued, 365),
      severity: r.pick(['moderate', 'severe', 'severe', 'very_severe'] as const),
      contraindications: i === 11 ? ['active_tuberculosis'] : [],
      gpName: `Dr. ${personName(r, r.chance(0.7)).family}`,
      note: '',
    };
    clients.push({
      id,
      profile: {
        givenName: given,
        familyName: family,
        personalCode: `${birth.slice(8, 10)}${birth.slice(5, 7)}${birth.slice(2, 4)}-${pad(r.int(10000, 19999), 5)}`,
        birthDate: birth,
        address: address(r, place),
        location: { lat: round6(place.lat + (r.next() - 0.5) * place.spread), lon: round6(place.lon + (r.next() - 0.5) * place.spread * 1.8) },
        phone: r.chance(0.8) ? `+371 6${pad(r.int(0, 9_999_999), 7)}` : '',
        careGroupId: groupOf(i, dims.groups),
        livesAlone: r.chance(0.55),
        status: 'active',
        preferredStaffIds: [],
        declinedStaffIds: [],
        createdAt: `${addDays(today, -r.int(30, 900))}T09:00:00.000Z`,
      },
      gpStatements: [gp],
    });
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

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
