/**
 * `apsis solve vrptw|hhc FILE --json` (the built binary): the JSON shapes the issue names, so that
 * results compare with published ones — Solomon routes of customer numbers with the truncated
 * distance recomputed here from the coordinates; Mankowska routes per caregiver with patient,
 * service and times — and bad input named with its file or flag.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apsis } from '../helpers/cli.js';
import { MANKOWSKA_FIXTURE, SOLOMON_FIXTURE } from './fixtures.js';

let base = '';
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'apsis-solve-'));
  await writeFile(join(base, 'c101-5.txt'), SOLOMON_FIXTURE);
  await writeFile(join(base, 'tiny.txt'), MANKOWSKA_FIXTURE);
  await writeFile(join(base, 'garbled.txt'), 'not an instance\n');
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const ws = () => join(base, 'ws');

describe('apsis solve vrptw', () => {
  it('prints { routes: [[customer numbers]], distance, vehicles }, every customer once, distance by the 1-decimal truncation', () => {
    const r = apsis(ws(), ['solve', 'vrptw', join(base, 'c101-5.txt'), '--seconds', '0.5', '--seed', '3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { routes: number[][]; distance: number; vehicles: number };
    expect(Object.keys(out).sort()).toEqual(['distance', 'routes', 'vehicles']);
    expect(out.routes.flat().sort()).toEqual([1, 2, 3, 4, 5]);
    expect(out.vehicles).toBe(out.routes.length);
    expect(out.vehicles).toBeLessThanOrEqual(3);
    // Coordinates of the fixture (customer 0 is the depot); each arc truncated to one decimal.
    const xy = [[40, 50], [45, 68], [45, 70], [42, 66], [42, 68], [42, 65]] as const;
    const arc = (a: number, b: number) => Math.floor(10 * Math.hypot(xy[a]![0] - xy[b]![0], xy[a]![1] - xy[b]![1])) / 10;
    let distance = 0;
    for (const route of out.routes) {
      const stops = [0, ...route, 0];
      for (let i = 0; i + 1 < stops.length; i++) distance += arc(stops[i]!, stops[i + 1]!);
    }
    expect(out.distance).toBeCloseTo(distance, 6);
  }, 60_000);
});

describe('apsis solve hhc', () => {
  it('prints the 2024 solutions\' shape: caregiver_id, locations of patient, service, arrival and departure, and the cost', () => {
    const r = apsis(ws(), ['solve', 'hhc', join(base, 'tiny.txt'), '--seconds', '0.5', '--seed', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { routes: { caregiver_id: string; locations: { patient: string; service: string; arrival_time: number; departure_time: number }[] }[]; cost: number };
    expect(Object.keys(out).sort()).toEqual(['cost', 'routes']);
    expect(typeof out.cost).toBe('number');
    for (const route of out.routes) {
      expect(route.caregiver_id).toMatch(/^c[12]$/);
      for (const l of route.locations) {
        expect(Object.keys(l).sort()).toEqual(['arrival_time', 'departure_time', 'patient', 'service']);
        expect(l.departure_time).toBeGreaterThanOrEqual(l.arrival_time);
      }
    }
    // Patients and services numbered from 1 in file order: p1 needs s1, p2 s2, p3 both at once (two caregivers).
    const done = out.routes.flatMap((route) => route.locations.map((l) => `${l.patient}/${l.service}`)).sort();
    expect(done).toEqual(['p1/s1', 'p2/s2', 'p3/s1', 'p3/s2']);
    const p3 = out.routes.flatMap((route) => route.locations.filter((l) => l.patient === 'p3').map((l) => ({ who: route.caregiver_id, at: l.arrival_time })));
    expect(new Set(p3.map((x) => x.who)).size).toBe(2);
  }, 60_000);
});

describe('apsis solve, bad input', () => {
  it('names the flag, the unreadable file or the file that is not an instance', () => {
    const flag = apsis(ws(), ['solve', 'vrptw', join(base, 'c101-5.txt'), '--seconds', '0']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--seconds must be a positive number/);
    const missing = apsis(ws(), ['solve', 'hhc', join(base, 'absent.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`cannot read ${join(base, 'absent.txt')}`);
    for (const kind of ['vrptw', 'hhc']) {
      const garbled = apsis(ws(), ['solve', kind, join(base, 'garbled.txt')]);
      expect(garbled.code, kind).toBe(1);
      expect(garbled.stderr, kind).toContain(`${join(base, 'garbled.txt')}: `);
    }
  }, 60_000);
});
