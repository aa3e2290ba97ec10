// account_overview, decision_chain, create_account, create_contact, update_contact.
import { escapeRe } from '../../domain/shared/regex.ts';
import type { Entities } from '../parser/index.ts';
import { isOrgWord } from '../parser/names.ts';
import { hanRunAround, isHanJobTitle, latinRunAround, isJobTitle, personName, splitHanTitledName, titleAsSaid, titledAlias } from '../../domain/customers/person-name.ts';
import { formatDate, formatMoney, formatWhen } from '../format.ts';
import { birthdayWord, fieldWord, roleWord, stoppedChannels, typeWord } from '../words.ts';
import { optOut } from './opt-out.ts';
import { L, type Handler, type HandlerContext, type HandlerResult, type Resolved } from './context.ts';
import { askWhatToChange, contactFields } from './edit.ts';
import { written } from './reply.ts';
import { accountEndings, askToChoose, describeParty, displayName, resolveParty } from './resolve.ts';

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
      ? L(ctx.lang, `Last touch: ${typeWord(o.lastTouch.type, 'en')} ${formatWhen(o.lastTouch.occurredAt, ctx.tz, ctx.lang, ctx.now)} — ${o.lastTouch.summary}`, `上次联系：${typeWord(o.lastTouch.type, 'zh')} ${formatWhen(o.lastTouch.occurredAt, ctx.tz, ctx.lang, ctx.now)} ${o.lastTouch.summary}`)
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
    return { replies: [{ kind: 'info', text: L(ctx.lang, `${existing.match.name} is already in your CRM; nothing was added.`, `${existing.match.name}已经在 CRM 中，没有重复新建。`) }] };
  }
  const account = await ctx.services.accounts.createAccount(ctx.actor, {
    name: companyAsWritten(name),
    ...(entities.tier ? { tier: entities.tier } : {}),
    ...(entities.summary ? { industry: entities.summary } : {}),
  });
  return written(ctx, L(ctx.lang, `Created account ${account.name} (tier ${account.tier}), owned by you.`, `已新建客户：${account.name}（${account.tier} 类），负责人是你。`), { entity: 'account', id: account.id });
};

/** The account a new contact belongs to: found, chosen among several, or (confirmed) created. */
async function contactAccount(
  ctx: HandlerContext,
  entities: Entities,
  resolved: Resolved,
): Promise<{ ok: true; id: string | null; label?: string; created?: boolean; names: string[] } | { ok: false; result: HandlerResult }> {
  if (resolved.accountId) {
    const a = await ctx.services.accounts.getAccount(ctx.actor, resolved.accountId);
    return { ok: true, id: a.id, label: displayName(a.name, a.aliases, ctx.lang), names: [a.name, ...a.aliases] };
  }
  const text = entities.account?.trim();
  if (!text && resolved.noAccount) return { ok: true, id: null, names: [] };
  if (!text) {
    // A contact nearly always belongs to an account: ask rather than store one without.
    return {
      ok: false,
      result: {
        replies: [{ kind: 'question', text: L(ctx.lang, `Which account is ${entities.contact ? personName(entities.contact)?.name ?? entities.contact : 'the contact'} at? (Say "none" if they have none.)`, `${entities.contact ? personName(entities.contact)?.name ?? entities.contact : '联系人'}属于哪个客户？（没有的话请回复“没有”。）`) }],
        pending: { type: 'slot', intent: 'create_contact', entities, resolved, slot: 'account', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
      },
    };
  }
  const r = await ctx.services.resolution.resolve(ctx.actor, text, { kind: 'account' });
  if (r.status === 'found') return { ok: true, id: r.match.id, label: displayName(r.match.name, r.match.aliases, ctx.lang), names: [r.match.name, ...r.match.aliases] };
  if (r.status === 'ambiguous') {
    return {
      ok: false,
      result: askToChoose(ctx, 'create_contact', entities, resolved, 'account', L(ctx.lang, `Which "${text}"?`, `是哪个“${text}”？`),
        r.candidates.map((c) => ({ id: c.id, kind: 'account' as const, accountId: c.id, label: c.name, detail: c.distinguishing }))),
    };
  }
  // (`Bom dia. Please add…, he is Head of Finance in Globex`, `新contact整一个 马晓燕 华山的…`: a word read as the account
  // that is no company — one short word, no company's ending — while an account the user has is named in the message:
  // that one. Not one named as where they used to be.)
  const saidAt = ctx.text.indexOf(text);
  const lead = saidAt > 0 ? ctx.text.slice(0, saidAt) : '';
  const placed = /\b(?:at|@|from|with|for|in|of)\s+(?:the\s+)?$/i.test(lead.trimEnd() + ' ') || /[在于]\s*$/u.test(lead);
  if (!resolved.confirmed && !placed && (/^\p{Script=Han}{1,4}$/u.test(text) || /^[A-Za-z][a-z'-]*$/.test(text)) && !ZH_COMPANY_END_RE.test(text) && !isOrgWord(text.toLowerCase())) {
    const m = await ctx.services.resolution.mentions(ctx.actor, ctx.text, { kind: 'account' }).catch(() => null);
    const before = m?.status === 'found' ? ctx.text.slice(0, Math.max(0, ctx.text.indexOf(m.match.matchedText))) : '';
    const person = (entities.contact ?? '').toLowerCase();
    if (m?.status === 'found' && !(person && [m.match.matchedText, m.match.name, ...m.match.aliases].some((x) => x && (person.includes(x.toLowerCase()) || x.toLowerCase().includes(person)))) && !/\b(?:used to|formerly|former|ex|previously|before)\b[^,.;]{0,20}$|(?:以前|原来|之前)[^，,。]{0,6}$/iu.test(before)) {
      return { ok: true, id: m.match.id, label: displayName(m.match.name, m.match.aliases, ctx.lang), names: [m.match.name, ...m.match.aliases] };
    }
  }
  if (!resolved.confirmed) {
    return {
      ok: false,
      result: {
        replies: [
          {
            kind: 'question',
            text: L(ctx.lang, `"${text}" is not one of your accounts yet. Create it and add the contact there?`, `“${text}”还不是你的客户。要新建这个客户并把联系人加进去吗？`),
            actions: [[{ label: L(ctx.lang, `Yes, create ${text}`, `是，新建${text}`), value: 'confirm:yes', style: 'primary' }, { label: L(ctx.lang, 'Cancel', '取消'), value: 'confirm:no' }]],
          },
        ],
        pending: { type: 'confirm', intent: 'create_contact', entities, resolved, lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
      },
    };
  }
  const a = await ctx.services.accounts.createAccount(ctx.actor, { name: companyAsWritten(text) });
  return { ok: true, id: a.id, label: a.name, created: true, names: [a.name] };
}

/** "3月3日" / "3 Mar 1980" from `MM-DD` or `YYYY-MM-DD`. */
function birthdayText(b: string, lang: 'en' | 'zh'): string {
  const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(b.trim());
  return m ? birthdayWord(Number(m[2]), Number(m[3]), m[1] ? Number(m[1]) : null, lang) : b;
}

/** The title as the message says it ("VP of sales", not "VP"), unless the longer form names the account. */
function fullTitle(read: string, text: string, accountNames: string[]): string {
  const said = titleAsSaid(read, text);
  if (said === read) return said;
  // (`the CTO of Umbrella` for Umbrella Health: the words added name the account, by its first word or whole.)
  const added = said.toLowerCase().replace(read.toLowerCase(), ' ');
  const namesAccount = accountNames.some((n) => n && [n, n.split(/\s+/)[0]!].some((x) => x.length >= 3 && new RegExp(`\\b${escapeRe(x.toLowerCase())}\\b`, 'u').test(added)));
  return namesAccount || !isJobTitle(said, { accountNames }) ? read : said;
}

/** The fields a new contact is stored with, besides name and account. */
function storedFields(entities: Entities, title: string | undefined): Record<string, string> {
  return {
    ...(title ? { title } : {}),
    ...(entities.role ? { decisionRole: entities.role } : {}),
    ...(entities.email ? { email: entities.email } : {}),
    ...(entities.phone ? { phone: entities.phone } : {}),
    ...(entities.birthday ? { birthday: entities.birthday } : {}),
  };
}

/** The existing contact kept instead of a second one, given what the message says that it lacks. */
async function keepExisting(ctx: HandlerContext, id: string, fields: Record<string, string>, replace = false): Promise<HandlerResult> {
  const cur = await ctx.services.contacts.getContact(ctx.actor, id);
  const patch: Record<string, string> = {};
  // (What the record lacks; with `replace`, also what differs from it — the user said to update it.)
  const had = (k: string) => (cur as unknown as Record<string, unknown>)[k];
  for (const [k, v] of Object.entries(fields)) if (v && (!had(k) || (replace && k !== 'title' && String(had(k)).toLowerCase() !== v.toLowerCase()))) patch[k] = v;
  // (Named with the account, as the record kept is known: "赵敏（市第一医院）".)
  const who = (await describeParty(ctx, { contactId: cur.id, accountId: cur.accountId ?? undefined })).label;
  if (!Object.keys(patch).length) {
    return { replies: [{ kind: 'info', text: L(ctx.lang, `Kept the existing contact ${who}; nothing was added.`, `保留现有联系人${who}，没有新增。`) }] };
  }
  const updated = await ctx.services.contacts.updateContact(ctx.actor, cur.id, patch);
  const added = contactFields(ctx, {
    ...updated,
    title: patch.title ?? null,
    decisionRole: patch.decisionRole ?? null,
    email: patch.email ?? null,
    phone: patch.phone ?? null,
    birthMonth: patch.birthday ? updated.birthMonth : null,
    birthDay: patch.birthday ? updated.birthDay : null,
    birthday: patch.birthday ? updated.birthday : null,
  });
  const replaced = Object.keys(patch).some((k) => had(k));
  return written(ctx, replaced
    ? L(ctx.lang, `Kept the existing contact ${who} and updated: ${added.join(', ')}.`, `保留现有联系人${who}，并更新：${added.join('，')}。`)
    : L(ctx.lang, `Kept the existing contact ${who} and added: ${added.join(', ')}.`, `保留现有联系人${who}，并补充：${added.join('，')}。`), { entity: 'contact', id: updated.id });
}

/** Someone already in the contacts (same person at the account, or the same e-mail or phone): use them, or add anyway. */
function offerExisting(
  ctx: HandlerContext,
  entities: Entities,
  resolved: Resolved,
  acct: { id: string | null; label?: string } | null,
  dups: Array<{ contact: { id: string; name: string; accountId: string | null; title: string | null; email: string | null; phone: string | null } }>,
): HandlerResult {
  const candidates = [
    ...dups.slice(0, 4).map((d) => ({
      id: d.contact.id,
      kind: 'contact' as const,
      accountId: d.contact.accountId,
      label: L(ctx.lang, `Use ${d.contact.name}`, `用现有的${d.contact.name}`),
      detail: [d.contact.title, d.contact.email, d.contact.phone].filter(Boolean).join(' · '),
    })),
    { id: 'new', kind: 'option' as const, label: L(ctx.lang, 'Add a new person anyway', '仍然新增一位'), detail: '' },
  ];
  const where = acct?.label ? L(ctx.lang, ` at ${acct.label}`, `（${acct.label}）`) : '';
  return askToChoose(ctx, 'create_contact', entities, { ...resolved, ...(acct?.id ? { accountId: acct.id } : {}) }, 'duplicate',
    L(ctx.lang, `${dups[0]!.contact.name}${where} is already in your contacts. Use that record?`, `${dups[0]!.contact.name}${where}已经在你的联系人中。使用现有记录吗？`), candidates);
}

/** A job title said right after `word` ("soylent head of procurement lisa@…"), up to a stop, an e-mail or a number. */
function titleAfter(text: string, word: string): string | undefined {
  const at = text.toLowerCase().indexOf(word.toLowerCase());
  if (at < 0) return undefined;
  const m = /^[\s,]+([A-Za-z][A-Za-z &/-]{2,40}?)\s*(?=$|[,;.(]|\S+@|\+?\d)/.exec(text.slice(at + word.length));
  return m && isJobTitle(m[1]!.trim()) ? m[1]!.trim() : undefined;
}

/** A Chinese company's ending (`华山医院`): a word that has one names a company, even one not on record. */
const ZH_COMPANY_END_RE = /(?:医院|公司|药房|药店|诊所|门诊|集团|中心|卫生院)$/u;

export const createContact: Handler = async (ctx, entities, resolved) => {
  if (!entities.contact?.trim() && entities.title) {
    // "仁和大药房的采购刘婷", "神经外科何建国副主任" read as a title with the person inside it:
    // the name and the title around it, only when it splits cleanly (else the name is asked).
    const split = splitHanTitledName(entities.title) ?? splitHanTitledName(hanRunAround(ctx.text, entities.title) ?? '');
    if (split) entities = { ...entities, contact: split.name, title: split.title };
  }
  if (!entities.account?.trim() && entities.title && !resolved.accountId && !resolved.noAccount) {
    // "Zhao Min，市一院" / "tom hanks, initech" read with the account as the title: one of the
    // user's accounts said where a title would be is the account, never stored as a title.
    const rest = entities.title.split(entities.contact ?? '\u0000').join(' ').replace(/^[\s,，、]+|[\s,，、]+$/g, '');
    if (rest && [...rest].length <= 30) {
      const r = await ctx.services.resolution.resolve(ctx.actor, rest, { kind: 'account' });
      if (r.status === 'found' && r.match.score >= 0.9) entities = { ...entities, account: rest, title: undefined };
    }
  }
  if (!entities.account?.trim() && entities.contact && !resolved.accountId && !resolved.noAccount) {
    // "new contact lisa park soylent head of procurement": one of the user's accounts read as the
    // end of the person's name is where they work, and a job title said right after it is theirs.
    const [split] = await accountEndings(ctx, entities.contact);
    if (split) {
      const after = titleAfter(ctx.text, split.account);
      entities = { ...entities, contact: split.name, account: split.account, ...(!entities.title && after ? { title: after } : {}) };
    }
  }
  if (!entities.account?.trim() && entities.contact && !resolved.accountId && !resolved.noAccount && ctx.actor.kind === 'user') {
    // "new contact tom hanks, initech, finance director" with no account read: one of the user's
    // accounts named elsewhere in the message (not inside the person's name) is theirs.
    const m = await ctx.services.resolution.mentions(ctx.actor, ctx.text, { kind: 'account' });
    const inName = (x: string) => entities.contact!.toLowerCase().includes(x.toLowerCase()) || x.toLowerCase().includes(entities.contact!.toLowerCase());
    if (m.status === 'found' && !inName(m.match.matchedText) && !inName(m.match.name)) entities = { ...entities, account: m.match.matchedText };
  }
  if (entities.contact && !entities.title) {
    // "仁和大药房的采购刘婷" read as the name alone: the title said right before it is kept.
    const split = splitHanTitledName(hanRunAround(ctx.text, entities.contact) ?? '');
    if (split?.name === entities.contact.trim()) entities = { ...entities, title: split.title };
    else {
      // "仁和大药房 郑凯 店员": a job title said as its own word right after the name.
      const at = ctx.text.indexOf(entities.contact);
      const next = at >= 0 ? /^[\s,，、]+([^\s,，、。；;]+)\s*(?:$|[,，、。；;])/u.exec(ctx.text.slice(at + entities.contact.length)) : null;
      if (next && isHanJobTitle(next[1]!)) entities = { ...entities, title: next[1]! };
    }
  }
  if (entities.contact) {
    // "新增联系人 Sun Li，协和医院" read as "Li": a pinyin name is the whole run of Latin words.
    const run = latinRunAround(ctx.text, entities.contact);
    if (run && run.length > entities.contact.trim().length && personName(run)) entities = { ...entities, contact: run };
  }
  const said = (entities.contact ?? '').trim();
  const n = said ? personName(said) : null;
  if (!n && (entities.email || entities.phone) && !resolved.newAnyway && !resolved.duplicateOf) {
    // "加个联系人 仁和药房 小黄 138 1234 5678", "人民医院的美玲，护士长，电话…": a nickname or a given
    // name alone is no name to store, but the number says who it is when someone already has it.
    const dups = await ctx.services.contacts.findDuplicates(ctx.actor, { name: said, email: entities.email ?? null, phone: entities.phone ?? null });
    if (dups.length) return offerExisting(ctx, entities, resolved, null, dups);
  }
  // The nickname's owner picked from those with the number: kept, with what the message adds.
  if (!n && resolved.duplicateOf) {
    return keepExisting(ctx, resolved.duplicateOf, storedFields(entities, entities.title?.trim() || undefined), resolved.updateExisting);
  }
  if (!said) {
    return {
      replies: [{ kind: 'question', text: L(ctx.lang, "What's the contact's name?", '联系人叫什么名字？') }],
      pending: { type: 'slot', intent: 'create_contact', entities, resolved, slot: 'name', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  if (!n) {
    // Text nobody understood never becomes a name: ask for the name itself.
    return {
      replies: [{ kind: 'question', text: L(ctx.lang, `"${said}" doesn't look like a person's name. What's the contact's name?`, `“${said}”不像是人名。联系人叫什么名字？`) }],
      pending: { type: 'slot', intent: 'create_contact', entities: { ...entities, contact: undefined }, resolved, slot: 'name', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  const acct = await contactAccount(ctx, entities, resolved);
  if (!acct.ok) return acct.result;
  const notStored: string[] = [];
  let title = entities.title?.trim() ? fullTitle(entities.title.trim(), ctx.text, acct.names) : undefined;
  if (title && !isJobTitle(title, { account: entities.account ?? null, accountNames: acct.names })) {
    notStored.push(title);
    title = undefined;
  }
  title ??= n.jobTitle ?? undefined;
  const fields = storedFields(entities, title);

  // The same person at the same account (or with the same email or phone) is offered, not added twice.
  if (resolved.duplicateOf) return keepExisting(ctx, resolved.duplicateOf, fields, resolved.updateExisting);
  if (!resolved.newAnyway && !acct.created) {
    const dups = await ctx.services.contacts.findDuplicates(ctx.actor, {
      name: n.name,
      aliases: n.aliases,
      accountId: acct.id,
      email: entities.email ?? null,
      phone: entities.phone ?? null,
    });
    if (dups.length) return offerExisting(ctx, entities, resolved, acct, dups);
  }
  const titled = titledAlias(n.name, title);
  const contact = await ctx.services.contacts.createContact(ctx.actor, {
    name: n.name,
    aliases: titled && !n.aliases.includes(titled) ? [...n.aliases, titled] : n.aliases,
    accountId: acct.id,
    title: title ?? null,
    decisionRole: entities.role ?? null,
    email: entities.email ?? null,
    phone: entities.phone ?? null,
    ...(entities.birthday ? { birthday: entities.birthday } : {}),
    locale: ctx.lang,
  });
  const bits = contactFields(ctx, contact);
  const at = acct.label ? L(ctx.lang, ` at ${acct.label}${acct.created ? ' (new account)' : ''}`, `，${acct.label}${acct.created ? '（新建客户）' : ''}`) : L(ctx.lang, ' (no account)', '（未关联客户）');
  let text = L(ctx.lang, `Added contact ${contact.name}${at}.`, `已新增联系人：${contact.name}${at}。`);
  if (bits.length) text += L(ctx.lang, ` ${bits.join('; ')}.`, `${bits.join('；')}。`);
  if (notStored.length) text += L(ctx.lang, ` Not stored (not understood): "${notStored.join('", "')}".`, `未保存（没有理解）：“${notStored.join('”“')}”。`);
  return written(ctx, text, { entity: 'contact', id: contact.id });
};

/** Words saying someone now holds a title ("现在是", "升为", "is now the") — not part of the title. */
const TITLE_LEAD = /^(?:(?:现在|目前|如今|已经|刚刚?|被)?(?:是|为|任|升为|升任|提为|提拔为|当上了?|做了?)|(?:is |was )?(?:now |made |promoted to )(?:the |a |an )?)\s*/iu;

/** A title read with the words that say it is held ("现在是副院长" → "副院长"), when what is left is a title. */
function withoutTitleLead(title: string): string {
  const rest = title.trim().replace(TITLE_LEAD, '').trim();
  return rest && rest !== title.trim() && isJobTitle(rest) ? rest : title;
}

/** Words of someone not wanting something any more: an opt-out, whatever the parser read. */
const OPTED_OUT = /\b(?:does ?n[o']t want|doesn'?t want|do not want|no (?:more|longer)|stop(?:ped)? (?:sending|getting)|unsubscribed?|opt(?:ed|s)? out)\b|不要再|别再|不想再|不用再|不再|退订/i;

export const updateContact: Handler = async (ctx, entities, resolved) => {
  const who = await resolveParty(ctx, 'update_contact', entities.contact ? { ...entities, account: undefined } : entities, resolved, 'contact', { en: 'Which contact?', zh: '哪位联系人？' });
  if (!who.ok) return who.result;
  if (!who.party.contactId) return { replies: [{ kind: 'error', text: L(ctx.lang, 'Please name a person, not an account.', '请说明具体联系人，而不是客户。') }] };
  const cur = await ctx.services.contacts.getContact(ctx.actor, who.party.contactId);
  const patch: Parameters<typeof ctx.services.contacts.updateContact>[2] = {};
  const changes: string[] = [];
  const arrow = (field: string, from: string | null, to: string) => (ctx.lang === 'zh' ? `${fieldWord(field, 'zh')}：${from ?? '无'} → ${to}` : `${fieldWord(field, 'en')} now ${to} (was ${from ?? 'none'})`);
  const notStored: string[] = [];
  if (entities.email && entities.email.toLowerCase() !== cur.email) { patch.email = entities.email; changes.push(arrow('email', cur.email, entities.email.toLowerCase())); }
  if (entities.phone && entities.phone !== cur.phone) { patch.phone = entities.phone; changes.push(arrow('phone', cur.phone, entities.phone)); }
  if (entities.title) {
    const title = fullTitle(withoutTitleLead(entities.title), ctx.text, who.party.accountName ? [who.party.accountName] : []);
    // "VP of Customer Success" with "Success" read as an account: it is part of the title.
    if (entities.account && title.toLowerCase().includes(entities.account.toLowerCase())) entities = { ...entities, account: undefined };
    if (!isJobTitle(title)) notStored.push(title);
    else if (title !== cur.title) { patch.title = title; changes.push(arrow('title', cur.title, title)); }
  }
  if (entities.role && entities.role !== cur.decisionRole) {
    patch.decisionRole = entities.role;
    changes.push(arrow('role', cur.decisionRole ? roleWord(cur.decisionRole, ctx.lang) : null, roleWord(entities.role, ctx.lang, ctx.text)));
  }
  if (entities.birthday) {
    patch.birthday = entities.birthday;
    const old =
      cur.birthMonth && cur.birthDay
        ? birthdayWord(cur.birthMonth, cur.birthDay, cur.birthday ? Number(cur.birthday.slice(0, 4)) : null, ctx.lang)
        : null;
    changes.push(arrow('birthday', old, birthdayText(entities.birthday, ctx.lang)));
  }
  if (entities.account && entities.contact) {
    // "moved to Initech", "调到华山医院": a new account.
    const a = await ctx.services.resolution.resolve(ctx.actor, entities.account, { kind: 'account' });
    if (a.status === 'found' && a.match.id !== cur.accountId) {
      patch.accountId = a.match.id;
      changes.push(arrow('account', who.party.accountName ?? null, displayName(a.match.name, a.match.aliases, ctx.lang)));
    } else if (a.status !== 'found') {
      // "现在是副院长" read as an account: a job title is the new title, never an account.
      if (!entities.title && isHanJobTitle(entities.account) && entities.account !== cur.title) {
        patch.title = entities.account;
        changes.push(arrow('title', cur.title, entities.account));
      } else notStored.push(entities.account);
    }
  }
  if (Object.keys(patch).length === 0 && !notStored.length && OPTED_OUT.test(ctx.text) && stoppedChannels(ctx.text)) {
    // "Tom Baker does not want birthday greetings anymore" read as a change to Tom: it is his opt-out.
    return optOut(ctx, entities, { ...resolved, contactId: cur.id });
  }
  if (Object.keys(patch).length === 0) {
    return askWhatToChange(ctx, { entity: 'contact', id: cur.id }, 'correct_last', notStored.length ? L(ctx.lang, `I didn't understand "${notStored.join('", "')}". `, `没有理解“${notStored.join('”“')}”。`) : '');
  }
  await ctx.services.contacts.updateContact(ctx.actor, cur.id, patch);
  let text = L(ctx.lang, `Updated ${who.party.label}: ${changes.join('; ')}.`, `已更新${who.party.label}：${changes.join('；')}。`);
  if (notStored.length) text += L(ctx.lang, ` Not stored (not understood): "${notStored.join('", "')}".`, `未保存（没有理解）：“${notStored.join('”“')}”。`);
  return written(ctx, text, { entity: 'contact', id: cur.id });
};

/**
 * A company's name typed or dictated all in lower case (`zephyr logistics`) as it is written: each word
 * capitalised, its small words (`of`, `and`, `the`) left so. A name with any capital in it is kept as typed.
 */
export function companyAsWritten(name: string): string {
  if (!/^[a-z0-9&.'’\s-]+$/.test(name) || !/[a-z]{2}/.test(name)) return name;
  return name.split(/(\s+)/).map((w, i) => (i > 0 && /^(?:of|and|the|de|du|la|le|von|van|der|für|y|e)$/.test(w) ? w : w.replace(/^[a-z]/, (c) => c.toUpperCase()))).join('');
}
