// Modal submissions: "Edit note" (a logged interaction's summary) and "Log to CRM" (a message
// logged against a customer). Both save before the ack, so a refusal shows in the modal, then
// confirm in the thread (or ephemerally) with Undo.
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from '@slack/bolt';
import { DomainError, type Locale } from '../../../domain/shared/errors.ts';
import { editModalWords, logModalWords } from '../../../intents/modal-words.ts';
import type { Reply } from '../../../intents/types.ts';
import { isDatabaseDown, unavailableReply } from '../../unavailable.ts';
import { responseUrlSender, type Target } from '../send.ts';
import { guessLocale } from '../slack-text.ts';
import { slackMessageId, slackThreadRef } from '../thread-ref.ts';
import { sorry, type ListenerDeps } from '../turn.ts';
import { EDIT_CALLBACK, isInteractionType, LOG_CALLBACK, type ModalOrigin } from '../views.ts';

type Submission = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const parseOrigin = (s: string | undefined): ModalOrigin | null => {
  try {
    return s ? (JSON.parse(s) as ModalOrigin) : null;
  } catch {
    return null;
  }
};

/** Where a modal's confirmation goes: its response_url, else the thread it came from. */
function targetOf(origin: ModalOrigin, client: webApi.WebClient): Target | null {
  if (origin.responseUrl) return { kind: 'respond', respond: responseUrlSender(origin.responseUrl) };
  return origin.channel && origin.threadTs ? { kind: 'thread', client, channel: origin.channel, threadTs: origin.threadTs } : null;
}

export function register(app: App, deps: ListenerDeps): void {
  const { turn, send, services, log, track } = deps;

  /** A modal's failure, shown on its `field`. */
  async function refuse({ ack }: Submission, field: string, err: unknown, locale: Locale, what: string): Promise<void> {
    if (err instanceof DomainError) return void (await ack({ response_action: 'errors', errors: { [field]: err.userMessage(locale) } }));
    if (isDatabaseDown(err)) return void (await ack({ response_action: 'errors', errors: { [field]: unavailableReply(locale).text } }));
    log.error({ err }, what);
    await ack({ response_action: 'errors', errors: { [field]: sorry(locale).text } }).catch(() => undefined);
  }

  app.view<ViewSubmitAction>(EDIT_CALLBACK, async (args) => {
    const { ack, body, client, context } = args;
    const origin = parseOrigin(body.view.private_metadata);
    const note = body.view.state.values.note?.value?.value?.trim() ?? '';
    const teamId = context.teamId ?? body.team?.id ?? origin?.team ?? '';
    let locale: Locale = guessLocale(note);
    try {
      const { tenantId, lookup } = await turn.whoIs({ teamId, enterpriseId: context.enterpriseId, userId: body.user.id, client });
      if (!origin || !lookup.ok || lookup.actor.kind !== 'user') {
        await ack({ response_action: 'errors', errors: { note: editModalWords(locale).staffOnly } });
        return;
      }
      const actor = lookup.actor;
      locale = actor.locale;
      const w = editModalWords(locale);
      if (!note) {
        await ack({ response_action: 'errors', errors: { note: w.empty } });
        return;
      }
      // Saved before the ack so a refusal shows in the modal (a single quick write).
      const updated = await services.interactions.updateInteraction(actor, origin.id, { summary: note });
      deps.onCommit?.();
      await ack();
      const reply: Reply = { kind: 'confirmation', text: w.updated(updated.summary), actions: [[{ label: w.undo, value: 'undo', style: 'danger' }]] };
      const target = targetOf(origin, client);
      if (target) await track(send.sendReplies(target, [reply], actor, tenantId, origin.threadKey ?? `slack:user:${body.user.id}`));
    } catch (err) {
      await refuse(args, 'note', err, locale, 'saving an edited note failed');
    }
  });

  app.view<ViewSubmitAction>(LOG_CALLBACK, async (args) => {
    const { ack, body, client, context } = args;
    const origin = parseOrigin(body.view.private_metadata);
    const values = body.view.state.values;
    const who = values.who?.value?.value?.trim() ?? '';
    const type = values.type?.value?.selected_option?.value;
    const note = values.note?.value?.value?.trim() ?? '';
    const teamId = context.teamId ?? body.team?.id ?? origin?.team ?? '';
    let locale: Locale = guessLocale(`${who} ${note}`);
    try {
      const { tenantId, lookup } = await turn.whoIs({ teamId, enterpriseId: context.enterpriseId, userId: body.user.id, client });
      if (!origin?.channel || !origin.messageTs || !lookup.ok || lookup.actor.kind !== 'user') {
        await ack({ response_action: 'errors', errors: { who: logModalWords(locale).staffOnly } });
        return;
      }
      const actor = lookup.actor;
      locale = actor.locale;
      const w = logModalWords(locale);
      const found = await services.resolution.resolve(actor, who, { kind: 'any' });
      if (found.status !== 'found') {
        const msg = found.status === 'ambiguous' ? w.ambiguous(found.candidates) : w.notFound(who, found.suggestions ?? []);
        await ack({ response_action: 'errors', errors: { who: msg.slice(0, 2000) } });
        return;
      }
      const m = found.match;
      const occurredAt = new Date(Math.min(Number(origin.messageTs) * 1000, Date.now()));
      const res = await services.interactions.logInteraction(actor, {
        ...(m.kind === 'contact' ? { contactId: m.id } : { accountId: m.id }),
        type: isInteractionType(type) ? type : 'note',
        occurredAt,
        summary: note,
        channel: 'slack',
        sourceMessageId: `${slackMessageId(teamId, origin.channel, origin.messageTs)}:log`,
      });
      if (!res.duplicate) deps.onCommit?.();
      await ack();
      const reply: Reply = {
        kind: 'confirmation',
        text: res.duplicate ? w.alreadyLogged(m) : w.logged(res.interaction.type, m, note),
        actions: [[{ label: w.undo, value: 'undo', style: 'danger' }, { label: w.edit, value: `edit:interaction:${res.interaction.id}` }]],
      };
      const threadTs = origin.threadTs ?? origin.messageTs;
      const target: Target = targetOf({ ...origin, threadTs }, client)!;
      await track(send.sendReplies(target, [reply], actor, tenantId, slackThreadRef(origin.channel, threadTs)));
    } catch (err) {
      await refuse(args, 'who', err, locale, 'Log to CRM failed');
    }
  });
}
