// Views: the App Home tab (my tasks, my at-risk accounts, my pipeline) and the modals (edit a
// logged note, log a message to the CRM). Home views allow 100 blocks; modal inputs 3,000 chars.
import type { types } from '@slack/bolt';
import type { Actor } from '../../domain/shared/actor.ts';
import type { Locale } from '../../domain/shared/errors.ts';
import { L } from '../../domain/shared/locale.ts';
import { formatMoney, formatWhen } from '../../intents/format.ts';
import { editModalWords, logModalWords } from '../../intents/modal-words.ts';
import type { Services } from '../../services.ts';
import { blockId, contextBlock, escapeText, newRenderId, type Block } from './blocks.ts';
import { homeThreadKey } from './thread-ref.ts';

const MAX_HOME_BLOCKS = 100;

export const EDIT_CALLBACK = 'rapport_edit_interaction';
export const LOG_CALLBACK = 'rapport_log_message';

type StaffActor = Extract<Actor, { kind: 'user' }>;

function button(label: string, value: string, style?: 'primary' | 'danger'): types.Button {
  return { type: 'button', action_id: `rapport:home:${value}`.slice(0, 255), text: { type: 'plain_text', text: label.slice(0, 75), emoji: true }, value, ...(style ? { style } : {}) };
}

function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: text.slice(0, 150), emoji: true } };
}

function mrkdwn(text: string, accessory?: types.Button, id?: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) || ' ', verbatim: true }, ...(accessory ? { accessory } : {}), ...(id ? { block_id: id } : {}) };
}

/** The App Home tab of one staff member. A failing part shows a line saying so, not a blank tab. */
export async function buildHomeView(services: Services, actor: StaffActor, opts: { now?: Date; notice?: string } = {}): Promise<types.HomeView> {
  const locale = actor.locale;
  const now = opts.now ?? new Date();
  const tk = homeThreadKey('');
  const rid = newRenderId();
  const blocks: Block[] = [header(L(locale, `Rapport — ${actor.name}`, `Rapport — ${actor.name}`))];
  if (opts.notice) blocks.push(contextBlock(opts.notice));

  blocks.push({ type: 'divider' }, mrkdwn(`*${L(locale, 'My tasks: due today and overdue', '我的任务：今天到期和已逾期')}*`));
  try {
    const tasks = await services.tasks.listOpen(actor, { filter: 'today', limit: 15 });
    if (!tasks.length) blocks.push(contextBlock(L(locale, 'Nothing due today. 🎉', '今天没有到期任务。🎉')));
    tasks.forEach((t, i) => {
      const overdue = t.dueAt.getTime() < now.getTime();
      const when = formatWhen(t.dueAt, actor.timezone, locale, now);
      blocks.push(
        mrkdwn(`${overdue ? '⚠️ ' : '• '}${escapeText(t.title)} — ${escapeText(when)}${overdue ? L(locale, ' (overdue)', '（已逾期）') : ''}`, button(L(locale, 'Done', '完成'), `task:done:${t.id}`, 'primary'), blockId(rid, `t${i}`, 0, tk)),
      );
    });
  } catch {
    blocks.push(contextBlock(L(locale, 'Tasks are unavailable right now.', '任务暂时无法加载。')));
  }

  const scope = actor.role === 'rep' ? 'mine' : 'team';
  blocks.push({ type: 'divider' }, mrkdwn(`*${scope === 'mine' ? L(locale, 'My accounts at risk', '我的流失风险客户') : L(locale, "My team's accounts at risk", '团队的流失风险客户')}*`));
  try {
    const risky = await services.risk.listAtRisk(actor, { scope, limit: 8, asOf: now });
    if (!risky.length) blocks.push(contextBlock(L(locale, 'No accounts at risk. 🎉', '目前没有流失风险客户。🎉')));
    for (const a of risky) {
      const reasons = a.reasons.slice(0, 3).map((r) => `• ${escapeText(locale === 'zh' ? r.zh : r.en)}`);
      blocks.push(mrkdwn([`*${escapeText(a.accountName)}* — ${Math.round(a.score * 100)}/100${a.owner && scope !== 'mine' ? ` · ${escapeText(a.owner.name)}` : ''}`, ...reasons].join('\n')));
    }
  } catch {
    blocks.push(contextBlock(L(locale, 'Risk scores are unavailable right now.', '风险评分暂时无法加载。')));
  }

  blocks.push({ type: 'divider' }, mrkdwn(`*${scope === 'mine' ? L(locale, 'My pipeline at a glance', '我的销售漏斗概览') : L(locale, "My team's pipeline at a glance", '团队销售漏斗概览')}*`));
  try {
    const p = await services.pipeline.getSummary(actor, { scope, period: 'this_quarter' });
    const open = p.openTotals.map((m) => `${formatMoney(m.raw, m.currency, locale)} (${L(locale, 'weighted', '加权')} ${formatMoney(m.weighted, m.currency, locale)})`).join(' · ');
    const stages = p.byStage.filter((s) => s.count > 0).map((s) => `${s.stage.replace('_', ' ')}: ${s.count}`).join(' · ');
    const win = p.winRate.rate === null ? '—' : `${Math.round(p.winRate.rate * 100)}%`;
    blocks.push(
      mrkdwn(
        [
          `${L(locale, 'Open', '进行中')}: ${open || '—'}`,
          `${L(locale, 'By stage', '各阶段')}: ${stages || '—'}`,
          `${L(locale, 'Win rate this quarter', '本季度赢单率')}: ${win} (${p.winRate.won}/${p.winRate.won + p.winRate.lost})`,
          p.stalled.length ? `${L(locale, 'Stalled deals', '停滞商机')}: ${p.stalled.slice(0, 5).map((o) => escapeText(o.name)).join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    );
  } catch {
    blocks.push(contextBlock(L(locale, 'The pipeline is unavailable right now.', '销售漏斗暂时无法加载。')));
  }
  blocks.push(contextBlock(L(locale, 'Message me to log visits, set reminders or ask "my tasks".', '给我发消息即可记录拜访、设置提醒，或问“我的任务”。')));
  return { type: 'home', blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}

/** Where to report back after a modal closes. */
export interface ModalOrigin {
  team: string;
  channel?: string | undefined;
  messageTs?: string | undefined;
  threadTs?: string | undefined;
  threadKey?: string | undefined;
  responseUrl?: string | undefined;
  blockId?: string | undefined;
  /** The edited interaction, or the message being logged. */
  id: string;
}

/** A modal that reports back to `origin`, with the intent layer's title and buttons. */
function modal(callbackId: string, words: { title: string; submit: string; close: string }, origin: ModalOrigin, blocks: types.InputBlock[]): types.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: JSON.stringify(origin).slice(0, 3000),
    title: { type: 'plain_text', text: words.title },
    submit: { type: 'plain_text', text: words.submit },
    close: { type: 'plain_text', text: words.close },
    blocks,
  };
}

/** A free-text note input (block `note`), prefilled with `initial`. */
const noteInput = (label: string, initial: string): types.InputBlock => ({
  type: 'input',
  block_id: 'note',
  label: { type: 'plain_text', text: label },
  element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 3000, ...(initial ? { initial_value: initial.slice(0, 3000) } : {}) },
});

export function editInteractionModal(locale: Locale, note: string, origin: ModalOrigin): types.ModalView {
  const w = editModalWords(locale);
  return modal(EDIT_CALLBACK, w, origin, [noteInput(w.note, note)]);
}

const TYPES = ['note', 'call', 'visit', 'meeting', 'email', 'message'] as const;

export function logMessageModal(locale: Locale, text: string, origin: ModalOrigin): types.ModalView {
  const option = (t: (typeof TYPES)[number]) => ({ text: { type: 'plain_text' as const, text: t }, value: t });
  const w = logModalWords(locale);
  return modal(LOG_CALLBACK, w, origin, [
    { type: 'input', block_id: 'who', label: { type: 'plain_text', text: w.who }, element: { type: 'plain_text_input', action_id: 'value', max_length: 200 } },
    {
      type: 'input',
      block_id: 'type',
      label: { type: 'plain_text', text: w.type },
      element: { type: 'static_select', action_id: 'value', options: TYPES.map(option), initial_option: option('note') },
    },
    noteInput(w.note, text),
  ]);
}

export const isInteractionType = (t: string | undefined): t is (typeof TYPES)[number] => (TYPES as readonly string[]).includes(t ?? '');
