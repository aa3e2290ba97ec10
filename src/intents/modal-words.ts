// What the chat modals say ("Log to CRM" on a message, "Edit note" on a logged one), in both
// languages. The wording is the intent layer's; the Slack adapter only lays it out as Block Kit.
import { L } from '../domain/shared/locale.ts';
import type { Locale } from '../domain/shared/errors.ts';

/** A customer the resolver offered: a contact (with its account) or an account. */
export interface NamedMatch {
  kind: 'contact' | 'account';
  name: string;
  accountName?: string | null | undefined;
}

const label = (m: NamedMatch) => (m.kind === 'contact' && m.accountName ? `${m.name} (${m.accountName})` : m.name);

export const logModalWords = (locale: Locale) => ({
  title: L(locale, 'Log to CRM', '记录到 CRM'),
  submit: L(locale, 'Log', '记录'),
  close: L(locale, 'Cancel', '取消'),
  who: L(locale, 'Customer (contact or account)', '客户（联系人或公司）'),
  type: L(locale, 'Type', '类型'),
  note: L(locale, 'Note', '记录内容'),
  staffOnly: L(locale, 'Logging to the CRM is for the sales team.', '记录到 CRM 仅限销售团队使用。'),
  /** Several customers match the name typed in the modal. */
  ambiguous: (candidates: NamedMatch[]) => {
    const names = candidates.map(label);
    return L(locale, `Several match: ${names.join('; ')}. Please be more specific.`, `有多个匹配：${names.join('；')}。请写得更具体些。`);
  },
  /** No customer by that name; `suggestions` are near misses. */
  notFound: (who: string, suggestions: NamedMatch[]) => {
    const names = suggestions.map(label);
    return L(
      locale,
      `No customer called "${who}"${names.length ? `. Did you mean ${names.join(', ')}?` : '.'}`,
      `没有找到“${who}”${names.length ? `。你是指 ${names.join('、')} 吗？` : '。'}`,
    );
  },
  alreadyLogged: (m: NamedMatch) => L(locale, `Already logged: this message is in the CRM for ${label(m)}.`, `已记录过：该消息已记录到${label(m)}。`),
  logged: (type: string, m: NamedMatch, note: string) => L(locale, `Logged ${type} with ${label(m)}. Note: ${note}`, `已记录与${label(m)}的${type}。内容：${note}`),
  undo: L(locale, 'Undo', '撤销'),
  edit: L(locale, 'Edit', '编辑'),
});

export const editModalWords = (locale: Locale) => ({
  title: L(locale, 'Edit note', '编辑记录'),
  submit: L(locale, 'Save', '保存'),
  close: L(locale, 'Cancel', '取消'),
  note: L(locale, 'Note', '记录内容'),
  staffOnly: L(locale, 'Only the sales team can edit notes.', '只有销售团队可以编辑记录。'),
  empty: L(locale, 'Please write the note.', '请填写记录内容。'),
  updated: (summary: string) => L(locale, `Updated the note: ${summary}`, `已更新记录：${summary}`),
  undo: L(locale, 'Undo', '撤销'),
});
