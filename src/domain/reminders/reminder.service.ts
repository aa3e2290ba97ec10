// Task reminders and the two digests (morning: today's and overdue tasks per user; weekly:
// the team's at-risk accounts per manager). Jobs carry ids only; every method reloads state
// and does nothing when the work is no longer due, and every send goes through
// DeliveryService.deliverOnce with the job's deterministic id as the dedupe key.
import type { PrismaClient } from '../shared/db.ts';
import { Prisma } from '../shared/db.ts';
import type { Actor, SystemActor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { systemClock } from '../shared/clock.ts';
import type { Locale } from '../shared/errors.ts';
import type { MessageAction } from '../shared/ports.ts';
import { loadSettings } from '../settings/settings.service.ts';
import type { TenantSettings } from '../settings/settings.schema.ts';
import { isoWeekStart, type AtRiskAccount, type RiskService } from '../risk/risk.service.ts';
import type { DeliveryService } from '../delivery/delivery.service.ts';
import { cte, jsonTimestamp, type TickPart } from '../delivery/sql-tick.ts';
import type { JobRequest } from '../shared/jobs.ts';
import {
  addDays,
  formatLocalDateTime,
  localParts,
  parseHhmm,
  safeTimeZone,
  toLocale,
  zonedTimeToUtc,
} from '../delivery/local-time.ts';
import { L } from '../shared/locale.ts';

export interface TaskReminderJob {
  tenantId: string;
  taskId: string;
  /** ISO instant the reminder was scheduled for; a moved task makes this job stale. */
  dueAt: string;
}

export type ReminderOutcome =
  | { status: 'sent'; deliveryId: string }
  | { status: 'already_sent'; deliveryId: string }
  | { status: 'skipped'; reason: string };

/** A job the digest scan asks the jobs layer to enqueue (queue QUEUES.digests). */
export type DigestJobRequest = JobRequest<'digest-morning' | 'digest-weekly' | 'risk-snapshot'> & { jobId: string };

export interface ScanOptions {
  tenantId?: string;
  /** A digest time that passed at most this long ago is still due. @defaultValue 1 hour
   * (the scan runs every 15 minutes, so a missed or slow scan is caught by the next ones; the
   * deterministic job id and the delivery dedupe key keep it to one digest). */
  windowMs?: number;
}

interface ReminderRow {
  id: string;
  title: string;
  dueAt: Date;
  status: string;
  assigneeId: string;
  assigneeActive: boolean;
  assigneeLocale: string | null;
  assigneeTimezone: string | null;
  accountName: string | null;
  contactName: string | null;
  channels: string[];
}

interface PendingLoad {
  tenantId: string;
  taskId: string;
  resolve(row: ReminderRow | undefined): void;
  reject(err: unknown): void;
}

/** The inbox write's follow-up: marks the reminded tasks (still due then, not yet marked) with
 * the delivery's sentAt — one UPDATE for every reminder of a batch. */
const markTasksReminded = (fu: Prisma.Sql) => Prisma.sql`
  UPDATE "Task" t SET "reminderSentAt" = fu."sentAt"
  FROM ${fu}
  WHERE t.id = fu.ref AND t."dueAt" = fu.at AND t."reminderSentAt" IS NULL`;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;


export const reminderJobId = (taskId: string, dueAt: Date | string) => `reminder:${taskId}:${new Date(dueAt).getTime()}`;

export class ReminderService {
  constructor(
    private readonly db: PrismaClient,
    private readonly delivery: DeliveryService,
    private readonly risk: RiskService,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * The `task-reminder` job: remind the assignee if the task is open and still due then.
   *
   * Hot path (one job per task reminder): a query loads the task, its assignee, the
   * account/contact name and the assignee's chat channels; on the web inbox a data-modifying
   * statement writes the Delivery row and marks the task reminded (no transaction, no advisory
   * lock: the row is the message and INSERT … ON CONFLICT decides). Both are batched across the
   * jobs running at the same time, in one statement per round trip (DeliveryService.tick): a
   * steady stream of reminders costs about one statement per batch of jobs, not two per job.
   * Other channels go through DeliveryService.deliverOnce's locked path as before.
   */
  async sendTaskReminder(job: TaskReminderJob): Promise<ReminderOutcome> {
    const task = await this.loadReminderRow(job.tenantId, job.taskId);
    if (!task) return { status: 'skipped', reason: 'task deleted' };
    if (task.status !== 'open') return { status: 'skipped', reason: `task ${task.status}` };
    const dueMs = new Date(job.dueAt).getTime();
    if (task.dueAt.getTime() !== dueMs) return { status: 'skipped', reason: 'task was rescheduled' };
    if (!task.assigneeActive) return { status: 'skipped', reason: 'assignee deactivated' };
    const locale = toLocale(task.assigneeLocale);
    const tz = safeTimeZone(task.assigneeTimezone);
    const where = task.accountName ?? task.contactName;
    const when = formatLocalDateTime(task.dueAt, tz, locale);
    const text = L(
      locale,
      `Reminder: ${task.title}${where ? ` (${where})` : ''} due ${when}`,
      `提醒：${task.title}${where ? `（${where}）` : ''} 截止 ${when}`,
    );
    const actions: MessageAction[][] = [
      [
        { label: L(locale, 'Done', '完成'), value: `task:done:${task.id}`, style: 'primary' },
        { label: L(locale, 'Snooze 1 day', '推迟一天'), value: `task:snooze:${task.id}` },
        { label: L(locale, 'Reschedule', '改期'), value: `task:reschedule:${task.id}` },
      ],
    ];
    const recipient = { tenantId: job.tenantId, kind: 'user' as const, id: task.assigneeId };
    const dedupeKey = reminderJobId(task.id, task.dueAt);
    const message = { kind: 'reminder' as const, locale, text, actions };
    const res = await this.delivery.deliverOnce(job.tenantId, dedupeKey, recipient, message, {
      knownChannels: task.channels,
      alsoOnInbox: { apply: markTasksReminded, ref: task.id, at: task.dueAt },
    });
    if (!res.followUpDone) {
      await this.db.task.updateMany({
        where: { id: task.id, dueAt: task.dueAt, reminderSentAt: null },
        data: { reminderSentAt: res.delivery.sentAt ?? this.clock.now() },
      });
    }
    return res.alreadySent ? { status: 'already_sent', deliveryId: res.delivery.id } : { status: 'sent', deliveryId: res.delivery.id };
  }

  // Reminder jobs run concurrently (worker concurrency N): the loads of jobs running at the same
  // time are answered by one query (WHERE id = ANY(…)) instead of N, and that query rides in the
  // same statement as the inbox writes of the jobs that loaded earlier (DeliveryService.tick).
  private readonly loadPart: TickPart<PendingLoad> = {
    name: 'task',
    build: (batch, name) => ({
      ctes: [
        cte(
          name('rows'),
          Prisma.sql`
          SELECT t.id, t."tenantId", t.title, t."dueAt", t.status::text AS status, t."assigneeId",
                 u.active AS "assigneeActive", u.locale AS "assigneeLocale", u.timezone AS "assigneeTimezone",
                 a.name AS "accountName", c.name AS "contactName",
                 COALESCE((SELECT array_agg(DISTINCT ci.channel::text) FROM "ChatIdentity" ci WHERE ci."userId" = u.id), '{}') AS channels
          FROM "Task" t
          JOIN "User" u ON u.id = t."assigneeId"
          LEFT JOIN "Account" a ON a.id = t."accountId"
          LEFT JOIN "Contact" c ON c.id = t."contactId"
          WHERE t.id = ANY(${[...new Set(batch.map((b) => b.taskId))]}::text[])`,
        ),
      ],
      result: name('rows'),
    }),
    answer: (batch, rows) => {
      const byKey = new Map<string, ReminderRow>();
      for (const r of rows) {
        byKey.set(`${String(r.tenantId)}\u0000${String(r.id)}`, {
          id: r.id as string,
          title: r.title as string,
          dueAt: jsonTimestamp(r.dueAt),
          status: r.status as string,
          assigneeId: r.assigneeId as string,
          assigneeActive: r.assigneeActive as boolean,
          assigneeLocale: r.assigneeLocale as string | null,
          assigneeTimezone: r.assigneeTimezone as string | null,
          accountName: r.accountName as string | null,
          contactName: r.contactName as string | null,
          channels: r.channels as string[],
        });
      }
      for (const b of batch) b.resolve(byKey.get(`${b.tenantId}\u0000${b.taskId}`));
    },
    fail: (batch, err) => {
      for (const b of batch) b.reject(err);
    },
  };

  private loadReminderRow(tenantId: string, taskId: string): Promise<ReminderRow | undefined> {
    return new Promise((resolve, reject) => this.delivery.tick.push(this.loadPart, { tenantId, taskId, resolve, reject }));
  }

  /**
   * Which users' morning digest and which managers' weekly digest became due at `now`, in each
   * person's own time zone (DST-safe: the local time is converted per date). Returns job
   * requests with deterministic ids, e.g. `digest-morning:<userId>:<localDate>` (BullMQ 6 accepts a
   * ':' in a custom id only with exactly three parts). The delivery dedupe key is
   * `digest:morning:<userId>:<localDate>`.
   */
  async findDueDigests(now: Date, opts: ScanOptions = {}): Promise<DigestJobRequest[]> {
    const windowMs = opts.windowMs ?? 3_600_000;
    const tenants = await this.db.tenant.findMany({
      where: opts.tenantId ? { id: opts.tenantId } : {},
      select: { id: true, settings: true, defaultTimezone: true },
    });
    const out: DigestJobRequest[] = [];
    for (const tenant of tenants) {
      const settings = await loadSettings(this.db, tenant.id);
      const { morning, weekly } = settings.digest;
      if (!morning.enabled && !weekly.enabled) continue;
      const users = await this.db.user.findMany({
        where: { tenantId: tenant.id, active: true },
        select: { id: true, timezone: true, role: true },
      });
      let weeklyDue = false;
      for (const u of users) {
        const tz = safeTimeZone(u.timezone, safeTimeZone(tenant.defaultTimezone));
        if (morning.enabled) {
          const date = dueLocalDate(now, tz, morning.time, windowMs);
          if (date) out.push({ name: 'digest-morning', jobId: `digest-morning:${u.id}:${date}`, data: { tenantId: tenant.id, userId: u.id, localDate: date } });
        }
        if (weekly.enabled && u.role === 'manager') {
          const date = dueLocalDate(now, tz, weekly.time, windowMs, WEEKDAYS.indexOf(weekly.day));
          if (date) {
            weeklyDue = true;
            out.push({ name: 'digest-weekly', jobId: `digest-weekly:${u.id}:${date}`, data: { tenantId: tenant.id, userId: u.id, localDate: date } });
          }
        }
      }
      if (weeklyDue) {
        const week = isoWeekStart(now).toISOString().slice(0, 10);
        out.push({ name: 'risk-snapshot', jobId: `risk-snapshot:${tenant.id}:${week}`, data: { tenantId: tenant.id, weekStart: week } });
      }
    }
    return out;
  }

  /** The `digest-morning` job: today's and overdue open tasks of one user. */
  async sendMorningDigest(job: { tenantId: string; userId: string; localDate: string }, now = this.clock.now()): Promise<ReminderOutcome> {
    const user = await this.db.user.findFirst({ where: { id: job.userId, tenantId: job.tenantId } });
    if (!user || !user.active) return { status: 'skipped', reason: 'user gone' };
    const settings = await loadSettings(this.db, job.tenantId);
    if (!settings.digest.morning.enabled) return { status: 'skipped', reason: 'morning digest disabled' };
    const tz = safeTimeZone(user.timezone);
    const endOfDay = zonedTimeToUtc(addDays(job.localDate, 1), 0, 0, tz);
    const tasks = await this.db.task.findMany({
      where: { tenantId: job.tenantId, assigneeId: user.id, status: 'open', dueAt: { lt: endOfDay } },
      include: { account: { select: { name: true } } },
      orderBy: { dueAt: 'asc' },
      take: 50,
    });
    if (!tasks.length) return { status: 'skipped', reason: 'nothing due' };
    const locale = toLocale(user.locale);
    const overdue = tasks.filter((t) => t.dueAt < now);
    const today = tasks.filter((t) => t.dueAt >= now);
    const line = (t: (typeof tasks)[number]) =>
      `• ${t.title}${t.account ? ` (${t.account.name})` : ''} — ${formatLocalDateTime(t.dueAt, tz, locale)}`;
    const parts = [
      L(locale, `Good morning, ${user.name}! ${today.length} due today, ${overdue.length} overdue.`, `早上好，${user.name}！今天到期 ${today.length} 项，逾期 ${overdue.length} 项。`),
    ];
    if (overdue.length) parts.push(L(locale, 'Overdue:', '已逾期：'), ...overdue.map(line));
    if (today.length) parts.push(L(locale, 'Today:', '今天：'), ...today.map(line));
    const actions = tasks.slice(0, 5).map((t) => [{ label: `${L(locale, 'Done', '完成')}: ${t.title}`.slice(0, 75), value: `task:done:${t.id}` }]);
    const res = await this.delivery.deliverOnce(
      job.tenantId,
      `digest:morning:${user.id}:${job.localDate}`,
      { tenantId: job.tenantId, kind: 'user', id: user.id },
      { kind: 'digest', locale, text: parts.join('\n'), actions },
    );
    return res.alreadySent ? { status: 'already_sent', deliveryId: res.delivery.id } : { status: 'sent', deliveryId: res.delivery.id };
  }

  /** The `digest-weekly` job: a manager's team at-risk accounts, with reasons and week-over-week change. */
  async sendWeeklyDigest(job: { tenantId: string; userId: string; localDate: string }, now = this.clock.now()): Promise<ReminderOutcome> {
    const user = await this.db.user.findFirst({ where: { id: job.userId, tenantId: job.tenantId } });
    if (!user || !user.active || user.role !== 'manager') return { status: 'skipped', reason: 'not an active manager' };
    const locale = toLocale(user.locale);
    const actor: Actor = {
      kind: 'user',
      tenantId: job.tenantId,
      userId: user.id,
      role: 'manager',
      name: user.name,
      timezone: safeTimeZone(user.timezone),
      locale,
    };
    const atRisk = await this.risk.listAtRisk(actor, { scope: 'team', asOf: now, limit: 20 });
    const text = renderWeekly(user.name, atRisk, locale);
    const actions = atRisk.slice(0, 5).map((a) => [{ label: `${L(locale, 'Plan a visit', '安排拜访')}: ${a.accountName}`.slice(0, 75), value: `risk:plan:${a.accountId}` }]);
    const res = await this.delivery.deliverOnce(
      job.tenantId,
      `digest:weekly:${user.id}:${job.localDate}`,
      { tenantId: job.tenantId, kind: 'user', id: user.id },
      { kind: 'digest', locale, text, actions },
    );
    return res.alreadySent ? { status: 'already_sent', deliveryId: res.delivery.id } : { status: 'sent', deliveryId: res.delivery.id };
  }

  /** The `risk-snapshot` job: this ISO week's RiskSnapshot rows for the tenant (upsert, so idempotent). */
  async snapshotRisk(job: { tenantId: string; weekStart: string }, now = this.clock.now()): Promise<{ weekStart: string; written: number }> {
    const system: SystemActor = { kind: 'system', tenantId: job.tenantId };
    // Take the snapshot as of the week the job was scanned for, even when it runs late.
    const asOf = isoWeekStart(now).toISOString().slice(0, 10) === job.weekStart ? now : new Date(`${job.weekStart}T12:00:00Z`);
    return this.risk.snapshotWeek(system, job.tenantId, asOf);
  }
}

/** The local date whose `hhmm` (on `weekday`, if given) fell in (now − window, now] in `tz`, else null. */
export function dueLocalDate(now: Date, tz: string, hhmm: string, windowMs: number, weekday?: number): string | null {
  const [h, m] = parseHhmm(hhmm);
  const today = localParts(now, tz).date;
  for (const date of [today, addDays(today, -1)]) {
    if (weekday !== undefined && new Date(`${date}T00:00:00Z`).getUTCDay() !== weekday) continue;
    const at = zonedTimeToUtc(date, h, m, tz).getTime();
    if (at <= now.getTime() && now.getTime() - at < windowMs) return date;
  }
  return null;
}

function renderWeekly(name: string, accounts: AtRiskAccount[], locale: Locale): string {
  if (!accounts.length) {
    return L(locale, `Weekly risk digest for ${name}: no accounts at risk in your team this week.`, `${name}的每周风险摘要：本周团队没有高风险客户。`);
  }
  const change = (a: AtRiskAccount) => {
    const prev = a.previousScore === null ? '' : ` ${a.previousScore.toFixed(2)} → ${a.score.toFixed(2)}`;
    switch (a.change) {
      case 'new':
        return L(locale, 'new this week', '本周新增');
      case 'worsened':
        return L(locale, `worse${prev}`, `恶化${prev}`);
      case 'improved':
        return L(locale, `better${prev}`, `好转${prev}`);
      default:
        return L(locale, 'unchanged', '无变化');
    }
  };
  const lines = accounts.map((a) => {
    const reasons = a.reasons.slice(0, 3).map((r) => (locale === 'zh' ? r.zh : r.en)).join(L(locale, '; ', '；'));
    const owner = a.owner ? L(locale, `, owner ${a.owner.name}`, `，负责人 ${a.owner.name}`) : '';
    return `• ${a.accountName} (${a.tier}${owner}) — ${a.score.toFixed(2)}, ${change(a)}: ${reasons}`;
  });
  return [
    L(locale, `Weekly risk digest for ${name}: ${accounts.length} account(s) at risk.`, `${name}的每周风险摘要：${accounts.length} 个客户存在流失风险。`),
    ...lines,
  ].join('\n');
}

export type { TenantSettings };
