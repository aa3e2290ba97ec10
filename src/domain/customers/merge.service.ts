// Merging duplicates: everything hanging off the loser moves to the winner, aliases are united,
// the loser stays as a tombstone (`mergedIntoId`) so old references and audit rows still resolve.
import type { Db, PrismaClient } from '../shared/db.ts';
import type { Clock } from '../shared/clock.ts';
import type { AnyActor } from '../shared/access.ts';
import { getVisibleContact } from '../shared/access.ts';
import { audit } from '../shared/audit.ts';
import { ValidationError } from '../shared/errors.ts';
import { AUDIT, type AuditAction } from '../audit/actions.ts';
import { getEditableAccount, unionAliases } from './account-access.ts';
import { toAccountDto, toContactDto, type AccountDto, type ContactDto } from './dto.ts';

export interface MergeResult<T> {
  winner: T;
  loserId: string;
  moved: Record<string, number>;
}

const maxDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/** A merge's two audit rows: the winner gains the aliases (and what moved), the loser points at it. */
async function auditMerge(
  tx: Db,
  actor: AnyActor,
  action: AuditAction,
  entityType: string,
  m: { winnerId: string; loserId: string; aliasesBefore: string[]; aliases: string[]; moved: Record<string, number> },
): Promise<void> {
  const after = { aliases: m.aliases, mergedFromId: m.loserId, moved: m.moved };
  await audit(tx, actor, { action, entityType, entityId: m.winnerId, before: { aliases: m.aliasesBefore }, after });
  await audit(tx, actor, { action, entityType, entityId: m.loserId, before: { mergedIntoId: null }, after: { mergedIntoId: m.winnerId } });
}

export class MergeService {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
  ) {}

  /** Merges `loserId` into `winnerId`; the actor must be allowed to change both. */
  async mergeAccounts(actor: AnyActor, winnerId: string, loserId: string): Promise<MergeResult<AccountDto>> {
    if (winnerId === loserId) {
      throw new ValidationError('loserId', 'An account cannot be merged into itself.', '不能把客户合并到它自己。');
    }
    const winner = await getEditableAccount(this.db, actor, winnerId);
    const loser = await getEditableAccount(this.db, actor, loserId);
    const t = actor.tenantId;
    return this.db.$transaction(async (tx) => {
      const move = { where: { tenantId: t, accountId: loserId }, data: { accountId: winnerId } };
      const moved: Record<string, number> = {
        contacts: (await tx.contact.updateMany(move)).count,
        interactions: (await tx.interaction.updateMany(move)).count,
        tasks: (await tx.task.updateMany(move)).count,
        tickets: (await tx.ticket.updateMany(move)).count,
        opportunities: (await tx.opportunity.updateMany(move)).count,
        orders: (await tx.order.updateMany(move)).count,
        surveys: (await tx.survey.updateMany(move)).count,
      };
      const shares = await tx.accountShare.findMany({ where: { accountId: loserId } });
      if (shares.length) {
        await tx.accountShare.createMany({
          data: shares.map((s) => ({ accountId: winnerId, userId: s.userId })),
          skipDuplicates: true,
        });
      }
      const aliases = unionAliases(winner.aliases, loser.name, loser.aliases).filter(
        (a) => a.toLowerCase() !== winner.name.toLowerCase(),
      );
      const lastInteractionAt = maxDate(winner.lastInteractionAt, loser.lastInteractionAt);
      const lastOrderAt = maxDate(winner.lastOrderAt, loser.lastOrderAt);
      const updated = await tx.account.update({
        where: { id: winnerId },
        data: {
          aliases,
          lastInteractionAt,
          lastOrderAt,
          industry: winner.industry ?? loser.industry,
          region: winner.region ?? loser.region,
        },
      });
      await tx.account.update({ where: { id: loserId }, data: { mergedIntoId: winnerId } });
      await auditMerge(tx, actor, AUDIT.accountMerge, 'Account', { winnerId, loserId, aliasesBefore: winner.aliases, aliases, moved });
      return { winner: toAccountDto(updated), loserId, moved };
    });
  }

  /** Merges contact `loserId` into `winnerId` (both must be visible to the actor). */
  async mergeContacts(actor: AnyActor, winnerId: string, loserId: string): Promise<MergeResult<ContactDto>> {
    if (winnerId === loserId) {
      throw new ValidationError('loserId', 'A contact cannot be merged into itself.', '不能把联系人合并到自己。');
    }
    const winner = await getVisibleContact(this.db, actor, winnerId);
    const loser = await getVisibleContact(this.db, actor, loserId);
    for (const c of [winner, loser]) {
      if (c.mergedIntoId) {
        throw new ValidationError('contactId', `${c.name} was already merged.`, `${c.name}已被合并。`);
      }
    }
    const t = actor.tenantId;
    return this.db.$transaction(async (tx) => {
      const move = { where: { tenantId: t, contactId: loserId }, data: { contactId: winnerId } };
      // Rows with a uniqueness that includes the contact: drop the loser's duplicates first.
      const winnerParts = await tx.interactionParticipant.findMany({ where: { contactId: winnerId } });
      await tx.interactionParticipant.deleteMany({
        where: { contactId: loserId, interactionId: { in: winnerParts.map((p) => p.interactionId) } },
      });
      const winnerGreetings = await tx.greeting.findMany({ where: { contactId: winnerId } });
      for (const g of winnerGreetings) {
        await tx.greeting.deleteMany({ where: { contactId: loserId, occasion: g.occasion, year: g.year } });
      }
      const moved: Record<string, number> = {
        interactions: (await tx.interaction.updateMany(move)).count,
        participations: (
          await tx.interactionParticipant.updateMany({ where: { contactId: loserId }, data: { contactId: winnerId } })
        ).count,
        tasks: (await tx.task.updateMany(move)).count,
        tickets: (await tx.ticket.updateMany(move)).count,
        surveys: (await tx.survey.updateMany(move)).count,
        greetings: (await tx.greeting.updateMany(move)).count,
        chatIdentities: (await tx.chatIdentity.updateMany(move)).count,
        conversationReferences: (await tx.conversationReference.updateMany(move)).count,
      };
      const aliases = unionAliases(winner.aliases, loser.name, loser.aliases).filter(
        (a) => a.toLowerCase() !== winner.name.toLowerCase(),
      );
      const updated = await tx.contact.update({
        where: { id: winnerId },
        data: {
          aliases,
          accountId: winner.accountId ?? loser.accountId,
          title: winner.title ?? loser.title,
          decisionRole: winner.decisionRole ?? loser.decisionRole,
          email: winner.email ?? loser.email,
          phone: winner.phone ?? loser.phone,
          birthday: winner.birthday ?? loser.birthday,
          birthMonth: winner.birthday ? winner.birthMonth : loser.birthMonth,
          birthDay: winner.birthday ? winner.birthDay : loser.birthDay,
          timezone: winner.timezone ?? loser.timezone,
          locale: winner.locale ?? loser.locale,
          region: winner.region ?? loser.region,
          preferredChannel: winner.preferredChannel ?? loser.preferredChannel,
          surveyOptOut: winner.surveyOptOut || loser.surveyOptOut,
          greetingOptOut: winner.greetingOptOut || loser.greetingOptOut,
          lastInteractionAt: maxDate(winner.lastInteractionAt, loser.lastInteractionAt),
          lastSurveyedAt: maxDate(winner.lastSurveyedAt, loser.lastSurveyedAt),
        },
      });
      await tx.contact.update({ where: { id: loserId }, data: { mergedIntoId: winnerId } });
      await auditMerge(tx, actor, AUDIT.contactMerge, 'Contact', { winnerId, loserId, aliasesBefore: winner.aliases, aliases, moved });
      return { winner: toContactDto(updated), loserId, moved };
    });
  }
}
