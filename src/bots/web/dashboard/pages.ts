// Server-rendered pages: the sign-in page, the dashboard shell with the at-risk table already in the
// HTML (first paint needs no script), the account 360° page, and the refusal pages. Charts are
// canvases that /dashboard/static/dashboard.js fills from /api/dashboard/* after the page shows.
import type { AtRiskAccount, RiskChange } from '../../../domain/risk/risk.service.ts';
import type { AccountOverview } from '../../../domain/customers/account.service.ts';
import type { TimelineEntry } from '../../../domain/interactions/interaction.service.ts';
import type { AccountActivity } from '../../../domain/analytics/analytics.service.ts';
import type { Locale } from '../../../domain/shared/errors.ts';
import { html, jsonForScript, type SafeHtml } from './html.ts';
import { CLIENT_KEYS, INTERACTION_TYPES, LIFECYCLE, TICKET_WORDS, translator, word, type StringKey, type Translate } from './i18n.ts';

export interface Viewer {
  name: string;
  role: 'rep' | 'manager' | 'admin';
  locale: Locale;
  timezone: string;
}

const FAVICON =
  "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><rect width='32' height='32' rx='8' fill='%234f46e5'/><text x='16' y='22' font-size='18' text-anchor='middle' fill='white' font-family='sans-serif'>R</text></svg>";

function layout(opts: {
  locale: Locale;
  title: string;
  body: SafeHtml;
  viewer?: Viewer;
  scripts?: boolean;
  script?: string;
  boot?: unknown;
  langHref?: string;
}): string {
  const t = translator(opts.locale);
  const v = opts.viewer;
  return html`<!doctype html>
<html lang="${opts.locale === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · Rapport</title>
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="/dashboard/static/dashboard.css">
${opts.scripts ? html`<script defer src="/dashboard/static/chart.umd.min.js"></script>
<script defer src="/dashboard/static/dashboard.js"></script>` : ''}
${opts.script ? html`<script defer src="${opts.script}"></script>` : ''}
</head>
<body>
<header class="topbar">
  <a class="brand" href="/dashboard"><span class="logo" aria-hidden="true">R</span><span>Rapport</span></a>
  <nav class="nav">
    <a href="/">${t('chat')}</a>
    ${v && v.role !== 'rep' ? html`<a href="/dashboard/data" id="nav-data">${t('data')}</a>` : ''}
    ${opts.langHref ? html`<a href="${opts.langHref}" lang="${opts.locale === 'zh' ? 'en' : 'zh-CN'}">${t('language')}</a>` : ''}
    ${v ? html`<span class="who" title="${v.timezone}">${v.name} · ${t(v.role)}</span>
    <form method="post" action="/dashboard/signout" class="inline"><button type="submit" class="link">${t('signOut')}</button></form>` : ''}
  </nav>
</header>
<main class="page">
${opts.body}
</main>
${opts.boot === undefined ? '' : html`<script type="application/json" id="dash-boot">${jsonForScript(opts.boot)}</script>`}
</body>
</html>`.value;
}

function dateFormat(locale: Locale, timezone: string, withTime = false) {
  const f = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: timezone, year: 'numeric', month: 'short', day: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
  return (d: Date | null | undefined) => (d ? f.format(d) : '—');
}

function money(locale: Locale, amount: number, currency: string | null): string {
  if (!currency || currency === 'mixed') return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 0 }).format(amount) + (currency === 'mixed' ? ' (mixed)' : '');
  try {
    return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

// -- sign-in and refusals --

export function signInPage(opts: { locale: Locale; users: { id: string; name: string; role: string }[] | null; message?: string; next?: string }): string {
  const t = translator(opts.locale);
  const body = html`<section class="card narrow">
  <h1>${t('signInTitle')}</h1>
  ${opts.message ? html`<p class="notice" role="alert">${opts.message}</p>` : ''}
  ${opts.users
    ? html`<p class="muted">${t('signInLocal')}</p>
  <ul class="signin-list">${opts.users.map(
    (u) => html`<li><form method="post" action="/dashboard/signin">
      <input type="hidden" name="userId" value="${u.id}">
      ${opts.next ? html`<input type="hidden" name="next" value="${opts.next}">` : ''}
      <button type="submit" class="primary" data-user="${u.id}">${t('signInAs')} ${u.name} <span class="role">${t(u.role as StringKey)}</span></button>
    </form></li>`,
  )}</ul>`
    : html`<p>${t('signInRemote')}</p>`}
</section>`;
  return layout({ locale: opts.locale, title: t('signInTitle'), body });
}

export function messagePage(opts: { locale: Locale; title: string; message: string; viewer?: Viewer; back?: boolean }): string {
  const t = translator(opts.locale);
  const body = html`<section class="card narrow refusal">
  <h1>${opts.title}</h1>
  <p>${opts.message}</p>
  <p>${opts.back ? html`<a href="/dashboard">${t('back')}</a>` : html`<a href="/">${t('chat')}</a>`}</p>
</section>`;
  return layout({ locale: opts.locale, title: opts.title, body, ...(opts.viewer ? { viewer: opts.viewer } : {}) });
}

// -- dashboard --

export type SortKey = 'score' | 'account' | 'tier' | 'owner' | 'trend';
export const SORT_KEYS: readonly SortKey[] = ['score', 'account', 'tier', 'owner', 'trend'];
const TREND_ORDER: Record<RiskChange, number> = { worsened: 0, new: 1, same: 2, improved: 3 };
const TREND_ICON: Record<RiskChange, string> = { worsened: '▲', new: '●', same: '■', improved: '▼' };

export function sortAtRisk(rows: AtRiskAccount[], key: SortKey, dir: 'asc' | 'desc', locale: Locale): AtRiskAccount[] {
  const collator = new Intl.Collator(locale === 'zh' ? 'zh-CN' : 'en');
  const cmp: Record<SortKey, (a: AtRiskAccount, b: AtRiskAccount) => number> = {
    score: (a, b) => a.score - b.score,
    account: (a, b) => collator.compare(a.accountName, b.accountName),
    tier: (a, b) => b.tier.localeCompare(a.tier), // ascending = C, B, A: "more important" sorts last, like a score
    owner: (a, b) => collator.compare(a.owner?.name ?? '', b.owner?.name ?? ''),
    trend: (a, b) => TREND_ORDER[b.change] - TREND_ORDER[a.change],
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * cmp[key](a, b) || b.score - a.score || a.accountName.localeCompare(b.accountName));
}

export function dashboardPage(opts: {
  viewer: Viewer; locale: Locale; atRisk: AtRiskAccount[]; sort: SortKey; dir: 'asc' | 'desc'; langParam: string; showQueues: boolean;
}): string {
  const { viewer, locale } = opts;
  const t = translator(locale);
  const isAdmin = viewer.role === 'admin';
  const rows = sortAtRisk(opts.atRisk, opts.sort, opts.dir, locale);
  const header = (key: SortKey, label: string, cls = '') => {
    const active = opts.sort === key;
    const nextDir = active && opts.dir === 'desc' ? 'asc' : 'desc';
    const href = `/dashboard?sort=${key}&dir=${nextDir}${opts.langParam}#at-risk`;
    return html`<th scope="col" class="${cls}" aria-sort="${active ? (opts.dir === 'asc' ? 'ascending' : 'descending') : 'none'}"><a href="${href}" data-sort="${key}">${label}${active ? (opts.dir === 'asc' ? ' ↑' : ' ↓') : ''}</a></th>`;
  };
  const table = rows.length
    ? html`<div class="table-wrap"><table class="risk" id="at-risk-table">
  <thead><tr>${header('score', t('score'), 'num')}${header('account', t('account'))}${header('tier', t('tier'))}${header('owner', t('owner'), 'hide-sm')}<th scope="col">${t('reasons')}</th>${header('trend', t('trend'))}</tr></thead>
  <tbody>${rows.map(
    (r) => html`<tr data-account-id="${r.accountId}">
    <td class="num"><span class="score ${r.score >= 0.6 ? 'high' : r.score >= 0.4 ? 'mid' : 'low'}">${Math.round(r.score * 100)}</span></td>
    <td><a class="account-link" href="/dashboard/accounts/${encodeURIComponent(r.accountId)}${opts.langParam ? `?${opts.langParam.slice(1)}` : ''}">${r.accountName}</a><div class="sub show-sm">${r.owner?.name ?? ''}</div></td>
    <td><span class="tier tier-${r.tier}">${r.tier}</span></td>
    <td class="hide-sm">${r.owner?.name ?? '—'}</td>
    <td><ul class="reasons">${r.reasons.slice(0, 3).map((x) => html`<li>${x[locale]}</li>`)}</ul></td>
    <td><span class="trend trend-${r.change}" title="${r.previousScore === null ? '' : `${Math.round(r.previousScore * 100)} → ${Math.round(r.score * 100)}`}">${TREND_ICON[r.change]} ${t(`trend_${r.change}` as StringKey)}</span></td>
  </tr>`,
  )}</tbody></table></div>`
    : html`<p class="empty">${t('atRiskNone')}</p>`;
  const chart = (id: string, title: string, extra: SafeHtml | string = '') => html`<section class="card chart-card" aria-labelledby="${id}-title">
    <div class="card-head"><h2 id="${id}-title">${title}</h2>${extra}</div>
    <div class="chart-box"><canvas id="${id}" role="img" aria-label="${title}"></canvas><p class="chart-status muted" data-for="${id}">${t('loading')}</p></div>
  </section>`;
  const body = html`<h1 class="page-title">${isAdmin ? t('titleAdmin') : t('title')}</h1>
<section class="card" id="at-risk" aria-labelledby="at-risk-title">
  <div class="card-head"><h2 id="at-risk-title">${t('atRisk')} <span class="count">${rows.length}</span></h2></div>
  ${table}
</section>
<div class="grid">
  ${chart('chart-pipeline', t('pipeline'), html`<label class="currency"><span class="sr-only">${t('currency')}</span><select id="pipeline-currency" aria-label="${t('currency')}" hidden></select></label>`)}
  ${chart('chart-satisfaction', t('satisfaction'))}
  ${chart('chart-interactions', t('interactions'))}
  ${chart('chart-sla', t('sla'), html`<span class="headline" id="sla-headline"></span>`)}
  ${chart('chart-segments', t('segments'))}
  ${opts.showQueues ? html`<section class="card" aria-labelledby="queues-title">
    <div class="card-head"><h2 id="queues-title">${t('queues')}</h2>${isAdmin ? html`<a href="/admin/queues">${t('queuesAdmin')}</a>` : ''}</div>
    <div id="queues" class="queues"><p class="muted">${t('loading')}</p></div>
  </section>` : ''}
</div>`;
  const strings = Object.fromEntries(CLIENT_KEYS.map((k) => [k, t(k)]));
  return layout({
    locale, title: isAdmin ? t('titleAdmin') : t('title'), body, viewer, scripts: true,
    boot: { locale, isAdmin, lang: opts.langParam ? locale : null, strings },
    langHref: `/dashboard?lang=${locale === 'zh' ? 'en' : 'zh'}`,
  });
}

// -- account 360° --

export function accountPage(opts: {
  viewer: Viewer;
  locale: Locale;
  overview: AccountOverview;
  timeline: TimelineEntry[];
  activity: AccountActivity;
  risk: AtRiskAccount | null;
  langParam: string;
}): string {
  const { viewer, locale, overview: o, activity: act } = opts;
  const t = translator(locale);
  const day = dateFormat(locale, viewer.timezone);
  const when = dateFormat(locale, viewer.timezone, true);
  const name = (id: string | null | undefined) => (id ? (act.userNames[id] ?? '—') : '—');
  const a = o.account;
  const fact = (label: string, value: SafeHtml | string) => html`<div class="fact"><dt>${label}</dt><dd>${value}</dd></div>`;
  const section = (id: string, title: string, content: SafeHtml, count?: number) =>
    html`<section class="card" id="${id}" aria-labelledby="${id}-title"><div class="card-head"><h2 id="${id}-title">${title}${count === undefined ? '' : html` <span class="count">${count}</span>`}</h2></div>${content}</section>`;
  const none = html`<p class="muted">${t('none')}</p>`;

  const riskBlock = opts.risk && opts.risk.reasons.length
    ? html`<div class="risk-box"><span class="score ${opts.risk.score >= 0.6 ? 'high' : opts.risk.score >= 0.4 ? 'mid' : 'low'}">${Math.round(opts.risk.score * 100)}</span>
      <ul class="reasons">${opts.risk.reasons.map((r) => html`<li>${r[locale]}</li>`)}</ul></div>`
    : html`<p class="muted">${t('noRisk')}</p>`;

  const timeline = opts.timeline.length
    ? html`<ol class="timeline">${opts.timeline.map((i) => html`<li class="${i.sentiment !== null && i.sentiment < -0.2 ? 'neg' : i.sentiment !== null && i.sentiment > 0.2 ? 'pos' : ''}">
        <div class="tl-head"><span class="pill">${word(INTERACTION_TYPES, i.type, locale)}</span> <time datetime="${i.occurredAt.toISOString()}">${when(i.occurredAt)}</time>
        <span class="muted">${i.userName ?? ''}${i.contactName ? ` → ${i.contactName}` : ''}</span></div>
        <p>${i.summary}</p>${i.nextStep ? html`<p class="muted">${t('nextTouch')}: ${i.nextStep}</p>` : ''}</li>`)}</ol>`
    : none;

  const tasks = o.openTasks.length
    ? html`<ul class="rows">${o.openTasks.map((x) => html`<li><span>${x.title}</span> <span class="muted">${name(x.assigneeId)} · ${t('due')} ${day(x.dueAt)}</span>${x.overdue ? html` <span class="pill warn">${t('overdue')}</span>` : ''}</li>`)}</ul>`
    : none;

  const tickets = act.tickets.length
    ? html`<ul class="rows">${act.tickets.map((x) => html`<li><span>${x.subject}</span> <span class="muted">${word(TICKET_WORDS, x.kind, locale)} · ${word(TICKET_WORDS, x.priority, locale)} · ${word(TICKET_WORDS, x.status, locale)} · ${day(x.openedAt)}</span>${x.breached ? html` <span class="pill err">${t('breached')}</span>` : ''}</li>`)}</ul>`
    : none;

  const opps = act.opportunities.length
    ? html`<ul class="rows">${act.opportunities.map((x) => html`<li><span>${x.name}</span> <span class="muted">${t(`stage_${x.stage}` as StringKey)} · ${money(locale, x.amount, x.currency)}${x.probability !== null && !x.closedAt ? ` · ${Math.round(x.probability * 100)}%` : ''} · ${x.closedAt ? day(x.closedAt) : day(x.expectedCloseAt)}</span></li>`)}</ul>
       <p class="muted">${t('weighted')}: ${money(locale, o.pipeline.weighted, o.pipeline.currency)} / ${money(locale, o.pipeline.sum, o.pipeline.currency)}</p>`
    : none;

  const surveys = act.surveys.length
    ? html`<ul class="rows">${act.surveys.map((s) => html`<li><span class="pill">${s.kind.toUpperCase()}</span> <span>${s.contactName}</span>
        ${s.score === null ? html` <span class="muted">${word(TICKET_WORDS, s.status, locale)} · ${t('notAnswered')}</span>` : html` <strong class="${(s.kind === 'csat' ? s.score <= 2 : s.score <= 6) ? 'bad' : 'good'}">${s.score}/${s.kind === 'csat' ? 5 : 10}</strong> <span class="muted">${day(s.respondedAt)}</span>`}
        ${s.comment ? html`<q>${s.comment}</q>` : ''}</li>`)}</ul>`
    : none;

  const roles = Object.entries(o.decisionChain);
  const chain = roles.length
    ? html`<dl class="chain">${roles.map(([role, people]) => html`<div><dt>${t(`role_${role}` as StringKey)}</dt><dd>${people.map((p) => html`<span class="person">${p.name}${p.title ? html` <span class="muted">${p.title}</span>` : ''}</span>`)}</dd></div>`)}</dl>`
    : none;

  const body = html`<p><a href="/dashboard${opts.langParam ? `?${opts.langParam.slice(1)}` : ''}">${t('back')}</a></p>
<section class="card account-head">
  <h1>${a.name} <span class="tier tier-${o.tier}">${o.tier}</span></h1>
  <dl class="facts">
    ${fact(t('owner'), o.owner?.name ?? '—')}
    ${fact(t('lifecycle'), word(LIFECYCLE, o.lifecycleStage, locale))}
    ${fact(t('industry'), a.industry ?? '—')}
    ${fact(t('region'), a.region ?? '—')}
    ${a.aliases.length ? fact(t('aliases'), a.aliases.join(', ')) : ''}
    ${fact(t('lastTouch'), o.lastTouch ? `${word(INTERACTION_TYPES, o.lastTouch.type, locale)} · ${day(o.lastTouch.occurredAt)}` : '—')}
    ${fact(t('nextTouch'), o.nextTouch ? `${o.nextTouch.title} · ${day(o.nextTouch.dueAt)}` : '—')}
  </dl>
  <h2>${t('riskScore')}</h2>
  ${riskBlock}
</section>
<div class="grid two">
  ${section('timeline', t('timeline'), timeline, opts.timeline.length)}
  <div class="stack">
    ${section('tasks', t('openTasks'), tasks, o.openTasks.length)}
    ${section('tickets', t('tickets'), tickets, act.tickets.length)}
    ${section('opportunities', t('opportunities'), opps, act.opportunities.length)}
    ${section('surveys', t('surveys'), surveys, act.surveys.length)}
    ${section('decision-chain', t('decisionChain'), chain, o.contactCount)}
  </div>
</div>`;
  return layout({ locale, title: a.name, body, viewer, langHref: `?lang=${locale === 'zh' ? 'en' : 'zh'}` });
}

export type { Translate };

// -- import and export --

export type DataKind = 'accounts' | 'contacts' | 'orders';

/**
 * CSV import and export for managers and admins: one card per kind with its columns, a file
 * input, a progress bar and the validation report (filled by /dashboard/static/data.js from the
 * streamed progress of POST /api/dashboard/import/:kind), and a download of the export.
 */
export function dataPage(opts: {
  viewer: Viewer;
  locale: Locale;
  columns: Record<DataKind, readonly string[]>;
  required: Record<DataKind, readonly string[]>;
  strings: Record<string, string>;
  langParam: string;
}): string {
  const { viewer, locale } = opts;
  const t = translator(locale);
  const kinds: DataKind[] = ['accounts', 'contacts', 'orders'];
  const card = (kind: DataKind) => html`<section class="card data-card" id="data-${kind}" aria-labelledby="data-${kind}-title">
  <div class="card-head"><h2 id="data-${kind}-title">${t(`kind_${kind}` as StringKey)}</h2>
    <a class="button" id="export-${kind}" href="/api/dashboard/export/${kind}" download>${t('exportButton')}</a></div>
  <p class="muted">${t('columns')}: ${opts.columns[kind].map((c, i) => html`${i ? ', ' : ''}<code>${c}</code>${opts.required[kind].includes(c) ? html`<abbr title="${t('required')}">*</abbr>` : ''}`)}</p>
  <form class="import-form" data-kind="${kind}">
    <label><span class="sr-only">${t('chooseFile')}</span><input type="file" name="file" id="file-${kind}" accept=".csv,text/csv"></label>
    <button type="submit" id="import-${kind}">${t('importButton')}</button>
  </form>
  <div class="import-status" id="status-${kind}" data-phase="idle" aria-live="polite">
    <progress id="progress-${kind}" max="100" value="0" hidden></progress>
    <p class="phase muted" id="phase-${kind}"></p>
    <div class="report" id="report-${kind}"></div>
  </div>
</section>`;
  const body = html`<p><a href="/dashboard${opts.langParam ? `?${opts.langParam.slice(1)}` : ''}">${t('back')}</a></p>
<h1 class="page-title">${t('dataTitle')}</h1>
<p class="intro">${t('dataIntro')}</p>
<p class="muted">${t('dataExportIntro')}</p>
${kinds.map(card)}`;
  return layout({
    locale, title: t('dataTitle'), body, viewer, script: '/dashboard/static/data.js',
    boot: { locale, strings: opts.strings },
    langHref: `/dashboard/data?lang=${locale === 'zh' ? 'en' : 'zh'}`,
  });
}
