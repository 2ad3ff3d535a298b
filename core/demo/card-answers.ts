/**
 * Home-care card answers for a demo client of a given care need, the way an assessor's card reads:
 * a bundle of needs that ask for carer tasks (whose minutes fall inside the level's weekly hours
 * once the real translation turns them into tasks), and answers of supervision or prompting that
 * score points but ask for no task, up to a total inside the level's score range of the rule table.
 */
import type { Instrument, RuleTable } from '../catalogue/schema.js';
import type { CareNeed } from './care-mix.js';
import { shuffle } from './care-mix.js';
import type { Random } from './random.js';

type Bundle = Readonly<Record<string, number>>;

// Answer indexes: 0 independent, 1 supervision, 2 partial help, 3 dependent (as on the card).
// Most bundles lean on daily help and twice-weekly shopping; weekly cleaning, laundry and bathing
// come in the few bundles that need them (shaped when the scheduler put every weekly task on
// Wednesday; the week is balanced now, and the bundles still fit each level's hours).
const IADL: Bundle = { cleaning: 2, shopping: 2 }; // cleaning 60 + shopping 2 × 45 = 2.5 h
const DAILY_CARE: Bundle = { personal_hygiene: 3, dressing: 3, eating: 2, medication: 3, shopping: 3, cleaning: 3, bathing: 2 }; // ≈ 11.4 h

/** Task-driving needs per care need; the comment gives the weekly task hours the translation makes of them. */
const BUNDLES: Record<CareNeed, readonly Bundle[]> = {
  0: [{}],
  1: [
    { medication: 2, eating: 2 }, // medication and a meal reheated, daily: 2.9 h
    { medication: 2, eating: 2 }, // (the commonest bundle, twice)
    { shopping: 2, medication: 2 }, // shopping twice a week, medication daily: 2.7 h
    { shopping: 2, eating: 2 }, // shopping, a meal reheated daily: 3.25 h
    IADL, // 2.5 h
    { shopping: 2, laundry: 2, finances: 2 }, // 2.1 h
  ],
  2: [
    { personal_hygiene: 2, eating: 2, medication: 2 }, // washing, a meal, medication, daily: 5.25 h
    { eating: 2, medication: 2, water: 2 }, // water from the well daily: 4.7 h
    { personal_hygiene: 2, dressing: 2, shopping: 2 }, // 5.6 h
    { ...IADL, laundry: 2, personal_hygiene: 2, bathing: 2 }, // 6.1 h
  ],
  3: [
    DAILY_CARE,
    { ...DAILY_CARE, cleaning: 1, continence: 2, toileting: 2 }, // toileting each visit, bed linen weekly, no cleaning: 12.5 h
    { ...DAILY_CARE, walking_indoors: 2 }, // + mobility exercise 3 × 20: 12.4 h
  ],
  4: [
    // Bedridden: personal care, toileting, positioning and transfers each visit, skin checks, exercise: ≈ 17.9 h.
    { ...DAILY_CARE, toileting: 3, continence: 2, bed_mobility: 3, transfers: 3, laundry: 3, walking_indoors: 2, walking_outdoors: 2, finances: 2 },
    // Dementia: as above, with a daily safety check instead of the escort and the exercise: ≈ 17 h.
    { ...DAILY_CARE, toileting: 3, continence: 2, bed_mobility: 2, transfers: 3, laundry: 3, orientation: 2, memory_decisions: 2, wandering: 1, finances: 2 },
  ],
};

/** The highest answer of an item that asks for no carer task of its own (supervision, prompting …). */
const NO_TASK_MAX: Readonly<Record<string, number>> = {
  eating: 1, personal_hygiene: 1, bathing: 1, dressing: 1, toileting: 1, continence: 1, bed_mobility: 1, transfers: 1,
  walking_indoors: 1, walking_outdoors: 1, falls: 1, orientation: 1, memory_decisions: 1, medication: 1, communication: 3,
  behaviour: 2, mood: 2, social_contacts: 2, cooking: 1, shopping: 1, cleaning: 1, laundry: 1, finances: 1, telephone: 3,
};

/** The card score range of a care need in the rule table (need 0: below level I). */
export function scoreRange(table: RuleTable, instrumentId: string, need: CareNeed): { min: number; max: number } | null {
  const ranges = table.basis.find((b) => b.instrument === instrumentId)?.ranges ?? [];
  const levels = [...table.levels].sort((a, b) => a.rank - b.rank);
  if (need === 0) {
    const first = ranges.find((x) => x.level === levels[0]?.code);
    return first ? { min: 0, max: first.min - 1 } : null;
  }
  const range = ranges.find((x) => x.level === levels[need - 1]?.code);
  return range ? { min: range.min, max: range.max } : null;
}

/**
 * Answers (item → answer code) for a client of `need`, scoring inside `range`. `attempt` picks
 * another bundle when the caller's check of the translated plan asks for a second try.
 */
export function cardAnswersFor(ins: Instrument, range: { min: number; max: number }, need: CareNeed, livesAlone: boolean, r: Random, attempt = 0): Record<string, string> {
  const level: Record<string, number> = {};
  for (const item of ins.items) level[item.id] = 0;
  level.living_situation = livesAlone ? 1 : 0;
  // Environment: stove heating done by the client, a well (both score nothing, ask for no task).
  level.heating = r.chance(0.35) ? 1 : 0;
  if (level.water === 0 && r.chance(0.15)) level.water = 1;
  if (need >= 2 && r.chance(0.08)) level.injections = 1; // the home nurse's (a referral, not a carer task)
  const bundles = BUNDLES[need];
  const bundle = bundles[(r.int(0, bundles.length - 1) + attempt) % bundles.length]!;
  for (const [item, l] of Object.entries(bundle)) level[item] = Math.max(level[item] ?? 0, l);
  const scoreOf = (id: string) => ins.items.find((i) => i.id === id)?.levels[level[id] ?? 0]?.score ?? 0;
  let score = ins.items.reduce((s, i) => s + scoreOf(i.id), 0);
  const free = shuffle(r, Object.keys(NO_TASK_MAX).filter((id) => level[id] !== undefined));
  const headroom = free.reduce((sum, id) => sum + Math.max(0, NO_TASK_MAX[id]! - level[id]!), 0);
  // Scores rise by one per step, so the most the free answers can reach is the headroom above.
  const target = Math.min(r.int(Math.max(range.min, need === 0 ? 2 : range.min), Math.min(range.max, range.min + 8)), score + headroom);
  // Raise one step at a time, round the shuffled items, so the points spread as on a real card.
  for (let raised = true; score < target && raised; ) {
    raised = false;
    for (const id of free) {
      if (score >= target) break;
      if (level[id]! >= NO_TASK_MAX[id]!) continue;
      const before = scoreOf(id);
      level[id]!++;
      score += scoreOf(id) - before;
      raised = true;
    }
  }
  const answers: Record<string, string> = {};
  for (const item of ins.items) answers[item.id] = item.levels[Math.min(item.levels.length - 1, level[item.id] ?? 0)]!.code;
  return answers;
}
