/**
 * The shape of every record kept in the Yjs documents, as zod schemas (one source for types and
 * validation). Each collection is a top-level `Y.Map` keyed by record id whose values are nested
 * `Y.Map`s (one key per field), so concurrent edits of different fields of one record both survive.
 * Plain-object fields (e.g. assessment answers) are nested `Y.Map`s too; arrays are whole values.
 */
import { z } from 'zod';

/** Version of the document layout; bump it and add a step in migrations.ts when the layout changes. */
export const SCHEMA_VERSION = 1;

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected an id: lowercase letters, digits, - or _');
/** A day that exists (no 30 February, no month 13), as YYYY-MM-DD. */
const isoDate = z.iso.date({ error: 'expected a date YYYY-MM-DD' });

/** Whether `s` is a date as documents store them: YYYY-MM-DD, a day that exists. */
export function isIsoDate(s: string): boolean {
  return isoDate.safeParse(s).success;
}

const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/, 'expected a date-time YYYY-MM-DDTHH:MM');
const text = z.string().max(10_000);

export const GeoPointSchema = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
export type GeoPoint = z.infer<typeof GeoPointSchema>;

export const ROLES = ['coordinator', 'social_worker', 'manager', 'caregiver', 'volunteer', 'trainer', 'auditor'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

// ---------------------------------------------------------------- organisation document

export const StaffSchema = z.object({
  id,
  name: z.string().min(1).max(200),
  roles: z.array(RoleSchema).min(1),
  /** Qualification codes, e.g. `caregiver`, `social_carer`, `nurse`, `rehabilitator`, `driver`. */
  qualifications: z.array(z.string().min(1).max(64)).default([]),
  careGroupId: id.nullable().default(null),
  contractHoursPerWeek: z.number().min(0).max(80).default(40),
  home: GeoPointSchema.nullable().default(null),
  phone: z.string().max(40).default(''),
  active: z.boolean().default(true),
  /** Working time on a work day, minutes after midnight (lunch break inside it). */
  shift: z.object({ start: z.number().int().min(0).max(1440), end: z.number().int().min(0).max(1440) }).default({ start: 8 * 60, end: 16 * 60 + 30 }),
  /** ISO weekdays worked, 1 = Monday … 7 = Sunday. */
  workDays: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
});
export type Staff = z.infer<typeof StaffSchema>;

export const CareGroupSchema = z.object({
  id,
  name: z.string().min(1).max(200),
  area: z.string().max(200).default(''),
});
export type CareGroup = z.infer<typeof CareGroupSchema>;

export const AbsenceSchema = z.object({
  id,
  staffId: id,
  from: isoDateTime,
  until: isoDateTime,
  reason: z.string().max(200).default(''),
  substituteId: id.nullable().default(null),
});
export type Absence = z.infer<typeof AbsenceSchema>;

export const OrgSettingsSchema = z.object({
  orgName: z.string().max(200).default(''),
  municipality: z.string().max(200).default(''),
  /** Id of the care-level rule table in data/ used for this municipality. */
  ruleTableId: z.string().max(64).default(''),
  language: z.enum(['lv', 'en']).default('lv'),
  demo: z.boolean().default(false),
});
export type OrgSettings = z.infer<typeof OrgSettingsSchema>;

// ---------------------------------------------------------------- client document

export const ClientProfileSchema = z.object({
  givenName: z.string().min(1).max(100),
  familyName: z.string().min(1).max(100),
  personalCode: z.string().max(20).default(''),
  birthDate: isoDate.nullable().default(null),
  address: z.string().max(300).default(''),
  location: GeoPointSchema.nullable().default(null),
  phone: z.string().max(40).default(''),
  careGroupId: id.nullable().default(null),
  livesAlone: z.boolean().default(false),
  status: z.enum(['active', 'ended']).default('active'),
  /** Caregivers the client asked for / declined (continuity and refusals in scheduling). */
  preferredStaffIds: z.array(id).default([]),
  declinedStaffIds: z.array(id).default([]),
  createdAt: isoDateTime,
});
export type ClientProfile = z.infer<typeof ClientProfileSchema>;

export const CONTRAINDICATIONS = ['active_tuberculosis', 'acute_infectious_disease', 'sexually_transmitted_disease'] as const;

export const GpStatementSchema = z.object({
  id,
  issuedOn: isoDate,
  validUntil: isoDate,
  severity: z.enum(['none', 'moderate', 'severe', 'very_severe']),
  contraindications: z.array(z.enum(CONTRAINDICATIONS)).default([]),
  gpName: z.string().max(200).default(''),
  note: text.default(''),
});
export type GpStatement = z.infer<typeof GpStatementSchema>;

export const ASSESSMENT_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATES)[number];

export const AssessmentSchema = z.object({
  id,
  instrumentId: z.string().min(1).max(64),
  instrumentVersion: z.string().min(1).max(32),
  /** item id → answer code, as given by the instrument. */
  answers: z.record(z.string(), z.string()).default({}),
  status: z.enum(ASSESSMENT_STATES).default('draft'),
  assessorId: id,
  createdAt: isoDateTime,
  submittedAt: isoDateTime.nullable().default(null),
  approverId: id.nullable().default(null),
  decidedAt: isoDateTime.nullable().default(null),
  returnReason: text.default(''),
  /** Rule-table id and version the decision used, so the decision can be re-explained later. */
  ruleTable: z.string().max(64).default(''),
  reassessDue: isoDate.nullable().default(null),
  note: text.default(''),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export const GrantedServiceSchema = z.object({
  id,
  serviceCode: z.string().min(1).max(64),
  from: isoDate,
  until: isoDate.nullable().default(null),
  hoursPerWeek: z.number().min(0).max(168).nullable().default(null),
  assessmentId: id.nullable().default(null),
  status: z.enum(['active', 'ended']).default('active'),
  reason: text.default(''),
});
export type GrantedService = z.infer<typeof GrantedServiceSchema>;

export const PlanSchema = z.object({
  id,
  kind: z.enum(['care', 'rehabilitation', 'positioning']),
  assessmentId: id.nullable().default(null),
  createdAt: isoDateTime,
  createdBy: id,
  agreedWithClient: z.boolean().default(false),
  agreedOn: isoDate.nullable().default(null),
  status: z.enum(['active', 'closed']).default('active'),
});
export type Plan = z.infer<typeof PlanSchema>;

/** One row of a plan: problem → goal → task, with deadline, expected result and responsible worker. */
export const PlanItemSchema = z.object({
  id,
  planId: id,
  order: z.number().int().min(0).default(0),
  problem: text,
  goal: text,
  taskCode: z.string().max(64).default(''),
  taskText: text.default(''),
  frequency: z.string().max(64).default(''),
  timeOfDay: z.string().max(32).default(''),
  durationMin: z.number().min(0).max(24 * 60).default(0),
  deadline: isoDate.nullable().default(null),
  expectedResult: text.default(''),
  responsibleId: id.nullable().default(null),
  reason: text.default(''),
});
export type PlanItem = z.infer<typeof PlanItemSchema>;

/** A visit as it happened (execution record), written by field staff. */
export const VisitRecordSchema = z.object({
  id,
  date: isoDate,
  staffId: id,
  scheduledVisitId: z.string().max(64).nullable().default(null),
  arrivedAt: isoDateTime.nullable().default(null),
  leftAt: isoDateTime.nullable().default(null),
  note: text.default(''),
});
export type VisitRecord = z.infer<typeof VisitRecordSchema>;

export const TASK_OUTCOMES = ['done', 'partly', 'postponed', 'moved', 'handed_over', 'refused'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** One task execution within a visit record: one row of the work sheet. */
export const TaskRecordSchema = z.object({
  id,
  visitRecordId: id,
  taskCode: z.string().min(1).max(64),
  outcome: z.enum(TASK_OUTCOMES),
  note: text.default(''),
  handedTo: id.nullable().default(null),
  recordedBy: id,
  recordedAt: isoDateTime,
});
export type TaskRecord = z.infer<typeof TaskRecordSchema>;

export const ObservationSchema = z.object({
  id,
  at: isoDateTime,
  staffId: id,
  /** Checklist item codes observed (from the observation catalogue in data/). */
  items: z.array(z.string().max(64)).default([]),
  note: text.default(''),
});
export type Observation = z.infer<typeof ObservationSchema>;

export const AlertSchema = z.object({
  id,
  observationId: id.nullable().default(null),
  level: z.enum(['inform_gp', 'emergency']),
  raisedAt: isoDateTime,
  raisedBy: id,
  reason: text.default(''),
  status: z.enum(['open', 'handled']).default('open'),
  handledBy: id.nullable().default(null),
  handledAt: isoDateTime.nullable().default(null),
  actionTaken: text.default(''),
});
export type Alert = z.infer<typeof AlertSchema>;

export const EvaluationSchema = z.object({
  id,
  planId: id,
  planItemId: id.nullable().default(null),
  result: z.enum(['achieved', 'partly', 'not_achieved']),
  reason: text.default(''),
  evaluatedBy: id,
  evaluatedAt: isoDateTime,
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

/** A reviewer's accept / reject of one proposal item (task, referral, service or reassessment change). */
export const ProposalDecisionSchema = z.object({
  id,
  /** Ids of the approved assessments the proposal came from, joined by '+': a new one asks again. */
  basis: z.string().min(1).max(400),
  /** `add:CODE`, `referral:CODE`, `service:CODE`, `remove:ITEMID` or `frequency:ITEMID`. */
  item: z.string().min(1).max(200),
  decision: z.enum(['accepted', 'rejected']),
  /** What was decided, in words, for history and for changes that have left the diff. */
  label: text.default(''),
  decidedBy: id,
  decidedAt: isoDateTime,
});
export type ProposalDecision = z.infer<typeof ProposalDecisionSchema>;

// ---------------------------------------------------------------- schedule document

/** One planned visit in a week's schedule for a care group. */
export const ScheduledVisitSchema = z.object({
  id,
  clientId: id,
  /** Empty when no one could take it (see `unassignedReason`). */
  staffIds: z.array(id).default([]),
  date: isoDate,
  /** Minutes after midnight. */
  start: z.number().int().min(0).max(24 * 60),
  durationMin: z.number().int().min(1).max(24 * 60),
  taskCodes: z.array(z.string().max(64)).default([]),
  /** Qualifications the visit's tasks need (anyone who has them all may take it over). */
  qualifications: z.array(z.string().max(64)).default([]),
  /** A coordinator's decision that re-optimising must not move. */
  pinned: z.boolean().default(false),
  unassignedReason: text.default(''),
});
export type ScheduledVisit = z.infer<typeof ScheduledVisitSchema>;

/** One visit as a volunteer sees it (core/doc/volunteer-doc.ts): nothing health-related. */
export const VolunteerVisitSchema = z.object({
  id,
  /** The schedule document it was derived from (`schedule/<week>/<group>`), to replace it when that changes. */
  source: z.string().max(200),
  clientId: id,
  clientFirstName: z.string().max(100),
  address: z.string().max(300),
  date: isoDate,
  /** Minutes after midnight. */
  start: z.number().int().min(0).max(24 * 60),
  durationMin: z.number().int().min(1).max(24 * 60),
  taskCodes: z.array(z.string().max(64)),
});
export type VolunteerVisit = z.infer<typeof VolunteerVisitSchema>;

/** Collections of each document kind and the schema of their records. */
export const COLLECTIONS = {
  org: { staff: StaffSchema, careGroups: CareGroupSchema, absences: AbsenceSchema },
  client: {
    gpStatements: GpStatementSchema,
    assessments: AssessmentSchema,
    services: GrantedServiceSchema,
    plans: PlanSchema,
    planItems: PlanItemSchema,
    visitRecords: VisitRecordSchema,
    taskRecords: TaskRecordSchema,
    observations: ObservationSchema,
    alerts: AlertSchema,
    evaluations: EvaluationSchema,
    proposalDecisions: ProposalDecisionSchema,
  },
  schedule: { visits: ScheduledVisitSchema },
  volunteer: { visits: VolunteerVisitSchema },
} as const;

export type Collections = typeof COLLECTIONS;
export type CollectionName<K extends keyof Collections> = keyof Collections[K] & string;
export type RecordOf<K extends keyof Collections, C extends CollectionName<K>> = z.infer<
  Collections[K][C] extends z.ZodType ? Collections[K][C] : never
>;
