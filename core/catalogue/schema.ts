/**
 * Schemas of the data files in data/ (instruments, municipal rule tables, translation rules, task,
 * service and observation catalogues). One zod schema per file kind; `kind` tells them apart.
 */
import { z } from 'zod';

const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a code: lowercase letters, digits, _ or -');
const version = z.string().min(1).max(32);

/** Every text shown to people comes in Latvian and English. */
export const LabelSchema = z.strictObject({ lv: z.string().min(1).max(500), en: z.string().min(1).max(500) });
export type Label = z.infer<typeof LabelSchema>;

export const LevelSchema = z.strictObject({ code, score: z.number().int().min(-100).max(100), label: LabelSchema });
export type Level = z.infer<typeof LevelSchema>;

export const ItemSchema = z.strictObject({
  id: code,
  section: code,
  label: LabelSchema,
  /** Ordered from the least need (index 0) to the most need; severity = index. */
  levels: z.array(LevelSchema).min(2).max(12),
});
export type Item = z.infer<typeof ItemSchema>;

/** `{item, atLeast}`: the answer is this level or worse. `{item, below}`: better than this level. */
export const ItemConditionSchema = z.strictObject({ item: code, atLeast: code });
export const BelowConditionSchema = z.strictObject({ item: code, below: code });
export const FlagConditionSchema = z.strictObject({ flag: code });
export const LevelConditionSchema = z.strictObject({ minLevelRank: z.number().int().min(1).max(20) });
export const ConditionSchema = z.union([ItemConditionSchema, BelowConditionSchema, FlagConditionSchema, LevelConditionSchema]);
export type Condition = z.infer<typeof ConditionSchema>;

const WhenSchema = z
  .strictObject({ any: z.array(ConditionSchema).min(1).optional(), all: z.array(ConditionSchema).min(1).optional() })
  .refine((w) => w.any !== undefined || w.all !== undefined, 'needs `any` or `all`');
export type When = z.infer<typeof WhenSchema>;

export const FlagRuleSchema = z.strictObject({
  flag: code,
  any: z.array(ItemConditionSchema).min(1).optional(),
  all: z.array(ItemConditionSchema).min(1).optional(),
});
export type FlagRule = z.infer<typeof FlagRuleSchema>;

export const BandSchema = z.strictObject({ id: code, min: z.number(), max: z.number(), label: LabelSchema, flags: z.array(code).default([]) });
export type Band = z.infer<typeof BandSchema>;

export const InstrumentSchema = z.strictObject({
  kind: z.literal('instrument'),
  id: code,
  version,
  /** `need`: a higher total means more need; `ability`: a higher total means more independence. */
  direction: z.enum(['need', 'ability']),
  title: LabelSchema,
  source: z.string().max(1000).default(''),
  sections: z.array(z.strictObject({ id: code, label: LabelSchema })).min(1),
  items: z.array(ItemSchema).min(1),
  bands: z.array(BandSchema).default([]),
  flags: z.array(FlagRuleSchema).default([]),
});
export type Instrument = z.infer<typeof InstrumentSchema>;

export const CareLevelSchema = z.strictObject({
  code: z.string().min(1).max(16),
  rank: z.number().int().min(1).max(20),
  label: LabelSchema,
  hoursPerWeek: z.strictObject({ min: z.number().min(0).max(168), max: z.number().min(0).max(168) }),
  reassessMonths: z.number().int().min(1).max(60),
});
export type CareLevel = z.infer<typeof CareLevelSchema>;

export const RuleTableSchema = z.strictObject({
  kind: z.literal('rule-table'),
  id: code,
  version,
  municipality: LabelSchema,
  /** Id of the translation rule set used with this table. */
  translation: code,
  levels: z.array(CareLevelSchema).min(1),
  noLevelReassessMonths: z.number().int().min(1).max(60),
  basis: z.array(
    z.strictObject({
      instrument: code,
      ranges: z.array(z.strictObject({ level: z.string().min(1).max(16), min: z.number(), max: z.number() })).min(1),
    }),
  ),
  /** Risk bands that replace an instrument's default bands under this table. */
  bands: z.array(z.strictObject({ instrument: code, bands: z.array(BandSchema).min(1) })).default([]),
  /** Translation rules this municipality does not use. */
  disabledRules: z.array(code).default([]),
});
export type RuleTable = z.infer<typeof RuleTableSchema>;

export const TaskRefSchema = z.strictObject({ code, frequency: code.optional() });

export const TranslationRuleSchema = z.strictObject({
  id: code,
  /** Instrument whose items the item conditions name; flag- and level-only rules need none. */
  instrument: code.optional(),
  plan: z.enum(['care', 'rehabilitation', 'positioning']),
  problem: LabelSchema,
  goal: LabelSchema,
  expectedResult: LabelSchema,
  when: WhenSchema,
  tasks: z.array(TaskRefSchema).default([]),
  services: z.array(code).default([]),
});
export type TranslationRule = z.infer<typeof TranslationRuleSchema>;

export const TranslationSchema = z.strictObject({ kind: z.literal('translation'), id: code, version, rules: z.array(TranslationRuleSchema).min(1) });
export type Translation = z.infer<typeof TranslationSchema>;

export const TaskDefSchema = z.strictObject({
  code,
  label: LabelSchema,
  frequency: code,
  timeOfDay: code,
  durationMin: z.number().int().min(0).max(24 * 60),
  qualification: code,
  /** Injections, wound or pressure-sore treatment: done by health care, never by social carers. */
  healthCare: z.boolean().default(false),
  referTo: z.enum(['gp', 'home_nursing']).optional(),
  seasonal: z.strictObject({ fromMonth: z.number().int().min(1).max(12), toMonth: z.number().int().min(1).max(12) }).optional(),
  /** People needed at once (2: e.g. a hoist transfer of a bedridden client). */
  staffCount: z.number().int().min(1).max(2).default(1),
  /** Tasks of the same client that must not overlap this one in time on the same day (symmetric). */
  apart: z.array(code).default([]),
  /** Tasks of the same client done at the same time as this one when both fall on a day (symmetric). */
  together: z.array(code).default([]),
});
export type TaskDef = z.infer<typeof TaskDefSchema>;

export const TasksFileSchema = z.strictObject({
  kind: z.literal('tasks'),
  id: code,
  version,
  frequencies: z.array(z.strictObject({ code, perWeek: z.number().min(0).max(100), label: LabelSchema })).min(1),
  timesOfDay: z.array(z.strictObject({ code, label: LabelSchema })).min(1),
  qualifications: z.array(z.strictObject({ code, label: LabelSchema })).min(1),
  tasks: z.array(TaskDefSchema).min(1),
});
export type TasksFile = z.infer<typeof TasksFileSchema>;

export const ServiceDefSchema = z.strictObject({
  code,
  label: LabelSchema,
  setting: z.enum(['home', 'day_centre', 'social_service', 'community']),
  eligibility: z.strictObject({ requiresGpStatement: z.boolean(), requiresCareLevel: z.boolean(), note: LabelSchema.optional() }),
  /** A day-centre service booked on a room or chair: at which centre, how many at once, and the room's hours (minutes after midnight, inside the centre's). */
  booking: z.strictObject({ resource: code, centre: code, capacity: z.number().int().min(1).max(1000), open: z.strictObject({ start: z.number().int().min(0).max(1440), end: z.number().int().min(0).max(1440) }) }).optional(),
});
export type ServiceDef = z.infer<typeof ServiceDefSchema>;

/** A day centre: the weekdays and hours it is open, and the client's transport to it. */
export const CentreDefSchema = z.strictObject({
  code,
  label: LabelSchema,
  /** Minutes a client needs between home and the centre, each way: no home visit that close to an appointment there. */
  transferMin: z.number().int().min(0).max(240),
  /** Opening hours by weekday (1 = Monday … 7 = Sunday); a weekday in no entry is a closed day. */
  hours: z.array(z.strictObject({ days: z.array(z.number().int().min(1).max(7)).min(1), start: z.number().int().min(0).max(1440), end: z.number().int().min(0).max(1440) })).min(1),
});
export type CentreDef = z.infer<typeof CentreDefSchema>;

export const ServicesFileSchema = z.strictObject({ kind: z.literal('services'), id: code, version, centres: z.array(CentreDefSchema).default([]), services: z.array(ServiceDefSchema).min(1) });
export type ServicesFile = z.infer<typeof ServicesFileSchema>;

export const ALERT_LEVELS = ['inform_gp', 'emergency'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const ObservationsFileSchema = z.strictObject({
  kind: z.literal('observations'),
  id: code,
  version,
  items: z.array(z.strictObject({ code, level: z.enum(ALERT_LEVELS), label: LabelSchema })).min(1),
  actions: z.array(z.strictObject({ level: z.enum(ALERT_LEVELS), label: LabelSchema })).default([]),
});
export type ObservationsFile = z.infer<typeof ObservationsFileSchema>;

export const CatalogueFileSchema = z.discriminatedUnion('kind', [
  InstrumentSchema,
  RuleTableSchema,
  TranslationSchema,
  TasksFileSchema,
  ServicesFileSchema,
  ObservationsFileSchema,
]);
export type CatalogueFile = z.infer<typeof CatalogueFileSchema>;
