// The domain services, built once per process over one Prisma client. The conversation layer,
// the jobs and the web pages all go through these; none of them touches Prisma itself.
import { UndoService } from './domain/audit/index.ts';
import { DialogStateService } from './domain/conversations/dialog-state.service.ts';
import { ConversationReferenceService } from './domain/conversations/conversation-references.ts';
import { EventClaimService } from './domain/conversations/event-claims.ts';
import { IdentityService } from './domain/identity/identity.service.ts';
import { InstallationService } from './domain/identity/installations.ts';
import { AccountService, ContactService, MergeService } from './domain/customers/index.ts';
import { InteractionService } from './domain/interactions/index.ts';
import { PipelineService } from './domain/pipeline/index.ts';
import { PrivacyService } from './domain/privacy/index.ts';
import { ResolutionService } from './domain/resolution/index.ts';
import { RiskService } from './domain/risk/index.ts';
import { SettingsService } from './domain/settings/index.ts';
import { systemClock, type Clock } from './domain/shared/clock.ts';
import type { PrismaClient } from './domain/shared/db.ts';
import { TaskService } from './domain/tasks/index.ts';
import { TicketService } from './domain/tickets/index.ts';
import { ValueService } from './domain/value/index.ts';
import { KpiService } from './domain/kpi/index.ts';
import { ImportExportService } from './domain/io/index.ts';
import { SurveyService } from './domain/surveys/index.ts';
import { GreetingService } from './domain/care/index.ts';
import { DeliveryService, type ChannelRoutingPort, type DeliveryServiceOptions } from './domain/delivery/index.ts';
import { ReminderService } from './domain/reminders/index.ts';
import { AnalyticsService } from './domain/analytics/index.ts';
import { OnboardingService } from './domain/onboarding/index.ts';

/**
 * @param routing where outbound messages go (the adapters' delivery ports, by channel)
 */
export function buildServices(db: PrismaClient, routing: ChannelRoutingPort, clock: Clock = systemClock, opts: { delivery?: DeliveryServiceOptions } = {}) {
  const settings = new SettingsService(db, clock);
  const delivery = new DeliveryService(db, routing, clock, opts.delivery);
  const risk = new RiskService(db, clock);
  const contacts = new ContactService(db, clock);
  return {
    settings,
    accounts: new AccountService(db, clock),
    contacts,
    merge: new MergeService(db, clock),
    resolution: new ResolutionService(db, clock),
    interactions: new InteractionService(db, clock),
    tasks: new TaskService(db, clock),
    undo: new UndoService(db, clock),
    privacy: new PrivacyService(db, clock),
    pipeline: new PipelineService(db, clock),
    tickets: new TicketService(db, clock),
    value: new ValueService(db, clock),
    risk,
    kpi: new KpiService(db, clock),
    io: new ImportExportService(db, clock),
    delivery,
    surveys: new SurveyService(db, delivery, clock),
    greetings: new GreetingService(db, delivery, clock),
    reminders: new ReminderService(db, delivery, risk, clock),
    dialogs: new DialogStateService(db, clock),
    analytics: new AnalyticsService(db, clock),
    onboarding: new OnboardingService(db),
    // What the channel adapters need from the database: who is talking (first contact), events
    // acted on once, where to post later, OAuth installations.
    identity: new IdentityService(db, contacts),
    claims: new EventClaimService(db),
    references: new ConversationReferenceService(db),
    installations: new InstallationService(db),
  };
}

export type Services = ReturnType<typeof buildServices>;

/** What the job workers need: delivery, risk, reminders, surveys and greetings. */
export type EngagementServices = Pick<Services, 'delivery' | 'risk' | 'reminders' | 'surveys' | 'greetings'>;

/** The engagement services, using those `given` and building the rest over `db` (job workers, tests). */
export function buildEngagementServices(
  db: PrismaClient,
  routing: ChannelRoutingPort,
  clock: Clock,
  given: Partial<EngagementServices> = {},
): EngagementServices {
  const delivery = given.delivery ?? new DeliveryService(db, routing, clock);
  const risk = given.risk ?? new RiskService(db, clock);
  return {
    delivery,
    risk,
    reminders: given.reminders ?? new ReminderService(db, delivery, risk, clock),
    surveys: given.surveys ?? new SurveyService(db, delivery, clock),
    greetings: given.greetings ?? new GreetingService(db, delivery, clock),
  };
}
