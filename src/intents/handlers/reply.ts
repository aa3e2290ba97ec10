// Confirmations of writes: every one names what it stored, in the user's language, and carries
// Undo and Edit so a mistake can be put right at once.
import type { MessageAction } from '../../domain/shared/ports.ts';
import { L, type EditableEntity, type HandlerContext, type HandlerResult } from './context.ts';

export function undoEditButtons(ctx: HandlerContext, edit?: { entity: EditableEntity; id: string }): MessageAction[][] {
  const row: MessageAction[] = [{ label: L(ctx.lang, 'Undo', '撤销'), value: 'undo', style: 'danger' }];
  if (edit) row.push({ label: L(ctx.lang, 'Edit', '编辑'), value: `edit:${edit.entity}:${edit.id}` });
  return [row];
}

/** A write's confirmation: the text names every stored field; Undo and Edit below it. */
export function written(ctx: HandlerContext, text: string, edit?: { entity: EditableEntity; id: string }): HandlerResult {
  return { wrote: true, replies: [{ kind: 'confirmation', text, actions: undoEditButtons(ctx, edit) }], ...(edit ? { target: edit } : {}) };
}

/** "Note: x." / "内容：x。" — one labelled part of a confirmation. */
export function part(ctx: HandlerContext, en: string, zh: string, value: string): string {
  return ctx.lang === 'zh' ? `${zh}：${value}。` : ` ${en}: ${value}.`;
}

/** Joins a head and labelled parts into one confirmation line. */
export function sentence(ctx: HandlerContext, head: string, parts: string[]): string {
  const body = parts.join('');
  return ctx.lang === 'zh' ? `${head}${body}` : `${head}${body}`.replace(/\s+/g, ' ').trim();
}
