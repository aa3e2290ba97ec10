// The app of the chat-API conversation tests: started once per file at the dialog scenarios' clock
// (Wednesday 2026-11-25 10:00 UTC: 18:00 in Shanghai, 05:00 in New York), stopped and the clock put
// back after. Returns a handle whose `chat` and `app` reach the app once it has started.
import { afterAll, beforeAll } from 'vitest';
import { restoreClock, setClock } from '../scenarios/runner/clock.ts';
import { startTestApp, type TestApp } from './app.ts';

export function appAtScenarioClock(): Pick<TestApp, 'chat' | 'app'> {
  let started: TestApp | undefined;
  beforeAll(async () => {
    setClock('2026-11-25T10:00:00Z');
    started = await startTestApp();
  });
  afterAll(async () => {
    await started?.stop();
    restoreClock();
  });
  return {
    chat: (...args) => started!.chat(...args),
    get app() {
      return started!.app;
    },
  };
}
