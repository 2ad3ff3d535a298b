/** Scheduling rules in the task catalogue: validated at the boundary, symmetric in use. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../cli/catalogue/load.js';
import { parseCatalogue } from '../../core/catalogue/parse.js';
import { taskRules } from '../../core/schedule/week/task-rules.js';

const FILE = 'data/catalogue/tasks.json';
const tasksJson = () => JSON.parse(readFileSync(join(findPackageRoot(import.meta.url), FILE), 'utf8')) as { tasks: Record<string, unknown>[] };

describe('task scheduling rules', () => {
  it('the shipped catalogue has a two-person task and the seed-004 rules', () => {
    const r = parseCatalogue(tasksJson(), FILE);
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== 'tasks') return;
    const rules = taskRules(r.value.tasks);
    expect(rules.staffCount(['personal_hygiene', 'two_person_transfer'])).toBe(2);
    expect(rules.staffCount(['personal_hygiene'])).toBe(1);
    expect(rules.link(['bathing', 'dressing'], ['pressure_sore_care'])).toBe('apart');
    expect(rules.link(['pressure_sore_care'], ['bathing'])).toBe('apart');
    expect(rules.link(['bed_linen_change'], ['pressure_sore_care'])).toBe('together');
    expect(rules.link(['bathing', 'bed_linen_change'], ['pressure_sore_care'])).toBe('together');
    expect(rules.link(['cleaning'], ['pressure_sore_care'])).toBeNull();
    expect(rules.partners('bed_linen_change')).toEqual(['pressure_sore_care']);
  });

  it('rejects unknown or self references, a task both apart and together, and more than two people, naming file and path', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ apart: ['no_such_task'] }, 'tasks[0].apart', 'no_such_task'],
      [{ together: ['personal_hygiene'] }, 'tasks[0].together', 'itself'],
      [{ apart: ['bathing'], together: ['bathing'] }, 'tasks[0].together', 'both apart'],
      [{ staffCount: 3 }, 'tasks[0].staffCount', ''],
    ];
    for (const [patch, path, words] of cases) {
      const json = tasksJson();
      json.tasks[0] = { ...json.tasks[0], ...patch };
      const r = parseCatalogue(json, FILE);
      expect(r.ok, JSON.stringify(patch)).toBe(false);
      if (r.ok) continue;
      const hit = r.issues.find((i) => i.path === path);
      expect(hit, `${JSON.stringify(patch)}: ${JSON.stringify(r.issues)}`).toBeDefined();
      expect(hit!.file).toBe(FILE);
      expect(hit!.message).toContain(words);
    }
  });
});
