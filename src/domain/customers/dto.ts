import type { Account, Contact } from '../../generated/prisma/client.ts';

export type TierValue = 'A' | 'B' | 'C';
export type DecisionRoleValue = 'decision_maker' | 'influencer' | 'user' | 'gatekeeper' | 'champion';
export type ChannelValue = 'web' | 'slack' | 'teams' | 'email';

export interface AccountDto {
  id: string;
  name: string;
  aliases: string[];
  industry: string | null;
  region: string | null;
  tier: TierValue;
  lifecycleStage: string;
  ownerId: string | null;
  lastInteractionAt: Date | null;
  mergedIntoId: string | null;
  createdAt: Date;
}

export interface ContactDto {
  id: string;
  accountId: string | null;
  name: string;
  aliases: string[];
  title: string | null;
  decisionRole: DecisionRoleValue | null;
  email: string | null;
  phone: string | null;
  birthday: string | null;
  /** Month and day of the birthday, also when the year is not known (birthday is then null). */
  birthMonth: number | null;
  birthDay: number | null;
  timezone: string | null;
  locale: string | null;
  region: string | null;
  preferredChannel: ChannelValue | null;
  surveyOptOut: boolean;
  greetingOptOut: boolean;
  lastInteractionAt: Date | null;
  mergedIntoId: string | null;
  erasedAt: Date | null;
}

export const toAccountDto = (a: Account): AccountDto => ({
  id: a.id,
  name: a.name,
  aliases: a.aliases,
  industry: a.industry,
  region: a.region,
  tier: a.tier,
  lifecycleStage: a.lifecycleStage,
  ownerId: a.ownerId,
  lastInteractionAt: a.lastInteractionAt,
  mergedIntoId: a.mergedIntoId,
  createdAt: a.createdAt,
});

export const toContactDto = (c: Contact): ContactDto => ({
  id: c.id,
  accountId: c.accountId,
  name: c.name,
  aliases: c.aliases,
  title: c.title,
  decisionRole: c.decisionRole,
  email: c.email,
  phone: c.phone,
  birthday: c.birthday ? c.birthday.toISOString().slice(0, 10) : null,
  birthMonth: c.birthMonth,
  birthDay: c.birthDay,
  timezone: c.timezone,
  locale: c.locale,
  region: c.region,
  preferredChannel: c.preferredChannel,
  surveyOptOut: c.surveyOptOut,
  greetingOptOut: c.greetingOptOut,
  lastInteractionAt: c.lastInteractionAt,
  mergedIntoId: c.mergedIntoId,
  erasedAt: c.erasedAt,
});

/** Default win probability per open stage when an opportunity has none of its own. */
export const STAGE_PROBABILITY: Record<string, number> = {
  qualification: 0.1,
  needs_analysis: 0.2,
  proposal: 0.5,
  negotiation: 0.7,
  closed_won: 1,
  closed_lost: 0,
};
