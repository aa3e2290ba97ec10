import type { Config } from '../../config.ts';
import type { Logger } from '../../infra/logger.ts';
import type { IntentParser } from '../parser-port.ts';
import { RulesParser } from './rules-parser.ts';

/** The rules by default; with OPENAI_API_KEY, the LLM route for messages the rules are unsure of. */
export async function createParser(config: Config, logger: Logger): Promise<IntentParser> {
  const rules = new RulesParser();
  if (!config.OPENAI_API_KEY) return rules;
  // LangChain is loaded only when the LLM route is on.
  const { createOpenAiModel, LlmParser } = await import('./llm-parser.ts');
  const opts = { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL, timeoutMs: config.OPENAI_TIMEOUT_MS };
  logger.info({ model: opts.model, baseURL: opts.baseURL ?? 'default' }, 'LLM route on for uncertain messages');
  return new LlmParser(createOpenAiModel(opts), rules, logger, { timeoutMs: opts.timeoutMs });
}
