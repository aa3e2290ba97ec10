// list_at_risk, segment_customers, kpi_report.
import { RFM_SEGMENTS, type SegmentAccount } from '../../domain/value/index.ts';
import { formatMoney, pct } from '../format.ts';
import { metricWord, periodWord } from '../words.ts';
import { L, type Handler } from './context.ts';
import { defaultScope, wholeCompanyAsTeam } from './pipeline.ts';
import { resolveParty } from './resolve.ts';
import { monthPeriod, repOf } from './team.ts';

const CHANGE: Record<string, [string, string]> = {
  new: ['new this week', '本周新增'],
  worsened: ['worse than last week', '比上周恶化'],
  same: ['same as last week', '与上周持平'],
  improved: ['better than last week', '比上周好转'],
};

/** A question that asks for the accounts at risk (plural), and one that asks why one is. */
const LIST_ASKED_RE = /\b(?:which|what|any|list|show)\b[^?]{0,20}\baccounts?\b|\baccounts?\b[^?]{0,20}\bat[- ]risk\b|哪些|哪几个|有没有|列出/i;
const WHY_RE = /\bwhy\b|\bhow come\b|为什么|为啥|咋回事|原因/i;

export const listAtRisk: Handler = wholeCompanyAsTeam(async (ctx, entities, resolved) => {
  if (entities.rep && !entities.account && ctx.actor.kind === 'user') {
    // "协和那边流失风险是啥原因": a "rep" that is no colleague but one of the user's accounts is that account.
    const colleague = await ctx.services.resolution.resolveUser(ctx.actor, entities.rep);
    if (colleague.status === 'none') {
      const a = await ctx.services.resolution.resolve(ctx.actor, entities.rep, { kind: 'account' });
      if (a.status === 'found') entities = { ...entities, account: entities.rep, rep: undefined };
    }
  }
  if (!entities.account && !resolved.accountId && !entities.rep && ctx.actor.kind === 'user') {
    // "协和为啥有流失风险" with no account read: one of the user's accounts named in the question.
    const m = await ctx.services.resolution.mentions(ctx.actor, ctx.text, { kind: 'account' });
    if (m.status === 'found') entities = { ...entities, account: m.match.matchedText };
  }
  // `which accounts are at risk, need it b4 my mtg in the Loop`: a place named in passing, none of the user's
  // accounts, in a question that asks for the list (not why one is at risk), is no account to explain.
  if (entities.account && !resolved.accountId && ctx.actor.kind === 'user' && LIST_ASKED_RE.test(ctx.text) && !WHY_RE.test(ctx.text)) {
    const a = await ctx.services.resolution.resolve(ctx.actor, entities.account, { kind: 'account' });
    if (a.status === 'none') entities = { ...entities, account: undefined };
  }
  // "Why is Globex at risk?": one account's score and every reason, even below the threshold.
  if (entities.account || resolved.accountId) {
    const p = await resolveParty(ctx, 'list_at_risk', { account: entities.account }, resolved, 'account', { en: 'Which account?', zh: '哪个客户？' });
    if (!p.ok) return p.result;
    if (!p.party.accountId) return { replies: [{ kind: 'error', text: L(ctx.lang, 'Please name an account.', '请说明是哪个客户。') }] };
    const a = await ctx.services.risk.explainAccount(ctx.actor, p.party.accountId, ctx.now);
    const name = p.party.accountName ?? a.accountName;
    const score = Math.round(a.score * 100);
    const reasons = a.reasons.map((r) => (ctx.lang === 'zh' ? r.zh : r.en));
    const verdict = a.atRisk
      ? L(ctx.lang, `${name} is at risk: ${score}/100.`, `${name}有流失风险：${score}/100。`)
      : L(ctx.lang, `${name} is not at risk right now (${score}/100).`, `${name}目前没有流失风险（${score}/100）。`);
    return {
      replies: [{
        kind: 'list',
        text: verdict,
        sections: [{ title: L(ctx.lang, 'Why', '原因'), lines: reasons.length ? reasons : [L(ctx.lang, 'No warning signs.', '没有预警信号。')] }],
      }],
    };
  }
  const rep = await repOf(ctx, 'list_at_risk', entities, resolved);
  if ('result' in rep) return rep.result;
  const scope = rep.userId ? 'team' : defaultScope(ctx, entities.scope);
  const list = await ctx.services.risk.listAtRisk(ctx.actor, { scope, limit: 20, asOf: ctx.now, ...(rep.userId ? { userId: rep.userId } : {}) });
  if (list.length === 0) {
    return { replies: [{ kind: 'info', text: rep.name ? L(ctx.lang, `None of ${rep.name}'s accounts is at risk right now.`, `${rep.name}的客户目前都没有流失风险。`) : L(ctx.lang, 'No accounts are at risk right now. 🎉', '目前没有流失风险客户。🎉') }] };
  }
  const who = rep.name ? L(ctx.lang, `${rep.name}'s`, `${rep.name}的`) : scope === 'mine' ? L(ctx.lang, 'your', '你的') : scope === 'team' ? L(ctx.lang, "your team's", '团队的') : L(ctx.lang, 'all', '全部');
  return {
    replies: [
      {
        kind: 'list',
        text: L(ctx.lang, `${list.length} of ${who} accounts at risk this week, riskiest first:`, `本周${who}流失风险客户共 ${list.length} 个（按风险从高到低）：`),
        sections: list.map((a, i) => ({
          title: `${i + 1}. ${a.accountName} — ${Math.round(a.score * 100)}/100 · ${CHANGE[a.change]?.[ctx.lang === 'zh' ? 1 : 0] ?? a.change}`,
          lines: [
            ...a.reasons.map((r) => (ctx.lang === 'zh' ? r.zh : r.en)),
            L(ctx.lang, `Tier ${a.tier} · owner ${a.owner?.name ?? 'none'}`, `${a.tier} 类 · 负责人 ${a.owner?.name ?? '无'}`),
          ],
          actions: [{ label: L(ctx.lang, 'Open account', '查看客户'), value: `say:${ctx.lang === 'zh' ? `${a.accountName}的情况` : `tell me about ${a.accountName}`}` }],
        })),
      },
    ],
  };
});

export const segmentCustomers: Handler = wholeCompanyAsTeam(async (ctx, entities) => {
  const scope = defaultScope(ctx, entities.scope);
  const accounts = await ctx.services.value.listSegment(ctx.actor, { scope, ...(entities.tier ? { tier: entities.tier } : {}), limit: 200 });
  if (!accounts.length) return { replies: [{ kind: 'info', text: L(ctx.lang, 'No accounts in that segment.', '该分群中没有客户。') }] };
  if (entities.tier) {
    return {
      replies: [{
        kind: 'list',
        text: L(ctx.lang, `Tier ${entities.tier} accounts (${accounts.length}):`, `${entities.tier} 类客户（${accounts.length}）：`),
        sections: [{ title: L(ctx.lang, 'Accounts', '客户'), lines: accounts.slice(0, 30).map((a) => rfmLine(a, ctx.lang)) }],
      }],
    };
  }
  const groups = new Map<string, SegmentAccount[]>();
  for (const a of accounts) {
    const key = a.segment?.key ?? 'unscored';
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const order = [...Object.keys(RFM_SEGMENTS), 'unscored'];
  const sections = order
    .filter((k) => groups.has(k))
    .map((k) => {
      const seg = RFM_SEGMENTS[k as keyof typeof RFM_SEGMENTS];
      const title = seg ? (ctx.lang === 'zh' ? seg.zh : seg.en) : L(ctx.lang, 'Not scored yet (no orders)', '尚未评分（无订单）');
      const members = groups.get(k)!;
      return { title: `${title} (${members.length})`, lines: members.slice(0, 12).map((a) => rfmLine(a, ctx.lang)) };
    });
  const tiers = ['A', 'B', 'C'].map((t) => `${t}: ${accounts.filter((a) => a.tier === t).length}`).join(' · ');
  return { replies: [{ kind: 'list', text: L(ctx.lang, `RFM segments of ${accounts.length} accounts (tiers ${tiers}):`, `${accounts.length} 个客户的 RFM 分群（分级 ${tiers}）：`), sections }] };
});

function rfmLine(a: SegmentAccount, lang: 'en' | 'zh'): string {
  const rfm = a.rfm ? `R${a.rfm.recency} F${a.rfm.frequency} M${a.rfm.monetary}` : L(lang, 'no orders', '无订单');
  return `${a.name} — ${L(lang, `tier ${a.tier}`, `${a.tier} 类`)} · ${rfm}`;
}

export const kpiReport: Handler = wholeCompanyAsTeam(async (ctx, entities, resolved) => {
  const rep = await repOf(ctx, 'kpi_report', entities, resolved);
  if ('result' in rep) return rep.result;
  // A manager's "my KPIs" are their team's: managers rarely own accounts themselves.
  const managerMine = ctx.actor.kind === 'user' && ctx.actor.role !== 'rep' && entities.scope === 'mine';
  const scope = rep.userId || managerMine ? 'team' : defaultScope(ctx, entities.scope);
  const named = monthPeriod(entities.month, ctx.tz);
  const period = entities.period ?? 'this_month';
  const r = await ctx.services.kpi.getKpis(ctx.actor, { scope, period: named ?? period, ...(rep.userId ? { userId: rep.userId } : {}) });
  const k = r.team;
  const p = (x: number | null) => (x === null ? '—' : `${Math.round(x)}%`);
  const byType = Object.entries(k.interactions.byType).filter(([, n]) => n > 0).map(([t, n]) => (ctx.lang === 'zh' ? `${metricWord(t, 'zh')} ${n}` : `${n} ${metricWord(t, 'en')}`)).join(ctx.lang === 'zh' ? '，' : ', ') || '0';
  const lines = [
    L(ctx.lang, `Interactions: ${k.interactions.total} (${byType})`, `互动：${k.interactions.total}（${byType}）`),
    L(ctx.lang, `Tier-A coverage: ${p(k.tierACoverage.pct)} (${k.tierACoverage.touched}/${k.tierACoverage.tierA})`, `A 类客户覆盖率：${p(k.tierACoverage.pct)}（${k.tierACoverage.touched}/${k.tierACoverage.tierA}）`),
    L(ctx.lang, `Follow-ups done on time: ${p(k.followUps.pct)} (${k.followUps.onTime}/${k.followUps.due})`, `按时完成跟进：${p(k.followUps.pct)}（${k.followUps.onTime}/${k.followUps.due}）`),
    L(ctx.lang, `CSAT: ${k.csat.average ?? '—'} average from ${k.csat.responses} answers, response rate ${p(k.csat.responseRatePct)}`, `满意度 CSAT：平均 ${k.csat.average ?? '—'}（${k.csat.responses} 份），回复率 ${p(k.csat.responseRatePct)}`),
    L(ctx.lang, `NPS: ${k.nps.score === null ? '—' : Math.round(k.nps.score)} (${k.nps.responses} answers)`, `净推荐值 NPS：${k.nps.score === null ? '—' : Math.round(k.nps.score)}（${k.nps.responses} 份）`),
    L(ctx.lang, `Complaint first response within SLA: ${p(k.complaintSla.pct)} (${k.complaintSla.onTime}/${k.complaintSla.due})`, `投诉按时首次响应：${p(k.complaintSla.pct)}（${k.complaintSla.onTime}/${k.complaintSla.due}）`),
    L(ctx.lang, `Open pipeline: ${k.pipeline.map((m) => `${formatMoney(m.raw, m.currency, 'en')} (weighted ${formatMoney(m.weighted, m.currency, 'en')})`).join(' + ') || '—'}`, `在途商机：${k.pipeline.map((m) => `${formatMoney(m.raw, m.currency, 'zh')}（加权 ${formatMoney(m.weighted, m.currency, 'zh')}）`).join(' + ') || '—'}`),
    L(ctx.lang, `Win rate: ${k.winRate.rate === null ? '—' : pct(k.winRate.rate)} (${k.winRate.won} won, ${k.winRate.lost} lost)`, `赢单率：${k.winRate.rate === null ? '—' : pct(k.winRate.rate)}（赢 ${k.winRate.won}，输 ${k.winRate.lost}）`),
    L(ctx.lang, `Greetings sent: ${k.greetingsSent}`, `已发送问候：${k.greetingsSent}`),
  ];
  const sections = [{ title: rep.name ? L(ctx.lang, `${rep.name}'s KPIs`, `${rep.name}的指标`) : L(ctx.lang, scope === 'mine' ? 'Your KPIs' : 'Team KPIs', scope === 'mine' ? '我的指标' : '团队指标'), lines }];
  if (r.reps.length > 1) {
    sections.push({
      title: L(ctx.lang, 'By rep', '按销售'),
      lines: r.reps.map((rep) => L(ctx.lang, `${rep.name}: ${rep.interactions.total} interactions, follow-ups on time ${p(rep.followUps.pct)}`, `${rep.name}：互动 ${rep.interactions.total}，按时跟进 ${p(rep.followUps.pct)}`)),
    });
  }
  if (r.programs.items.length) {
    sections.push({
      title: L(ctx.lang, 'Program ROI = (extra revenue − cost) / cost', '项目投资回报率 =（新增收入 − 成本）/ 成本'),
      lines: r.programs.items.map((pr) => `${pr.name}: ${pr.roiPct === null ? '—' : `${Math.round(pr.roiPct * 10) / 10}%`}`),
    });
  }
  const label = [periodWord(period, 'en', named ? entities.month : undefined), periodWord(period, 'zh', named ? entities.month : undefined)];
  // `王芳这个月拜访了几次`, `how many calls did alex make`: the count asked for comes first, then the rest.
  const counted = ({ visits: 'visit', calls: 'call', meetings: 'meeting' } as const)[entities.metric as 'visits' | 'calls' | 'meetings'];
  const n = counted ? k.interactions.byType[counted] ?? 0 : entities.metric === 'interactions' ? k.interactions.total : null;
  const what = counted ? [metricWord(counted, 'en'), metricWord(counted, 'zh')] : ['interactions', '互动'];
  const who = rep.name ?? (scope === 'mine' ? L(ctx.lang, 'You', '你') : L(ctx.lang, 'The team', '团队'));
  const answer = n === null ? '' : L(ctx.lang, `${who}: ${n} ${n === 1 ? what[0]!.replace(/s$/, '') : what[0]} ${label[0]}. `, `${who}${label[1]}${what[1]}共 ${n} 次。`);
  return { replies: [{ kind: 'list', text: answer + L(ctx.lang, `KPIs ${label[0]}`, `${label[1]}关键指标`), sections }] };
});
