/**
 * A generated home-care week of a medium municipality (around Aizkraukle) for the scheduler
 * benchmark: clients with plan tasks from the task catalogue (frequencies, times of day, durations,
 * qualifications), 60 caregivers with shifts and a weekend rota. The plan tasks go through the same
 * `buildVisitRequests` → `planWeek` path as `apsis schedule build`.
 *
 * The mix follows Latvian municipal home care: most of it is household help on working days
 * (shopping, cleaning, laundry, firewood, water), a smaller part daily personal care and meals,
 * a few bedridden clients twice a day (some with a two-person hoist transfer). So weekends are
 * lighter: only the daily tasks happen then (each caregiver works one weekend day).
 */
import type { Staff } from '../core/doc/schema.js';
import { PLACES } from '../core/demo/places.js';
import { createRandom } from '../core/demo/random.js';
import type { ClientForWeek, TaskForWeek } from '../core/schedule/week/visit-requests.js';

/** A catalogue task as a care package names it; frequency and time of day may differ from the catalogue's default. */
interface PackageTask {
  readonly code: string;
  readonly frequency?: string;
  readonly timeOfDay?: string;
}

/** Care packages and their share of the clients. */
const PACKAGES: readonly { readonly share: number; readonly tasks: readonly PackageTask[] }[] = [
  // A hot meal at midday every day (or on working days: family at weekends), a safety check on working-day evenings.
  { share: 0.2, tasks: [{ code: 'reheat_meal' }, { code: 'safety_check', frequency: '5x weekly', timeOfDay: 'evening' }] },
  { share: 0.15, tasks: [{ code: 'reheat_meal', frequency: '5x weekly' }, { code: 'safety_check', frequency: '5x weekly', timeOfDay: 'evening' }] },
  // Morning personal care every day, a bath once a week.
  { share: 0.15, tasks: [{ code: 'personal_hygiene' }, { code: 'dressing' }, { code: 'bathing' }] },
  // Household help on working days: water and shopping, or firewood and the laundry.
  { share: 0.15, tasks: [{ code: 'water_carrying', frequency: '5x weekly', timeOfDay: 'any' }, { code: 'shopping_delivery', frequency: '2x_week' }] },
  { share: 0.15, tasks: [{ code: 'fuel_stove_heating', frequency: '4x weekly', timeOfDay: 'any' }, { code: 'laundry' }] },
  // Bedridden: twice a day, positioning and skin checks on every visit; some need two people with a hoist.
  { share: 0.05, tasks: [{ code: 'personal_hygiene', frequency: '2x_daily' }, { code: 'medication_supervision' }, { code: 'positioning' }, { code: 'skin_check' }] },
  { share: 0.02, tasks: [{ code: 'personal_hygiene', frequency: '2x_daily' }, { code: 'two_person_transfer' }, { code: 'skin_check' }] },
  // A social carer's help with papers twice a week, exercises three times.
  { share: 0.13, tasks: [{ code: 'paying_bills', frequency: '2x_week' }, { code: 'mobility_exercise' }] },
];

/** What the generator needs of the task catalogue. */
export type CatalogueTask = (code: string) => { readonly frequency: string; readonly timeOfDay: string; readonly durationMin: number; readonly qualification: string } | undefined;

/** The generated clients (with their plan tasks) and staff of the care group `g1`. */
export interface GeneratedWeek {
  readonly clients: ClientForWeek[];
  readonly tasks: TaskForWeek[];
  readonly staff: Staff[];
}

/**
 * `clientCount` clients and `staffCount` caregivers; seeded. A third of the clients have a preferred
 * caregiver, every second one the carers of the last weeks (continuity), one in 25 declined someone.
 */
export function generateWeek(options: { clientCount: number; staffCount: number; seed: number; task: CatalogueTask }): GeneratedWeek {
  const r = createRandom(options.seed);
  const staff: Staff[] = Array.from({ length: options.staffCount }, (_, i) => {
    const place = PLACES[i % PLACES.length]!;
    // Rota: everyone works Monday to Friday and one weekend day, half of them Saturday, half Sunday.
    const weekend = [(Math.floor(i / 6) + i) % 2 === 0 ? 6 : 7];
    return {
      id: `s-${i}`,
      name: `Staff ${i}`,
      roles: ['caregiver'],
      qualifications: i % 4 === 0 ? ['caregiver', 'social_carer'] : ['caregiver'],
      careGroupId: 'g1',
      // Six working days of 8 hours (the lunch break not counted): later work is overtime.
      contractHoursPerWeek: 48,
      home: { lat: place.lat + (r.next() - 0.5) * place.spread, lon: place.lon + (r.next() - 0.5) * place.spread },
      phone: '',
      active: true,
      // Early and late shifts, both long enough for a lunch break.
      shift: i % 3 === 0 ? { start: 9 * 60, end: 19 * 60 } : { start: 7 * 60, end: 17 * 60 },
      workDays: [1, 2, 3, 4, 5, ...weekend],
    };
  });
  const clients: ClientForWeek[] = [];
  const tasks: TaskForWeek[] = [];
  for (let i = 0; i < options.clientCount; i++) {
    const place = PLACES[i % PLACES.length]!;
    const id = `c-${i}`;
    const near = staff.filter((s) => s.home && Math.abs(s.home.lat - place.lat) < 0.05 && Math.abs(s.home.lon - place.lon) < 0.05).map((s) => s.id);
    const preferred = r.chance(1 / 3) && near.length > 0 ? [r.pick(near)] : [];
    const recent = r.chance(0.5) && near.length > 0 ? [r.pick(near), r.pick(near)] : [];
    const declined = r.chance(0.04) ? [r.pick(staff).id].filter((s) => !preferred.includes(s) && !recent.includes(s)) : [];
    clients.push({ id, location: { lat: place.lat + (r.next() - 0.5) * place.spread * 2, lon: place.lon + (r.next() - 0.5) * place.spread * 3 }, careGroupId: 'g1', declinedStaffIds: declined, preferredStaffIds: preferred, recentStaffIds: [...new Set(recent)] });
    let u = r.next();
    const pack = PACKAGES.find((p) => (u -= p.share) < 0) ?? PACKAGES[0]!;
    for (const t of pack.tasks) {
      const def = options.task(t.code);
      if (!def) throw new Error(`task ${t.code} is not in the task catalogue (data/catalogue/tasks.json)`);
      tasks.push({ clientId: id, taskCode: t.code, frequency: t.frequency ?? def.frequency, timeOfDay: t.timeOfDay ?? def.timeOfDay, durationMin: def.durationMin, qualification: def.qualification });
    }
  }
  return { clients, tasks, staff };
}
