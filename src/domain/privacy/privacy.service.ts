// Data-protection rights of a contact: access (export everything we hold about them), erasure
// (personal data removed, aggregates kept) and opting out of surveys and greetings.
import type { PrismaClient } from '../shared/db.ts';
import type { Clock } from '../shared/clock.ts';
import type { AnyActor } from '../shared/access.ts';
import { getVisibleContact, requireStaff } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { AUDIT } from '../audit/actions.ts';
import { toContactDto } from '../customers/dto.ts';
import { escapeRe } from '../shared/regex.ts';

export const ERASED = 'erased';
const SCRUBBED = '[erased]';

export interface ContactExport {
  exportedAt: string;
  contact: Record<string, unknown>;
  account: { id: string; name: string } | null;
  interactions: Record<string, unknown>[];
  surveys: Record<string, unknown>[];
  greetings: Record<string, unknown>[];
  tickets: Record<string, unknown>[];
  tasks: Record<string, unknown>[];
  chatIdentities: Record<string, unknown>[];
  auditTrail: Record<string, unknown>[];
}

export interface EraseResult {
  contactId: string;
  erasedAt: Date;
  chatIdentitiesDeleted: number;
  conversationReferencesDeleted: number;
  surveyCommentsCleared: number;
  interactionsScrubbed: number;
}

export interface OptOutFlags {
  surveys?: boolean;
  greetings?: boolean;
}

/** JSON-safe copy: Dates to ISO strings, Decimals to numbers. */
const plain = <T>(v: T): Record<string, unknown> =>
  JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))) as Record<string, unknown>;


export class PrivacyService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  /** Right of access: everything about the contact as JSON. Staff who may see the contact. */
  async exportContact(actor: AnyActor, contactId: string): Promise<ContactExport> {
    const contact = await getVisibleContact(this.db, actor, contactId);
    const t = actor.tenantId;
    const [account, interactions, surveys, greetings, tickets, tasks, chatIdentities, auditTrail] = await Promise.all([
      contact.accountId ? this.db.account.findFirst({ where: { id: contact.accountId, tenantId: t }, select: { id: true, name: true } }) : null,
      this.db.interaction.findMany({
        where: { tenantId: t, OR: [{ contactId }, { participants: { some: { contactId } } }] },
        orderBy: { occurredAt: 'asc' },
      }),
      this.db.survey.findMany({ where: { tenantId: t, contactId }, include: { response: true }, orderBy: { createdAt: 'asc' } }),
      this.db.greeting.findMany({ where: { tenantId: t, contactId }, orderBy: { scheduledAt: 'asc' } }),
      this.db.ticket.findMany({ where: { tenantId: t, contactId }, orderBy: { openedAt: 'asc' } }),
      this.db.task.findMany({ where: { tenantId: t, contactId }, orderBy: { createdAt: 'asc' } }),
      this.db.chatIdentity.findMany({ where: { tenantId: t, contactId }, select: { channel: true, externalId: true, createdAt: true } }),
      this.db.auditLog.findMany({
        where: { tenantId: t, entityType: 'Contact', entityId: contactId },
        select: { action: true, actorKind: true, actorId: true, before: true, after: true, createdAt: true },
        orderBy: { createdAt: 'asc' },
      }),
    ]);
    const exportedAt = this.clock.now();
    await this.db.$transaction((tx) =>
      audit(tx, actor, { action: AUDIT.contactExport, entityType: 'Contact', entityId: contactId, after: { exportedAt } }),
    );
    return {
      exportedAt: exportedAt.toISOString(),
      contact: plain({ ...toContactDto(contact), consentAt: contact.consentAt, createdAt: contact.createdAt }),
      account,
      interactions: interactions.map(plain),
      surveys: surveys.map(plain),
      greetings: greetings.map(plain),
      tickets: tickets.map(plain),
      tasks: tasks.map(plain),
      chatIdentities: chatIdentities.map(plain),
      auditTrail: auditTrail.map(plain),
    };
  }

  /** Right to erasure. Managers and admins only; the contact row stays as an anonymous shell. */
  async eraseContact(actor: AnyActor, contactId: string): Promise<EraseResult> {
    requireStaff(actor);
    if (actor.kind === 'user' && actor.role === 'rep') {
      throw new ForbiddenError('erasure needs a manager or admin', {
        en: 'Erasing a contact needs a manager or an admin; ask yours to do it.',
        zh: '删除联系人个人数据需要经理或管理员操作，请联系你的经理。',
      });
    }
    const contact = await getVisibleContact(this.db, actor, contactId);
    const names = [contact.name, ...contact.aliases, contact.email ?? '', contact.phone ?? '']
      .map((n) => n.trim())
      .filter((n) => n.length >= 2 || /\p{Script=Han}/u.test(n))
      .sort((a, b) => b.length - a.length);
    const scrub = (text: string | null) =>
      text && names.length ? text.replace(new RegExp(names.map(escapeRe).join('|'), 'giu'), SCRUBBED) : text;
    const t = actor.tenantId;
    const now = this.clock.now();
    const erasedById = actor.kind === 'user' ? actor.userId : null;
    return this.db.$transaction(async (tx) => {
      await tx.contact.update({
        where: { id: contactId },
        data: {
          name: ERASED,
          aliases: [],
          title: null,
          email: null,
          phone: null,
          birthday: null,
          birthMonth: null,
          birthDay: null,
          timezone: null,
          locale: null,
          region: null,
          preferredChannel: null,
          externalId: null,
          surveyOptOut: true,
          greetingOptOut: true,
          erasedAt: now,
          erasedById,
        },
      });
      const chatIdentitiesDeleted = (await tx.chatIdentity.deleteMany({ where: { tenantId: t, contactId } })).count;
      const conversationReferencesDeleted = (await tx.conversationReference.deleteMany({ where: { tenantId: t, contactId } })).count;
      const surveyCommentsCleared = (
        await tx.surveyResponse.updateMany({ where: { tenantId: t, survey: { contactId } }, data: { comment: null } })
      ).count;
      // Pending surveys and greetings must not go out any more; sent ones lose their text.
      await tx.survey.updateMany({
        where: { tenantId: t, contactId, status: { in: ['scheduled', 'sent', 'reminded'] } },
        data: { status: 'cancelled', closedAt: now },
      });
      await tx.greeting.updateMany({
        where: { tenantId: t, contactId, status: { in: ['pending_approval', 'scheduled'] } },
        data: { status: 'skipped' },
      });
      await tx.greeting.updateMany({ where: { tenantId: t, contactId }, data: { text: null } });
      const interactions = await tx.interaction.findMany({
        where: { tenantId: t, OR: [{ contactId }, { participants: { some: { contactId } } }] },
        select: { id: true, summary: true, nextStep: true },
      });
      let interactionsScrubbed = 0;
      for (const i of interactions) {
        const summary = scrub(i.summary) ?? '';
        const nextStep = scrub(i.nextStep);
        if (summary !== i.summary || nextStep !== i.nextStep) {
          await tx.interaction.update({ where: { id: i.id }, data: { summary, nextStep } });
          interactionsScrubbed++;
        }
      }
      const tickets = await tx.ticket.findMany({ where: { tenantId: t, contactId }, select: { id: true, subject: true, description: true } });
      for (const k of tickets) {
        await tx.ticket.update({
          where: { id: k.id },
          data: { subject: scrub(k.subject) ?? '', description: scrub(k.description) ?? '' },
        });
      }
      const tasks = await tx.task.findMany({ where: { tenantId: t, contactId }, select: { id: true, title: true } });
      for (const k of tasks) await tx.task.update({ where: { id: k.id }, data: { title: scrub(k.title) ?? '' } });
      // Earlier audit rows about the contact hold their personal data in before/after.
      await tx.auditLog.updateMany({
        where: { tenantId: t, entityType: 'Contact', entityId: contactId },
        data: { before: { erased: true }, after: { erased: true } },
      });
      await audit(tx, actor, {
        action: AUDIT.contactErase,
        entityType: 'Contact',
        entityId: contactId,
        after: { erasedAt: now, erasedById, actorKind: actor.kind },
      });
      return { contactId, erasedAt: now, chatIdentitiesDeleted, conversationReferencesDeleted, surveyCommentsCleared, interactionsScrubbed };
    });
  }

  /** Staff who see the contact, or the contact themselves, may switch surveys/greetings off (or on). */
  async setOptOut(actor: AnyActor, contactId: string, flags: OptOutFlags) {
    if (flags.surveys === undefined && flags.greetings === undefined) {
      throw new ValidationError('flags', 'Opt out of surveys, greetings, or both?', '要退订调查、节日问候，还是两者都退订？');
    }
    let contact;
    if (actor.kind === 'contact') {
      if (actor.contactId !== contactId) {
        throw new ForbiddenError('a contact may only change their own preferences', {
          en: 'You can only change your own preferences.',
          zh: '你只能修改自己的偏好设置。',
        });
      }
      contact = await this.db.contact.findFirst({ where: { id: contactId, tenantId: actor.tenantId, erasedAt: null } });
      if (!contact) throw new NotFoundError('Contact', contactId, { en: 'your details', zh: '你的信息' });
    } else {
      contact = await getVisibleContact(this.db, actor, contactId);
    }
    const before: Record<string, boolean> = {};
    const after: Record<string, boolean> = {};
    if (flags.surveys !== undefined && flags.surveys !== contact.surveyOptOut) {
      before.surveyOptOut = contact.surveyOptOut;
      after.surveyOptOut = flags.surveys;
    }
    if (flags.greetings !== undefined && flags.greetings !== contact.greetingOptOut) {
      before.greetingOptOut = contact.greetingOptOut;
      after.greetingOptOut = flags.greetings;
    }
    const current = { contactId, surveyOptOut: contact.surveyOptOut, greetingOptOut: contact.greetingOptOut };
    if (!Object.keys(after).length) return current;
    return this.db.$transaction(async (tx) => {
      const updated = await tx.contact.update({ where: { id: contactId }, data: after });
      if (after.surveyOptOut) {
        await tx.survey.updateMany({
          where: { tenantId: actor.tenantId, contactId, status: 'scheduled' },
          data: { status: 'cancelled', closedAt: this.clock.now() },
        });
      }
      if (after.greetingOptOut) {
        await tx.greeting.updateMany({
          where: { tenantId: actor.tenantId, contactId, status: { in: ['pending_approval', 'scheduled'] } },
          data: { status: 'skipped' },
        });
      }
      await audit(tx, actor, { action: AUDIT.contactUpdate, entityType: 'Contact', entityId: contactId, before, after });
      return { contactId, surveyOptOut: updated.surveyOptOut, greetingOptOut: updated.greetingOptOut };
    });
  }
}
