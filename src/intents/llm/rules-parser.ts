import { parse } from '../parser/index.ts';
import type { IntentParser } from '../parser-port.ts';

/** The default: deterministic, bilingual, no network. */
export class RulesParser implements IntentParser {
  async parse(text: string, opts: { now: Date; tz: string }) {
    return { ...parse(text, { now: opts.now, tz: opts.tz }), route: 'rules' as const };
  }
}
