/**
 * Where everybody of a care group is, as locations of one travel matrix: staff homes first, then
 * the clients' homes, each once. A week's days share it, so the matrix is computed once a week,
 * not once a day (and a client visited three times a day is one location, not three).
 */
import type { Staff as StaffRecord } from '../../doc/schema.js';
import { createHaversineMatrix } from '../travel.js';
import type { GeoPoint, TravelMatrix } from '../travel.js';
import type { ClientForWeek } from './visit-requests.js';

/** Road distance / great-circle distance and the average speed of home-care travel by car. */
export const HOME_CARE_TRAVEL = { roadFactor: 1.3, speedKmh: 35 } as const;

/** Locations of staff and clients in one matrix. */
export interface Places {
  readonly travel: TravelMatrix;
  /** Staff id → location (the home; the clients' centre for someone without one). */
  readonly staff: ReadonlyMap<string, number>;
  /** Client id → location of the home. */
  readonly clients: ReadonlyMap<string, number>;
}

function centre(points: readonly GeoPoint[]): GeoPoint {
  if (points.length === 0) return { lat: 56.6, lon: 25.25 };
  return { lat: points.reduce((s, p) => s + p.lat, 0) / points.length, lon: points.reduce((s, p) => s + p.lon, 0) / points.length };
}

/** The places of `staff` and of the clients named in `clientIds` (those with a home location). */
export function placesOf(staff: readonly StaffRecord[], clientIds: Iterable<string>, clients: ReadonlyMap<string, ClientForWeek>, travel: { readonly roadFactor: number; readonly speedKmh: number } = HOME_CARE_TRAVEL): Places {
  const clientIndex = new Map<string, number>();
  const clientPoints: GeoPoint[] = [];
  for (const id of clientIds) {
    const at = clients.get(id)?.location;
    if (!at || clientIndex.has(id)) continue;
    clientIndex.set(id, staff.length + clientPoints.length);
    clientPoints.push(at);
  }
  const middle = centre(clientPoints);
  const points: GeoPoint[] = [...staff.map((s) => s.home ?? middle), ...clientPoints];
  return { travel: createHaversineMatrix(points, travel), staff: new Map(staff.map((s, i) => [s.id, i])), clients: clientIndex };
}
