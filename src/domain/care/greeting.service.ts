// Birthday and holiday greetings. An hourly scan finds contacts whose birthday or a curated
// public holiday of their region is today IN THEIR OWN TIME ZONE and inserts Greeting rows in
// one statement per tenant — `INSERT … ON CONFLICT (contactId, occasion, year) DO NOTHING` —
// with the Outbox rows for exactly the rows it inserted (same statement, so same transaction).
// Two scans at once, or a scan every hour all day, create one greeting per contact, occasion
// and year because of the unique index, not because of timing.
//
// Scale: the birthday part is an index lookup on (tenantId, birthMonth, birthDay) for the 2–3
// calendar dates that can be "today" somewhere on Earth at `now` (UTC−12 … UTC+14); the time
// zone check runs in SQL (`now AT TIME ZONE tz`). Holidays only touch the contact table on
// days where some region has one (a sequential scan of the tenant's contacts then).
import type { Greeting } from '../../generated/prisma/client.ts';
import type { AnyActor } from '../shared/access.ts';
import { getVisibleContact, requireStaff } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import type { Clock } from '../shared/clock.ts';
import { systemClock } from '../shared/clock.ts';
import { Prisma, type PrismaClient } from '../shared/db.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';
import { writeOutbox } from '../shared/outbox.ts';
import { queueOf, type JobName, type JobPayload } from '../shared/jobs.ts';
import { loadSettings } from '../settings/settings.service.ts';
import type { DeliveryService } from '../delivery/delivery.service.ts';
import { RecipientErasedError } from '../delivery/delivery.errors.ts';
import { addDays, formatLocalDateTime, inQuietHours, localParts, safeTimeZone, toLocale, zonedTimeToUtc } from '../delivery/local-time.ts';
import { salutation } from '../delivery/addressing.ts';
import { holidaysOn, SUPPORTED_HOLIDAY_REGIONS } from './holidays.ts';
import { greetingText, occasionLabel } from './greeting-text.ts';

export interface ScanResult {
  tenants: number;
  created: number;
  ms: number;
}

export type GreetingOutcome =
  | { status: 'sent' | 'already_sent'; greetingId: string }
  | { status: 'deferred'; greetingId: string; until: Date }
  | { status: 'skipped'; greetingId: string; reason: string };

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export class GreetingService {
  constructor(
    private readonly db: PrismaClient,
    private readonly delivery: DeliveryService,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Creates today's greetings for one tenant or all. Safe to run any number of times, concurrently. */
  async scanGreetings(tenantId: string | 'all', now = this.clock.now()): Promise<ScanResult> {
    const started = Date.now();
    const tenants = await this.db.tenant.findMany({
      where: tenantId === 'all' ? {} : { id: tenantId },
      select: { id: true, defaultTimezone: true },
    });
    let created = 0;
    for (const t of tenants) created += await this.scanTenant(t.id, safeTimeZone(t.defaultTimezone), now);
    return { tenants: tenants.length, created, ms: Date.now() - started };
  }

  private async scanTenant(tenantId: string, defaultTz: string, now: Date): Promise<number> {
    const settings = await loadSettings(this.db, tenantId);
    const g = settings.greeting;
    // Every calendar date that is "today" somewhere at `now`.
    const utcDate = now.toISOString().slice(0, 10);
    const dates = [addDays(utcDate, -1), utcDate, addDays(utcDate, 1)];
    const bMonths: number[] = [];
    const bDays: number[] = [];
    const bDates: string[] = [];
    for (const d of dates) {
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      bMonths.push(m);
      bDays.push(day);
      bDates.push(d);
      // 29 February birthdays are celebrated on the 28th in common years.
      if (m === 2 && day === 28 && !isLeap(y)) {
        bMonths.push(2);
        bDays.push(29);
        bDates.push(d);
      }
    }
    const regions = g.holidayRegions.length ? g.holidayRegions : SUPPORTED_HOLIDAY_REGIONS;
    const hol = holidaysOn(regions, dates);
    const approval = g.approvalRequired;
    const jobName: Extract<JobName, 'greeting-approval' | 'greeting-send'> = approval ? 'greeting-approval' : 'greeting-send';
    // BullMQ 6 accepts ':' in a custom job id only with exactly three parts, hence greeting:send:<id>.
    const jobPrefix = approval ? 'greeting:approval:' : 'greeting:send:';
    const status = approval ? 'pending_approval' : 'scheduled';
    const sendTime = `${String(g.sendHour).padStart(2, '0')}:00:00`;
    const qs = g.quietHours.start;
    const qe = g.quietHours.end;
    const holidayPart = hol.length
      ? Prisma.sql`
        UNION ALL
        SELECT c.id AS "contactId", h.occasion, c.tz, c.local_date
        FROM cand_all c
        JOIN unnest(${hol.map((h) => h.region)}::text[], ${hol.map((h) => h.date)}::date[], ${hol.map((h) => h.occasion)}::text[]) AS h(region, d, occasion)
          ON c.region = h.region AND c.local_date = h.d`
      : Prisma.empty;
    const candAll = hol.length
      ? Prisma.sql`,
      cand_all AS (
        SELECT c.id, COALESCE(z.name, ${defaultTz}) AS tz,
               (${now}::timestamptz AT TIME ZONE COALESCE(z.name, ${defaultTz}))::date AS local_date,
               upper(COALESCE(c.region, a.region)) AS region
        FROM "Contact" c
        LEFT JOIN "Account" a ON a.id = c."accountId"
        LEFT JOIN tzn z ON z.name = c.timezone
        WHERE c."tenantId" = ${tenantId} AND NOT c."greetingOptOut" AND c."erasedAt" IS NULL AND c."mergedIntoId" IS NULL
          AND upper(COALESCE(c.region, a.region)) = ANY(${[...new Set(hol.map((h) => h.region))]}::text[])
      )`
      : Prisma.empty;
    const rows = await this.db.$queryRaw<{ n: bigint }[]>`
      WITH tzn AS MATERIALIZED (SELECT name FROM pg_timezone_names),
      bday AS (
        SELECT c.id, COALESCE(z.name, ${defaultTz}) AS tz, b.d
        FROM unnest(${bMonths}::int[], ${bDays}::int[], ${bDates}::date[]) AS b(m, dd, d)
        JOIN "Contact" c ON c."tenantId" = ${tenantId} AND c."birthMonth" = b.m AND c."birthDay" = b.dd
        LEFT JOIN tzn z ON z.name = c.timezone
        WHERE NOT c."greetingOptOut" AND c."erasedAt" IS NULL AND c."mergedIntoId" IS NULL
      )${candAll},
      occ AS (
        SELECT id AS "contactId", 'birthday'::text AS occasion, tz, d AS local_date
        FROM bday WHERE (${now}::timestamptz AT TIME ZONE tz)::date = d
        ${holidayPart}
      ),
      sched AS (
        SELECT o.*,
               ((o.local_date + ${sendTime}::time) AT TIME ZONE o.tz) AS at_send,
               (((o.local_date + 1) + ${sendTime}::time) AT TIME ZONE o.tz) AS next_send,
               extract(hour FROM (${now}::timestamptz AT TIME ZONE o.tz))::int AS now_hour
        FROM occ o
      ),
      final AS (
        SELECT "contactId", occasion, tz, extract(year FROM local_date)::int AS year,
               CASE
                 WHEN at_send >= ${now}::timestamptz THEN at_send
                 WHEN (${qs}::int < ${qe}::int AND now_hour >= ${qs}::int AND now_hour < ${qe}::int)
                   OR (${qs}::int > ${qe}::int AND (now_hour >= ${qs}::int OR now_hour < ${qe}::int)) THEN next_send
                 ELSE ${now}::timestamptz
               END AS at
        FROM sched
      ),
      ins AS (
        INSERT INTO "Greeting" (id, "tenantId", "contactId", occasion, year, status, "scheduledAt", "createdAt")
        SELECT gen_random_uuid()::text, ${tenantId}, f."contactId", f.occasion, f.year, ${status}::"GreetingStatus", f.at, ${now}::timestamptz
        FROM final f
        -- never push a late greeting into another year (31 Dec found during quiet hours)
        WHERE extract(year FROM (f.at AT TIME ZONE f.tz))::int = f.year
        ON CONFLICT ("contactId", occasion, year) DO NOTHING
        RETURNING id, "scheduledAt"
      ),
      ob AS (
        INSERT INTO "Outbox" (id, "tenantId", queue, "jobName", "jobId", payload, "runAt", attempts, "createdAt")
        SELECT gen_random_uuid()::text, ${tenantId}, ${queueOf(jobName)}, ${jobName}, ${jobPrefix} || ins.id,
               jsonb_build_object(${payloadKey('tenantId')}::text, ${tenantId}::text, ${payloadKey('greetingId')}::text, ins.id),
               ${approval ? null : Prisma.sql`ins."scheduledAt"`}, 0, ${now}::timestamptz
        FROM ins
        RETURNING 1
      )
      SELECT count(*)::bigint AS n FROM ob`;
    return Number(rows[0]?.n ?? 0);
  }

  /** The `greeting-send` job. Returns `deferred` (the jobs layer re-delays the job) during quiet hours. */
  async sendGreeting(greetingId: string, now = this.clock.now()): Promise<GreetingOutcome> {
    const gr = await this.db.greeting.findUnique({
      where: { id: greetingId },
      include: { contact: { include: { account: { include: { owner: true } } } }, tenant: true },
    });
    if (!gr) return { status: 'skipped', greetingId, reason: 'greeting deleted' };
    if (gr.status === 'sent') return { status: 'already_sent', greetingId };
    if (gr.status !== 'scheduled') return { status: 'skipped', greetingId, reason: gr.status };
    const c = gr.contact;
    if (c.erasedAt || c.mergedIntoId) {
      await this.mark(gr.id, 'skipped', 'contact erased or merged');
      throw new RecipientErasedError(c.id);
    }
    if (c.greetingOptOut) {
      await this.mark(gr.id, 'skipped', 'contact opted out of greetings');
      return { status: 'skipped', greetingId, reason: 'opted out' };
    }
    if (now.getTime() < gr.scheduledAt.getTime() - 60_000) return { status: 'deferred', greetingId, until: gr.scheduledAt };
    const settings = await loadSettings(this.db, gr.tenantId);
    const tz = safeTimeZone(c.timezone, safeTimeZone(gr.tenant.defaultTimezone));
    const local = localParts(now, tz);
    if (inQuietHours(local.hour, settings.greeting.quietHours)) {
      const today = zonedTimeToUtc(local.date, settings.greeting.sendHour, 0, tz);
      const until = today > now ? today : zonedTimeToUtc(addDays(local.date, 1), settings.greeting.sendHour, 0, tz);
      if (localParts(until, tz).year !== gr.year) {
        await this.mark(gr.id, 'skipped', 'missed: quiet hours lasted into another year');
        return { status: 'skipped', greetingId, reason: 'missed' };
      }
      await this.db.greeting.updateMany({ where: { id: gr.id, status: 'scheduled' }, data: { scheduledAt: until } });
      return { status: 'deferred', greetingId, until };
    }
    const locale = toLocale(c.locale, toLocale(gr.tenant.defaultLocale));
    const text = gr.text ?? greetingText(gr.occasion, salutation(c, locale), gr.year, locale, c.account?.owner?.name);
    const res = await this.delivery.deliverOnce(gr.tenantId, `greeting:${gr.id}`, { tenantId: gr.tenantId, kind: 'contact', id: c.id }, { kind: 'greeting', locale, text });
    await this.db.greeting.updateMany({
      where: { id: gr.id, status: 'scheduled' },
      data: { status: 'sent', sentAt: res.delivery.sentAt ?? now, text, error: null },
    });
    return { status: res.alreadySent ? 'already_sent' : 'sent', greetingId };
  }

  /** The `greeting-approval` job: asks the account owner (or the admins) to approve or skip. */
  async requestApproval(greetingId: string): Promise<{ status: 'sent' | 'skipped'; recipients: string[] }> {
    const gr = await this.db.greeting.findUnique({
      where: { id: greetingId },
      include: { contact: { include: { account: { include: { owner: true } } } }, tenant: true },
    });
    if (!gr || gr.status !== 'pending_approval') return { status: 'skipped', recipients: [] };
    const c = gr.contact;
    const contactLocale = toLocale(c.locale, toLocale(gr.tenant.defaultLocale));
    const draft = gr.text ?? greetingText(gr.occasion, salutation(c, contactLocale), gr.year, contactLocale, c.account?.owner?.name);
    if (!gr.text) await this.db.greeting.update({ where: { id: gr.id }, data: { text: draft } });
    const owner = c.account?.owner;
    const approvers = owner?.active ? [owner] : await this.db.user.findMany({ where: { tenantId: gr.tenantId, role: 'admin', active: true } });
    for (const u of approvers) {
      const locale = toLocale(u.locale);
      const when = formatLocalDateTime(gr.scheduledAt, safeTimeZone(u.timezone), locale);
      const what = occasionLabel(gr.occasion, locale);
      const text =
        locale === 'zh'
          ? `${c.name}的${what}问候待审批，计划发送时间 ${when}：\n“${draft}”`
          : `Greeting for ${c.name}'s ${what} awaits your approval (scheduled ${when}):\n"${draft}"`;
      await this.delivery.deliverOnce(gr.tenantId, `greeting:approval:${gr.id}:${u.id}`, { tenantId: gr.tenantId, kind: 'user', id: u.id }, {
        kind: 'alert',
        locale,
        text,
        actions: [[
          { label: locale === 'zh' ? '批准' : 'Approve', value: `greeting:approve:${gr.id}`, style: 'primary' },
          { label: locale === 'zh' ? '跳过' : 'Skip', value: `greeting:skip:${gr.id}` },
        ]],
      });
    }
    return { status: 'sent', recipients: approvers.map((u) => u.id) };
  }

  /** Owner approves a pending greeting: it is scheduled (now, if its time has passed). Idempotent. */
  async approveGreeting(actor: AnyActor, greetingId: string): Promise<Greeting> {
    const gr = await this.visible(actor, greetingId);
    if (gr.status === 'scheduled' || gr.status === 'sent') return gr;
    if (gr.status !== 'pending_approval') {
      throw new ConflictError('GREETING.NOT_PENDING', 'That greeting was already skipped.', '该问候已被跳过。');
    }
    const now = this.clock.now();
    const at = gr.scheduledAt > now ? gr.scheduledAt : now;
    return this.db.$transaction(async (tx) => {
      const updated = await tx.greeting.update({ where: { id: gr.id }, data: { status: 'scheduled', scheduledAt: at } });
      await writeOutbox(tx, gr.tenantId, { name: 'greeting-send', jobId: `greeting:send:${gr.id}`, runAt: at, data: { tenantId: gr.tenantId, greetingId: gr.id } });
      await audit(tx, actor, { action: 'greeting.update', entityType: 'Greeting', entityId: gr.id, before: { status: gr.status }, after: { status: 'scheduled' } });
      return updated;
    });
  }

  /** Owner skips a pending (or scheduled, not yet sent) greeting. Idempotent. */
  async skipGreeting(actor: AnyActor, greetingId: string): Promise<Greeting> {
    const gr = await this.visible(actor, greetingId);
    if (gr.status === 'skipped') return gr;
    if (gr.status === 'sent') {
      throw new ConflictError('GREETING.ALREADY_SENT', 'That greeting has already been sent.', '该问候已经发送。');
    }
    return this.db.$transaction(async (tx) => {
      const updated = await tx.greeting.update({ where: { id: gr.id }, data: { status: 'skipped' } });
      await audit(tx, actor, { action: 'greeting.update', entityType: 'Greeting', entityId: gr.id, before: { status: gr.status }, after: { status: 'skipped' } });
      return updated;
    });
  }

  private async visible(actor: AnyActor, greetingId: string): Promise<Greeting> {
    requireStaff(actor);
    const gr = await this.db.greeting.findFirst({ where: { id: greetingId, tenantId: actor.tenantId } });
    if (!gr) throw new NotFoundError('Greeting', greetingId, { en: 'that greeting', zh: '该问候' });
    await getVisibleContact(this.db, actor, gr.contactId);
    return gr;
  }

  private async mark(id: string, status: 'skipped' | 'failed', error: string): Promise<void> {
    await this.db.greeting.updateMany({ where: { id, status: { in: ['scheduled', 'pending_approval'] } }, data: { status, error } });
  }
}

/** A key of the greeting jobs' payload (the job catalogue's schema), for the SQL that writes them. */
function payloadKey(key: keyof JobPayload<'greeting-send' | 'greeting-approval'>): string {
  return key;
}
