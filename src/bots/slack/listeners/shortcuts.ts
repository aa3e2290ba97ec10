// The "Log to CRM" message shortcut: a modal prefilled with the message (submitted in views.ts).
import type { App, MessageShortcut } from '@slack/bolt';
import type { Locale } from '../../../domain/shared/errors.ts';
import { logModalWords } from '../../../intents/modal-words.ts';
import { isDatabaseDown, unavailableReply } from '../../unavailable.ts';
import { fromSlackText, guessLocale } from '../slack-text.ts';
import type { ListenerDeps } from '../turn.ts';
import { logMessageModal, type ModalOrigin } from '../views.ts';

export function register(app: App, deps: ListenerDeps): void {
  const { turn, log } = deps;

  app.shortcut<MessageShortcut>({ callback_id: 'log_to_crm', type: 'message_action' }, async ({ ack, shortcut: s, client, context, respond }) => {
    await ack();
    const teamId = context.teamId ?? s.team?.id ?? '';
    const text = fromSlackText(s.message.text, context.botUserId);
    let locale: Locale = guessLocale(text);
    try {
      const { lookup } = await turn.whoIs({ teamId, enterpriseId: context.enterpriseId, userId: s.user.id, client });
      if (!lookup.ok || lookup.actor.kind !== 'user') {
        await respond({ response_type: 'ephemeral', text: logModalWords(locale).staffOnly });
        return;
      }
      locale = lookup.actor.locale;
      const threadTs = (s.message.thread_ts as string | undefined) ?? s.message.ts;
      const origin: ModalOrigin = { team: teamId, channel: s.channel.id, messageTs: s.message.ts, threadTs, responseUrl: s.response_url, id: s.message.ts };
      await client.views.open({ trigger_id: s.trigger_id, view: logMessageModal(locale, text, origin) });
    } catch (err) {
      if (isDatabaseDown(err)) await respond({ response_type: 'ephemeral', text: unavailableReply(locale).text }).catch(() => undefined);
      else log.error({ err }, 'Log to CRM shortcut failed');
    }
  });
}
