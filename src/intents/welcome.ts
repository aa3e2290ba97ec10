// The welcome a new workspace gets: the first staff member to talk to Rapport from a new Slack
// workspace or Teams organisation (its CRM still empty) is told, in their language, how to fill
// it — add an account by chat, or import a CSV in the dashboard. Adapters only call
// `welcomeOnFirstContact` and put its replies before the turn's own; whether this is that first
// contact is the domain's decision (OnboardingService.claimWelcome: once per tenant).
import type { Actor } from '../domain/shared/actor.ts';
import type { Locale } from '../domain/shared/errors.ts';
import { L } from '../domain/shared/locale.ts';
import type { Services } from '../services.ts';
import type { Reply } from './types.ts';


/** The welcome itself (exported for tests and for showing it elsewhere). */
export function welcomeReply(opts: { locale: Locale; name?: string | undefined; canImport: boolean }): Reply {
  const { locale: lang } = opts;
  const name = opts.name?.trim();
  return {
    kind: 'help',
    intent: 'welcome',
    text: L(
      lang,
      `Welcome to Rapport${name ? `, ${name}` : ''}! Your team's CRM is new and still empty. Start by telling me about a customer:`,
      `欢迎使用 Rapport${name ? `，${name}` : ''}！你们团队的 CRM 是新建的，还没有数据。先告诉我一个客户吧：`,
    ),
    sections: [
      {
        title: L(lang, 'Add an account and its people by chat', '在聊天里添加客户和联系人'),
        lines: lang === 'zh'
          ? ['新建客户 华山医院', '新增联系人 张伟 华山医院 主任 决策者', '拜访了张主任，下周二送样品']
          : ['new account Contoso', 'add contact Megan Bowen at Contoso, decision maker', 'called Megan about the renewal, she wants a quote by Friday'],
      },
      {
        title: L(lang, 'Or import the customers you already have', '或导入已有的客户数据'),
        lines: [
          opts.canImport
            ? L(
                lang,
                'Type "dashboard" and use Import: accounts, contacts and orders from CSV files, checked row by row before anything is saved.',
                '输入“仪表盘”，在“导入”里上传客户、联系人和订单的 CSV 文件；保存前逐行校验。',
              )
            : L(
                lang,
                'A manager or admin of your workspace can import accounts, contacts and orders from CSV files in the dashboard (they type "dashboard").',
                '本工作区的经理或管理员可以在仪表盘里从 CSV 文件导入客户、联系人和订单（输入“仪表盘”打开）。',
              ),
        ],
      },
      { title: L(lang, 'More', '更多'), lines: [L(lang, 'Type "help" for everything I understand, in English or Chinese.', '输入“帮助”查看我能听懂的一切，中文英文都可以。')] },
    ],
  };
}

/**
 * The welcome for `actor` when this is the first staff contact of a new Slack or Teams
 * workspace; otherwise nothing. Never throws: a welcome is not worth failing a turn for.
 */
export async function welcomeOnFirstContact(services: Pick<Services, 'onboarding'>, actor: Actor, onError?: (err: unknown) => void): Promise<Reply[]> {
  if (actor.kind !== 'user') return [];
  try {
    if (!(await services.onboarding.claimWelcome(actor))) return [];
  } catch (err) {
    onError?.(err);
    return [];
  }
  return [welcomeReply({ locale: actor.locale, name: actor.name, canImport: actor.role === 'manager' || actor.role === 'admin' })];
}
