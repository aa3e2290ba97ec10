// Tenant settings: the typed, validated shape of Tenant.settings (a JSON column). Stored JSON
// holds only what a tenant changed; reading merges it over DEFAULT_SETTINGS and validates.
import { z } from 'zod';

const hours = z.number().positive().max(24 * 365);
const perPriority = z.object({ low: hours, normal: hours, high: hours, urgent: hours });
const weight = z.number().min(0).max(1);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const hour = z.number().int().min(0).max(23);

export const settingsSchema = z.object({
  sla: z.object({
    /** Hours from opening a ticket to its first response, per priority. @defaultValue 24 for all */
    firstResponseHours: perPriority,
    /** Hours from opening a ticket to its resolution, per priority. */
    resolutionHours: perPriority,
  }),
  risk: z.object({
    /** Accounts scoring above this are "at risk". @defaultValue 0.5 */
    threshold: z.number().min(0).max(1),
    /** Weight of each signal; score = Σ weight × strength, clipped to [0, 1]. */
    weights: z.object({
      contactGap: weight,
      orderDecline: weight,
      lowSatisfaction: weight,
      ticketsPastSla: weight,
      stalledDeals: weight,
      negativeSentiment: weight,
    }),
  }),
  /** Expected contact cadence in days per value tier. @defaultValue A 14, B 30, C 90 */
  cadenceDays: z.object({ A: z.number().int().positive(), B: z.number().int().positive(), C: z.number().int().positive() }),
  /** No order and no interaction for this many days: churned. @defaultValue 180 */
  churnDays: z.number().int().positive(),
  survey: z.object({
    delayHours: z.number().min(0),
    cooldownDays: z.number().min(0),
    sampleRate: z.number().min(0).max(1),
    reminderAfterHours: z.number().positive(),
  }),
  greeting: z.object({
    sendHour: hour,
    quietHours: z.object({ start: hour, end: hour }),
    approvalRequired: z.boolean(),
    /** ISO 3166 codes whose public holidays get greetings, e.g. ["CN", "US"]. */
    holidayRegions: z.array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'expected an ISO 3166 code such as CN')),
  }),
  digest: z.object({
    morning: z.object({ enabled: z.boolean(), time: hhmm }),
    weekly: z.object({
      enabled: z.boolean(),
      day: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
      time: hhmm,
    }),
  }),
});

export type TenantSettings = z.infer<typeof settingsSchema>;
export type RiskWeights = TenantSettings['risk']['weights'];

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
export type SettingsPatch = DeepPartial<TenantSettings>;

export const DEFAULT_SETTINGS: TenantSettings = Object.freeze({
  sla: {
    firstResponseHours: { low: 24, normal: 24, high: 24, urgent: 24 },
    resolutionHours: { low: 120, normal: 72, high: 48, urgent: 24 },
  },
  risk: {
    threshold: 0.5,
    weights: {
      contactGap: 0.35,
      orderDecline: 0.25,
      lowSatisfaction: 0.2,
      ticketsPastSla: 0.2,
      stalledDeals: 0.15,
      negativeSentiment: 0.15,
    },
  },
  cadenceDays: { A: 14, B: 30, C: 90 },
  churnDays: 180,
  survey: { delayHours: 24, cooldownDays: 30, sampleRate: 1, reminderAfterHours: 48 },
  greeting: { sendHour: 9, quietHours: { start: 21, end: 8 }, approvalRequired: false, holidayRegions: [] },
  digest: {
    morning: { enabled: true, time: '08:30' },
    weekly: { enabled: true, day: 'monday', time: '09:00' },
  },
}) as TenantSettings;

/** Deep merge of plain objects; arrays and scalars in `patch` replace those in `base`. */
export function deepMerge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = k in base ? deepMerge((base as Record<string, unknown>)[k], v) : v;
  }
  return out as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
