// account_overview, decision_chain, create_account, create_contact, update_contact.
import { formatDate, formatMoney, formatWhen } from '../format.ts';
import { L, type Handler, type HandlerContext } from './context.ts';
import { displayName, resolveParty } from './resolve.ts';

const ROLE_NAMES: Record<string, [string, string]> = {
  decision_maker: ['Decision makers', '决策者'],
  influencer: ['Influencers', '影响者'],
  champion: ['Champions', '支持者'],
  user: ['Users', '使用者'],
  gatekeeper: ['Gatekeepers', '把关者'],
  unknown: ['Role not set', '角色未设置'],
};
const STAGE_NAMES: Record<string, [string, string]> = {
  lead: ['lead', '线索'], prospect: ['prospect', '潜在客户'], customer: ['customer', '客户'], loyal: ['loyal', '忠诚客户'], at_risk: ['at risk', '有流失风险'], churned: ['churned', '已流失'],
};

async function overviewOf(ctx: HandlerContext, accountId: string) {
  return ctx.services.accounts.accountOverview(ctx.actor, accountId);
}

export const accountOverview: Handler = async (ctx, entities, resolved) => {
  const who = await resolveParty(ctx, 'account_overview', entities, resolved, 'account', { en: 'Which account?', zh: '哪个客户？' });
  if (!who.ok) return who.result;
  const accountId = who.party.accountId;
  if (!accountId) return { replies: [{ kind: 'error', text: L(ctx.lang, `${who.party.label} has no account yet.`, `${who.party.label}还没有关联客户。`) }] };
  const o = await overviewOf(ctx, accountId);
  const name = displayName(o.account.name, o.account.aliases, ctx.lang);
  const stage = STAGE_NAMES[o.lifecycleStage]?.[ctx.lang === 'zh' ? 1 : 0] ?? o.lifecycleStage;
  const lines: string[] = [
    L(ctx.lang, `Tier ${o.tier} · ${stage} · owner ${o.owner?.name ?? 'none'}`, `${o.tier} 类 · ${stage} · 负责人 ${o.owner?.name ?? '无'}`),
    o.lastTouch
      ? L(ctx.lang, `Last touch: ${o.lastTouch.type} ${formatWhen(o.lastTouch.occurredAt, ctx.tz, ctx.lang, ctx.now)} — ${o.lastTouch.summary}`, `上次联系：${formatWhen(o.lastTouch.occurredAt, ctx.tz, ctx.lang, ctx.now)} ${o.lastTouch.summary}`)
      : L(ctx.lang, 'No interactions yet.', '还没有互动记录。'),
    o.nextTouch
      ? L(ctx.lang, `Next: ${o.nextTouch.title} ${formatWhen(o.nextTouch.dueAt, ctx.tz, ctx.lang, ctx.now)}`, `下一步：${o.nextTouch.title} ${formatWhen(o.nextTouch.dueAt, ctx.tz, ctx.lang, ctx.now)}`)
      : L(ctx.lang, 'No follow-up planned.', '没有计划中的跟进。'),
  ];
  if (o.pipeline.count) {
    lines.push(
      L(ctx.lang, `Pipeline: ${o.pipeline.count} open, ${formatMoney(o.pipeline.sum, o.pipeline.currency ?? 'USD', ctx.lang)} (weighted ${formatMoney(o.pipeline.weighted, o.pipeline.currency ?? 'USD', ctx.lang)})`,
        `商机：${o.pipeline.count} 个进行中，${formatMoney(o.pipeline.sum, o.pipeline.currency ?? 'CNY', ctx.lang)}（加权 ${formatMoney(o.pipeline.weighted, o.pipeline.currency ?? 'CNY', ctx.lang)}）`),
    );
  }
  if (o.openTickets.length) lines.push(L(ctx.lang, `Open tickets: ${o.openTickets.map((t) => t.subject).join('; ')}`, `未结工单：${o.openTickets.map((t) => t.subject).join('；')}`));
  const latest = o.latestResponses[0];
  if (latest) lines.push(L(ctx.lang, `Latest ${latest.kind.toUpperCase()}: ${latest.score}${latest.comment ? ` — "${latest.comment}"` : ''} (${formatDate(latest.respondedAt, ctx.tz, ctx.lang)})`, `最近 ${latest.kind.toUpperCase()}：${latest.score}${latest.comment ? `，“${latest.comment}”` : ''}（${formatDate(latest.respondedAt, ctx.tz, ctx.lang)}）`));
  const chain = Object.entries(o.decisionChain).map(([role, people]) => `${ROLE_NAMES[role]?.[ctx.lang === 'zh' ? 1 : 0] ?? role}: ${people.map((p) => p.name).join(', ')}`);
  const sections = [{ title: L(ctx.lang, 'Decision chain', '决策链'), lines: chain.length ? chain : [L(ctx.lang, 'No contacts yet.', '暂无联系人。')] }];
  if (o.openTasks.length) {
    sections.push({ title: L(ctx.lang, 'Open follow-ups', '待办跟进'), lines: o.openTasks.map((t) => `${t.title} — ${formatWhen(t.dueAt, ctx.tz, ctx.lang, ctx.now)}${t.overdue ? L(ctx.lang, ' (overdue)', '（逾期）') : ''}`) });
  }
  return { replies: [{ kind: 'info', text: `${name}\n${lines.join('\n')}`, sections }] };
};

export const decisionChain: Handler = async (ctx, entities, resolved) => {
  const who = await resolveParty(ctx, 'decision_chain', entities, resolved, 'account', { en: 'Which account?', zh: '哪个客户？' });
  if (!who.ok) return who.result;
  if (!who.party.accountId) return { replies: [{ kind: 'error', text: L(ctx.lang, 'That contact has no account.', '该联系人没有关联客户。') }] };
  const o = await overviewOf(ctx, who.party.accountId);
  const order = ['decision_maker', 'influencer', 'champion', 'user', 'gatekeeper', 'unknown'];
  const sections = order
    .filter((r) => o.decisionChain[r]?.length)
    .map((r) => ({ title: ROLE_NAMES[r]![ctx.lang === 'zh' ? 1 : 0], lines: o.decisionChain[r]!.map((p) => (p.title ? `${p.name} — ${p.title}` : p.name)) }));
  const name = displayName(o.account.name, o.account.aliases, ctx.lang);
  if (!sections.length) return { replies: [{ kind: 'info', text: L(ctx.lang, `No contacts recorded at ${name} yet.`, `${name}还没有联系人。`) }] };
  return { replies: [{ kind: 'list', text: L(ctx.lang, `Decision chain at ${name}`, `${name}的决策链`), sections }] };
};

export const createAccount: Handler = async (ctx, entities) => {
  const name = (entities.account ?? entities.contact ?? '').trim();
  if (!name) {
    return {
      replies: [{ kind: 'question', text: L(ctx.lang, "What's the account's name?", '客户名称是什么？') }],
      pending: { type: 'slot', intent: 'create_account', entities, resolved: {}, slot: 'name', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  const existing = await ctx.services.resolution.resolve(ctx.actor, name, { kind: 'account' });
  if (existing.status === 'found' && existing.match.score >= 0.95) {
    return { replies: [{ kind: 'info', text: L(ctx.lang, `${existing.match.name} is already in your CRM.`, `${existing.match.name}已经在 CRM 中。`) }] };
  }
  const account = await ctx.services.accounts.createAccount(ctx.actor, {
    name,
    ...(entities.tier ? { tier: entities.tier } : {}),
    ...(entities.summary ? { industry: entities.summary } : {}),
  });
  return {
    wrote: true,
    replies: [{ kind: 'confirmation', text: L(ctx.lang, `Created account ${account.name} (tier ${account.tier}), owned by you.`, `已新建客户：${account.name}（${account.tier} 类），负责人是你。`), actions: [[{ label: L(ctx.lang, 'Undo', '撤销'), value: 'undo', style: 'danger' }]] }],
  };
};

export const createContact: Handler = async (ctx, entities, resolved) => {
  const name = (entities.contact ?? '').trim();
  if (!name) {
    return {
      replies: [{ kind: 'question', text: L(ctx.lang, "What's the contact's name?", '联系人叫什么名字？') }],
      pending: { type: 'slot', intent: 'create_contact', entities, resolved, slot: 'name', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  let accountId = resolved.accountId;
  let accountLabel: string | undefined;
  if (!accountId && entities.account) {
    const acct = await resolveParty(ctx, 'create_contact', { ...entities, contact: undefined }, resolved, 'account', { en: 'At which account?', zh: '属于哪个客户？' });
    if (!acct.ok) return acct.result;
    accountId = acct.party.accountId;
    accountLabel = acct.party.accountName;
  } else if (accountId) {
    const a = await ctx.services.accounts.getAccount(ctx.actor, accountId);
    accountLabel = displayName(a.name, a.aliases, ctx.lang);
  }
  const contact = await ctx.services.contacts.createContact(ctx.actor, {
    name,
    accountId: accountId ?? null,
    title: entities.title ?? null,
    decisionRole: entities.role ?? null,
    email: entities.email ?? null,
    phone: entities.phone ?? null,
    locale: ctx.lang,
  });
  const role = contact.decisionRole ? ROLE_NAMES[contact.decisionRole]?.[ctx.lang === 'zh' ? 1 : 0] : undefined;
  const extra = [contact.title, role].filter(Boolean).join(', ');
  return {
    wrote: true,
    replies: [
      {
        kind: 'confirmation',
        text: L(ctx.lang, `Added contact ${contact.name}${extra ? ` (${extra})` : ''}${accountLabel ? ` at ${accountLabel}` : ''}.`, `已新增联系人：${contact.name}${extra ? `（${extra}）` : ''}${accountLabel ? `，${accountLabel}` : ''}。`),
        actions: [[{ label: L(ctx.lang, 'Undo', '撤销'), value: 'undo', style: 'danger' }]],
      },
    ],
  };
};

export const updateContact: Handler = async (ctx, entities, resolved) => {
  const who = await resolveParty(ctx, 'update_contact', entities, resolved, 'contact', { en: 'Which contact?', zh: '哪位联系人？' });
  if (!who.ok) return who.result;
  if (!who.party.contactId) return { replies: [{ kind: 'error', text: L(ctx.lang, 'Please name a person, not an account.', '请说明具体联系人，而不是客户。') }] };
  const patch = {
    ...(entities.email ? { email: entities.email } : {}),
    ...(entities.phone ? { phone: entities.phone } : {}),
    ...(entities.title ? { title: entities.title } : {}),
    ...(entities.role ? { decisionRole: entities.role } : {}),
  };
  if (Object.keys(patch).length === 0) {
    return { replies: [{ kind: 'error', text: L(ctx.lang, `What should I change for ${who.party.label}? For example "update ${who.party.contactName}'s phone to 138 0000 0000".`, `要修改${who.party.label}的什么信息？例如“把${who.party.contactName}的电话改成 13800000000”。`) }] };
  }
  await ctx.services.contacts.updateContact(ctx.actor, who.party.contactId, patch);
  const changed = Object.entries(patch).map(([k, v]) => `${k} → ${v}`).join(', ');
  return {
    wrote: true,
    replies: [{ kind: 'confirmation', text: L(ctx.lang, `Updated ${who.party.label}: ${changed}.`, `已更新${who.party.label}：${changed}。`), actions: [[{ label: L(ctx.lang, 'Undo', '撤销'), value: 'undo', style: 'danger' }]] }],
  };
};
