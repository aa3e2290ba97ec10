// Block Kit rendering of the channel-neutral Reply. Slack's limits shape it: 50 blocks per message,
// 3,000 characters per section text, 25 elements per actions block, 75 characters per button label,
// 2,000 per button value, 255 per block_id. User text is always escaped (&, <, >) and sections
// are `verbatim`, so nothing a user typed can become a mention, a channel link or a URL.
import { randomBytes } from 'node:crypto';
import type { types } from '@slack/bolt';
import type { MessageAction } from '../../domain/shared/ports.ts';
import type { Locale } from '../../domain/shared/errors.ts';
import { L } from '../../domain/shared/locale.ts';
import type { Reply, ReplySection } from '../../intents/types.ts';

export type Block = types.KnownBlock;
type Button = types.Button;

export const MAX_BLOCKS = 50;
export const MAX_TEXT = 3000;
const MAX_BUTTONS = 25;
const MAX_LABEL = 75;
const MAX_VALUE = 2000;
const MAX_BLOCK_ID = 255;

/** Button values the adapter handles itself rather than the chat engine. */
export const MORE_PREFIX = 'slack-more:';

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Splits text at line breaks (or hard, for one huge line) into pieces of at most `max` characters. */
export function chunkText(text: string, max = MAX_TEXT): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      if (cur) {
        out.push(cur);
        cur = '';
      }
      out.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    const next = cur ? `${cur}\n${rest}` : rest;
    if (next.length > max) {
      out.push(cur);
      cur = rest;
    } else cur = next;
  }
  if (cur) out.push(cur);
  return out.length ? out : [''];
}

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function section(text: string, blockId?: string, accessory?: Button): Block {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: text || ' ', verbatim: true },
    ...(blockId ? { block_id: blockId } : {}),
    ...(accessory ? { accessory } : {}),
  };
}

function textSections(escaped: string): Block[] {
  return chunkText(escaped).map((t) => section(t));
}

/**
 * block_id of a block with buttons: `rk|<render id>.<group>|<n>|<threadKey>`. The thread key rides
 * along so a button on an ephemeral message or the App Home finds its dialog; the group tells which
 * buttons to take away when one of them is pressed (the reply's own rows, or one section's).
 */
export function blockId(renderId: string, group: string, n: number, threadKey: string): string {
  const id = `rk|${renderId}.${group}|${n}|${threadKey}`;
  return id.length <= MAX_BLOCK_ID ? id : `rk|${renderId}.${group}|${n}|`;
}

export function parseBlockId(id: string | undefined): { group: string; threadKey: string | null } | null {
  if (!id?.startsWith('rk|')) return null;
  const [, group, , ...rest] = id.split('|');
  if (!group) return null;
  const threadKey = rest.join('|');
  return { group, threadKey: threadKey || null };
}

let buttonSeq = 0;
function button(a: MessageAction): Button {
  buttonSeq = (buttonSeq + 1) % 1_000_000;
  return {
    type: 'button',
    // Unique per button (Slack rejects duplicates in one message); the listener matches the prefix.
    action_id: `rapport:${buttonSeq}:${randomBytes(3).toString('hex')}`,
    text: { type: 'plain_text', text: truncate(a.label, MAX_LABEL) || '·', emoji: true },
    value: a.value.slice(0, MAX_VALUE),
    ...(a.style ? { style: a.style } : {}),
  };
}

function actionBlocks(rows: MessageAction[][], renderId: string, group: string, threadKey: string): Block[] {
  const blocks: Block[] = [];
  let n = 0;
  for (const row of rows) {
    for (let i = 0; i < row.length; i += MAX_BUTTONS) {
      const elements = row.slice(i, i + MAX_BUTTONS).map(button);
      if (elements.length) blocks.push({ type: 'actions', block_id: blockId(renderId, group, n++, threadKey), elements });
    }
  }
  return blocks;
}

/** One section of a list (an at-risk account, a task): its text plus its buttons, kept together. */
function sectionUnit(s: ReplySection, index: number, renderId: string, threadKey: string): Block[] {
  const title = s.title ? `*${escapeText(s.title)}*` : '';
  const body = s.lines.map((l) => escapeText(l)).join('\n');
  const text = truncate([title, body].filter(Boolean).join('\n'), MAX_TEXT);
  const actions = s.actions ?? [];
  const group = `s${index}`;
  if (actions.length === 1) return [section(text, blockId(renderId, group, 0, threadKey), button(actions[0]!))];
  return [section(text), ...actionBlocks([actions], renderId, group, threadKey)];
}

export interface RenderedMessage {
  /** Notification / fallback text (escaped). */
  text: string;
  blocks: Block[];
}

export interface RenderedReply {
  first: RenderedMessage;
  /** Sections that did not fit in 50 blocks; shown by the "More" button. */
  rest: { sections: ReplySection[]; actions: MessageAction[][]; offset: number } | null;
}

export interface RenderOptions {
  threadKey: string;
  locale: Locale;
  /** Key under which the caller stores `rest` for the More button. */
  moreKey?: () => string;
  /** Index of the first section (for pages after the first). */
  offset?: number;
  /** Block budget (an update appends to an existing message). */
  maxBlocks?: number;
}

export function newRenderId(): string {
  return randomBytes(3).toString('hex');
}

/** Renders one Reply as one message; sections beyond the block budget go behind a More button. */
export function renderReply(reply: Pick<Reply, 'text' | 'sections' | 'actions'>, opts: RenderOptions): RenderedReply {
  const renderId = newRenderId();
  const maxBlocks = opts.maxBlocks ?? MAX_BLOCKS;
  const head = reply.text ? textSections(escapeText(reply.text)) : [];
  const tail = actionBlocks(reply.actions ?? [], renderId, 'r', opts.threadKey);
  const sections = reply.sections ?? [];
  const offset = opts.offset ?? 0;
  const units = sections.map((s, i) => sectionUnit(s, offset + i, renderId, opts.threadKey));
  const total = head.length + units.reduce((n, u) => n + u.length, 0) + tail.length;
  const fallback = truncate(escapeText(reply.text || sections[0]?.title || ' '), MAX_TEXT);
  if (total <= maxBlocks || !opts.moreKey) {
    const blocks = [...head, ...units.flat(), ...tail].slice(0, maxBlocks);
    return { first: { text: fallback, blocks }, rest: null };
  }
  // Page: head, as many whole sections as fit, then a "More" button (1 block).
  const budget = maxBlocks - head.length - 1;
  const page: Block[] = [];
  let shown = 0;
  for (const u of units) {
    if (page.length + u.length > budget) break;
    page.push(...u);
    shown++;
  }
  const key = opts.moreKey();
  const remaining = sections.length - shown;
  const more: Block = {
    type: 'actions',
    block_id: blockId(renderId, 'more', 0, opts.threadKey),
    elements: [button({ label: L(opts.locale, `More (${remaining})`, `更多（${remaining}）`), value: `${MORE_PREFIX}${key}` })],
  };
  return {
    first: { text: fallback, blocks: [...head, ...page, more] },
    rest: { sections: sections.slice(shown), actions: reply.actions ?? [], offset: offset + shown },
  };
}

/** The message after a button press: the pressed group's buttons removed, the outcome appended. */
export function afterPress(original: Block[], pressedBlockId: string | undefined, outcome: Block[], pressedLabel: string | undefined): Block[] | null {
  const parsed = parseBlockId(pressedBlockId);
  const prefix = parsed ? `rk|${parsed.group}|` : null;
  const kept = original.flatMap((b): Block[] => {
    const id = (b as { block_id?: string }).block_id;
    if (!prefix || !id?.startsWith(prefix)) return [b];
    if (b.type === 'actions') return [];
    // A section whose accessory was the button: keep the text, drop the button.
    const { accessory: _drop, ...rest } = b as types.SectionBlock;
    return [rest as Block];
  });
  const note: Block[] = pressedLabel ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `✓ ${escapeText(pressedLabel)}`, verbatim: true }] }] : [];
  const blocks = [...kept, ...note, ...outcome];
  return blocks.length <= MAX_BLOCKS ? blocks : null;
}

/** Renders an outbound message (reminder card, survey, alert) with its button rows. */
export function renderOutbound(text: string, actions: MessageAction[][] | undefined, threadKey: string, mention?: string): RenderedMessage {
  const renderId = newRenderId();
  const body = `${mention ? `<@${mention}> ` : ''}${escapeText(text)}`;
  const blocks = [...textSections(body), ...actionBlocks(actions ?? [], renderId, 'r', threadKey)].slice(0, MAX_BLOCKS);
  return { text: truncate(body, MAX_TEXT), blocks };
}

export function contextBlock(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: escapeText(text), verbatim: true }] };
}

export function plainSection(text: string): Block[] {
  return textSections(escapeText(text));
}
