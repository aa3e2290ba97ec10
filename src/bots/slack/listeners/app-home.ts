// App Home: staff see their tasks, accounts at risk and pipeline; customers are pointed to the
// Messages tab. A database outage gives the claimed event back and says so on the tab.
import type { App } from '@slack/bolt';
import { L } from '../../../domain/shared/locale.ts';
import { unavailableReply, isDatabaseDown } from '../../unavailable.ts';
import { plainSection } from '../blocks.ts';
import { CLAIM_PROPERTY } from '../event-guard.ts';
import { refusal, type ListenerDeps } from '../turn.ts';
import { buildHomeView } from '../views.ts';

export function register(app: App, deps: ListenerDeps): void {
  const { turn, services, claims, log, track } = deps;

  app.event('app_home_opened', async ({ event, context, client, body }) => {
    if (event.tab !== 'home') return;
    const teamId = context.teamId ?? body.team_id ?? '';
    await track(
      (async () => {
        try {
          const { lookup } = await turn.whoIs({ teamId, enterpriseId: context.enterpriseId, userId: event.user, channel: event.channel, isDm: true, client });
          const view =
            lookup.ok && lookup.actor.kind === 'user'
              ? await buildHomeView(services, lookup.actor)
              : { type: 'home' as const, blocks: plainSection(lookup.ok ? L(lookup.actor.locale, 'Rapport is for the sales team. Answer surveys in the Messages tab.', 'Rapport 供销售团队使用。调查请在“消息”标签中作答。') : refusal(lookup.reason, 'en').text) };
          await client.views.publish({ user_id: event.user, view });
        } catch (err) {
          if (isDatabaseDown(err)) {
            const claimed = context[CLAIM_PROPERTY] as string | undefined;
            if (claimed) await claims.release(claimed);
            await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: plainSection(unavailableReply('en').text) } }).catch(() => undefined);
            return;
          }
          log.error({ err }, 'App Home failed');
        }
      })(),
    );
  });
}
