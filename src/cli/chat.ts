// `rapport chat`: a terminal REPL as a demo user, through the same conversation layer.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import type { Config } from '../config.ts';
import { startApp } from '../app.ts';
import { createLogger } from '../infra/logger.ts';
import { DEMO_TENANT_ID } from '../seed/demo.ts';
import type { Reply } from '../intents/types.ts';

function render(r: Reply): string {
  const out = [r.text];
  for (const s of r.sections ?? []) out.push(`  ${s.title}`, ...s.lines.map((l) => `    • ${l}`));
  const buttons = (r.actions ?? []).flat();
  if (buttons.length) out.push(`  [${buttons.map((b, i) => `${i + 1}) ${b.label}`).join('  ')}]  (type !N to press)`);
  return out.join('\n');
}

export async function runChat(config: Config, userId: string): Promise<number> {
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const app = await startApp(config, { http: false, workers: false, logger });
  try {
    const actor = await app.actors.byIdentity(DEMO_TENANT_ID, 'web', userId);
    if (!actor) {
      process.stderr.write(`Unknown demo user "${userId}". Try demo-rep-zh, demo-rep-en, demo-manager, demo-admin or demo-customer.\n`);
      return 2;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    process.stdout.write(`Talking to Rapport as ${actor.name}. Type "help", or Ctrl+D to quit.\n`);
    let buttons: { value: string; label: string }[] = [];
    for (;;) {
      let line: string;
      try {
        line = await rl.question('> ');
      } catch {
        break;
      }
      const text = line.trim();
      if (!text) continue;
      const press = /^!(\d+)$/.exec(text);
      const action = press ? buttons[Number(press[1]) - 1] : undefined;
      if (press && !action) {
        process.stdout.write('No such button.\n');
        continue;
      }
      const result = await app.chat.handle({
        actor,
        channel: 'web',
        threadKey: `cli:${userId}`,
        text: action ? '' : text,
        action: action?.value,
        messageId: `cli:${randomUUID()}`,
      });
      buttons = result.replies.flatMap((r) => [...(r.actions ?? []).flat(), ...(r.sections ?? []).flatMap((s) => s.actions ?? [])]);
      for (const r of result.replies) process.stdout.write(render(r) + '\n');
    }
    rl.close();
    return 0;
  } finally {
    await app.stop();
  }
}
