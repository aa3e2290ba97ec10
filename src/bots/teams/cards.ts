// Channel-neutral replies as Adaptive Cards (schema 1.5) for Teams.
//
// Text safety: TextBlock and FactSet run their text through a Markdown subset (bold, italic,
// lists, links) and `{{DATE()}}`/`{{TIME()}}` functions, so a contact named "*Acme* [x](…)"
// would render as formatting or a link. Free text (reply text, section lines) therefore goes
// into RichTextBlock/TextRun, which Adaptive Cards never treat as Markdown; the few places that
// must be TextBlock/FactSet get `escapeCardMarkdown`.
//
// Buttons: `Action.Execute` (Universal Actions, verb 'rapport', data { value }) so a press
// arrives as an `adaptiveCard/action` invoke and the card updates in place; each carries an
// `Action.Submit` fallback with the same data for clients without Universal Actions (those
// post a message activity whose `value` holds the data plus any inputs).
import type { MessageAction } from '../../domain/shared/ports.ts';
import type { Reply, ReplySection } from '../../intents/types.ts';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ACTION_VERB = 'rapport';
/** Id of the optional free-text input on survey cards (sent with the rating or "Add a comment"). */
export const COMMENT_INPUT_ID = 'comment';

export type CardElement = Record<string, unknown>;
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  msteams?: { width: 'Full' };
  [key: string]: unknown;
}

/** What a card button posts back, in Action.Execute `data` and Action.Submit `data`. */
export interface CardActionData {
  value: string;
  [input: string]: unknown;
}

/** Backslash-escapes Markdown the Adaptive Card subset understands, and defuses {{DATE()}}. */
export function escapeCardMarkdown(s: string): string {
  return s
    .replace(/[\\`*_[\]()~#>|]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+])(?=\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.')
    .replace(/\{\{/g, '{\u200b{');
}

/** Plain text that no host interprets: RichTextBlock/TextRun has no Markdown. */
function plain(text: string, opts: { weight?: 'bolder'; color?: 'attention' | 'good'; subtle?: boolean; size?: 'medium' } = {}): CardElement {
  return {
    type: 'RichTextBlock',
    inlines: [
      {
        type: 'TextRun',
        // Text functions are not applied to TextRun, but defuse them anyway for older hosts.
        text: text.replace(/\{\{/g, '{\u200b{'),
        ...(opts.weight ? { weight: opts.weight } : {}),
        ...(opts.color ? { color: opts.color } : {}),
        ...(opts.subtle ? { isSubtle: true } : {}),
        ...(opts.size ? { size: opts.size } : {}),
      },
    ],
  };
}

function paragraphs(text: string, opts: Parameters<typeof plain>[1] = {}): CardElement[] {
  return text
    .split(/\n+/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim().length > 0)
    .map((l, i) => ({ ...plain(l, opts), ...(i > 0 ? { spacing: 'small' } : {}) }));
}

export function cardAction(a: MessageAction): CardElement {
  const data: CardActionData = { value: a.value };
  const style = a.style === 'primary' ? 'positive' : a.style === 'danger' ? 'destructive' : undefined;
  const common = { title: a.label, data, ...(style ? { style } : {}) };
  return {
    type: 'Action.Execute',
    verb: ACTION_VERB,
    ...common,
    fallback: { type: 'Action.Submit', ...common },
  };
}

/** Teams shows at most 6 buttons per ActionSet; longer rows wrap into more sets. */
function actionSets(rows: MessageAction[][]): CardElement[] {
  const sets: CardElement[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length; i += 6) {
      sets.push({ type: 'ActionSet', actions: row.slice(i, i + 6).map(cardAction) });
    }
  }
  return sets;
}

const FACT = /^([^:：\n]{1,40})[:：]\s+(.+)$/;

function sectionElement(s: ReplySection): CardElement {
  const items: CardElement[] = [plain(s.title, { weight: 'bolder' })];
  const facts = s.lines.map((l) => FACT.exec(l));
  if (s.lines.length > 1 && facts.every(Boolean)) {
    items.push({
      type: 'FactSet',
      facts: facts.map((m) => ({ title: escapeCardMarkdown(m![1]!.trim()), value: escapeCardMarkdown(m![2]!.trim()) })),
    });
  } else {
    for (const line of s.lines) items.push({ ...plain(line, { subtle: true }), spacing: 'none' });
  }
  if (s.actions?.length) items.push(...actionSets([s.actions]));
  return { type: 'Container', separator: true, spacing: 'medium', items };
}

const isSurveyAction = (v: string) => /^survey(-comment)?:/.test(v);

/** One reply as one card. */
export function replyCard(reply: Reply): AdaptiveCard {
  const body: CardElement[] = [];
  body.push(...paragraphs(reply.text, reply.kind === 'error' ? { color: 'attention' } : {}));
  for (const s of reply.sections ?? []) body.push(sectionElement(s));
  const rows = reply.actions ?? [];
  // Surveys and "Add a comment": a comment box whose text travels with the pressed button.
  if (rows.some((r) => r.some((a) => isSurveyAction(a.value)))) {
    body.push({
      type: 'Input.Text',
      id: COMMENT_INPUT_ID,
      isMultiline: true,
      maxLength: 2000,
      placeholder: 'Comment (optional) · 留言（可选）',
    });
  }
  body.push(...actionSets(rows));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
  };
}

/**
 * The same attachments with every `Action.Execute` replaced by its `Action.Submit` fallback, for
 * Bot Framework clients other than Teams: Microsoft's Web Chat (and the Emulator, which embeds
 * it) renders Action.Execute — its Adaptive Cards library knows the type, so the fallback is never
 * used — but does nothing when it is pressed.
 */
export function withSubmitActions<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withSubmitActions(v)) as T;
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (o.type === 'Action.Execute') {
    const fallback = o.fallback && typeof o.fallback === 'object' ? (o.fallback as Record<string, unknown>) : null;
    const { verb: _verb, fallback: _fallback, ...rest } = o;
    return withSubmitActions(fallback ?? { ...rest, type: 'Action.Submit' }) as T;
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, withSubmitActions(v)])) as T;
}

/** A one-line notice card (used when a card is acknowledged without a reply). */
export function noticeCard(text: string): AdaptiveCard {
  return replyCard({ kind: 'info', text });
}

export function cardAttachment(card: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: CARD_CONTENT_TYPE, content: card };
}

/** The message activity for one reply; `summary` is what notifications and previews show. */
export function replyActivity(reply: Reply): { type: 'message'; summary: string; attachments: ReturnType<typeof cardAttachment>[] } {
  return { type: 'message', summary: reply.text.slice(0, 200), attachments: [cardAttachment(replyCard(reply))] };
}

/**
 * Reads a pressed button from Action.Execute `data` or an Action.Submit message `value`.
 * Returns null when it is not one of ours.
 */
export function readCardAction(data: unknown): { value: string; comment?: string } | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (typeof d.value !== 'string' || !d.value || d.value.length > 500) return null;
  const comment = typeof d[COMMENT_INPUT_ID] === 'string' ? (d[COMMENT_INPUT_ID] as string).trim().slice(0, 2000) : '';
  return comment ? { value: d.value, comment } : { value: d.value };
}
