import type { ParseResult } from './parser/index.ts';

export interface ParseInput {
  now: Date;
  tz: string;
}

/** Turns text into the intent contract. The default is deterministic; an LLM route may wrap it. */
export interface IntentParser {
  parse(text: string, opts: ParseInput): Promise<ParseResult & { route?: 'rules' | 'llm' }>;
}
