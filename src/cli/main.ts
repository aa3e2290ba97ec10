// The `rapport` command: serve, worker, migrate, seed, chat, parse.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.ts';

const COMMANDS: Record<string, { summary: string; usage: string }> = {
  serve: {
    summary: 'Start the server: web chat, API, Slack and Teams endpoints, and (by default) the job workers.',
    usage: 'rapport serve [--port <n>] [--host <addr>] [--no-workers]',
  },
  worker: {
    summary: 'Run the job workers only (reminders, surveys, greetings, digests), for scaling out.',
    usage: 'rapport worker',
  },
  migrate: { summary: 'Apply pending database migrations to the configured database.', usage: 'rapport migrate' },
  seed: { summary: 'Create the bilingual demo tenant if it does not exist.', usage: 'rapport seed' },
  chat: {
    summary: 'Talk to Rapport in the terminal as a demo user.',
    usage: 'rapport chat [--user <demo user id>]   (default demo-rep-en)',
  },
  import: {
    summary: 'Import accounts, contacts or orders from CSV (all-or-nothing, idempotent on external_id).',
    usage: 'rapport import <accounts|contacts|orders> <file.csv> [--user demo-manager] [--tenant demo] [--skip-invalid]',
  },
  export: {
    summary: 'Export accounts, contacts or orders as CSV (the import columns).',
    usage: 'rapport export <accounts|contacts|orders> [file.csv] [--user demo-manager] [--tenant demo]',
  },
  parse: {
    summary: 'Print the intent, confidence, language and entities the parser finds (JSON).',
    usage:
      'rapport parse "<text>" [--user <userId>] [--now <ISO time>] [--tz <IANA zone>]\n       rapport parse --jsonl < lines.jsonl   (one {"text", "userId"?, "now"?, "tz"?} per line)',
  },
};

function help(cmd?: string): string {
  if (cmd && COMMANDS[cmd]) return `${COMMANDS[cmd].summary}\n\nUsage: ${COMMANDS[cmd].usage}\n`;
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `Rapport, a conversational CRM for Slack, Teams and the web.\n\nUsage: rapport <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "rapport <command> --help" for a command's options. Configuration comes from environment variables (see .env.example).\n`;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(help());
    return cmd ? 0 : 1;
  }
  if (!COMMANDS[cmd]) {
    process.stderr.write(`Unknown command "${cmd}".\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(help(cmd));
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example and the README's configuration table.\n`);
      return 1;
    }
    throw err;
  }
  switch (cmd) {
    case 'serve': {
      const { values } = parseArgs({
        args: rest,
        options: { port: { type: 'string' }, host: { type: 'string' }, 'no-workers': { type: 'boolean' } },
      });
      const overrides: { -readonly [K in keyof Config]?: Config[K] } = {};
      if (values.port) overrides.PORT = Number(values.port);
      if (values.host) overrides.HOST = values.host;
      if (values['no-workers']) overrides.RAPPORT_WORKERS = false;
      const { runServe } = await import('./serve.ts');
      return runServe({ ...config, ...overrides });
    }
    case 'worker': {
      const { runWorker } = await import('./serve.ts');
      return runWorker(config);
    }
    case 'migrate': {
      const { runMigrate } = await import('./tools.ts');
      return runMigrate(config);
    }
    case 'seed': {
      const { runSeed } = await import('./tools.ts');
      return runSeed(config);
    }
    case 'chat': {
      const { values } = parseArgs({ args: rest, options: { user: { type: 'string', default: 'demo-rep-en' } } });
      const { runChat } = await import('./chat.ts');
      return runChat(config, values.user ?? 'demo-rep-en');
    }
    case 'import':
    case 'export': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { user: { type: 'string', default: 'demo-manager' }, tenant: { type: 'string', default: 'demo' }, 'skip-invalid': { type: 'boolean' } },
      });
      const { runImport, runExport } = await import('./csv.ts');
      const common = { kind: positionals[0], file: positionals[1], user: values.user ?? 'demo-manager', tenant: values.tenant ?? 'demo' };
      return cmd === 'import' ? runImport(config, { ...common, skipInvalid: Boolean(values['skip-invalid']) }) : runExport(config, common);
    }
    case 'parse': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          user: { type: 'string' },
          now: { type: 'string' },
          tz: { type: 'string' },
          jsonl: { type: 'boolean' },
        },
      });
      const { runParse } = await import('./parse.ts');
      return runParse(config, { ...values, text: positionals.join(' ') });
    }
  }
  return 2;
}

const code = await main(process.argv.slice(2));
if (code !== -1) process.exitCode = code;
