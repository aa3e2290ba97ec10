// Every listener kind, registered on the Bolt app (as bolt's starter template does).
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../turn.ts';
import * as actions from './actions.ts';
import * as appHome from './app-home.ts';
import * as messages from './messages.ts';
import * as shortcuts from './shortcuts.ts';
import * as views from './views.ts';

export function registerListeners(app: App, deps: ListenerDeps): void {
  for (const kind of [messages, actions, views, shortcuts, appHome]) kind.register(app, deps);
}
