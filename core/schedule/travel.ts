/** Travel between locations: the solver sees only this interface, so matrices can come from anywhere. */
export interface TravelMatrix {
  /** Number of locations (indices 0..size-1). */
  readonly size: number;
  /** Travel time from location a to b, in the problem's time unit. */
  time(a: number, b: number): number;
  /** Travel distance from location a to b (what the distance objective sums). */
  distance(a: number, b: number): number;
}

/** A dense matrix; `time` defaults to `distance` (the benchmark convention). */
export function createDenseMatrix(distance: readonly (readonly number[])[], time?: readonly (readonly number[])[]): TravelMatrix {
  const n = distance.length;
  const d = new Float64Array(n * n);
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const dij = distance[i]?.[j];
      if (dij === undefined) throw new Error(`distance matrix row ${i} has fewer than ${n} entries`);
      d[i * n + j] = dij;
      t[i * n + j] = time ? (time[i]?.[j] ?? dij) : dij;
    }
  }
  return {
    size: n,
    time: (a, b) => t[a * n + b] ?? 0,
    distance: (a, b) => d[a * n + b] ?? 0,
  };
}

export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

export interface HaversineOptions {
  /** Road distance / great-circle distance; 1.3 is a common urban value. */
  readonly roadFactor?: number;
  /** Average speed, km/h. */
  readonly speedKmh?: number;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distances in km (haversine × road factor) and times in whole minutes (rounded up) at a constant speed. */
export function createHaversineMatrix(points: readonly GeoPoint[], options: HaversineOptions = {}): TravelMatrix {
  const factor = options.roadFactor ?? 1.3;
  const speed = options.speedKmh ?? 30;
  const n = points.length;
  // Filled straight into flat arrays, each pair once (the distance is symmetric): a week's
  // thousand homes are a million pairs.
  const d = new Float64Array(n * n);
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = points[i]!;
    for (let j = i + 1; j < n; j++) {
      const km = haversineKm(a, points[j]!) * factor;
      const min = Math.ceil((km / speed) * 60);
      d[i * n + j] = km;
      d[j * n + i] = km;
      t[i * n + j] = min;
      t[j * n + i] = min;
    }
  }
  return {
    size: n,
    time: (a, b) => t[a * n + b] ?? 0,
    distance: (a, b) => d[a * n + b] ?? 0,
  };
}
