// Fills the dashboard's canvases from /api/dashboard/* once the server-rendered page is showing.
// Plain script (Chart.js UMD is loaded before it with `defer`); all text goes through Chart.js or
// textContent, never innerHTML.
(() => {
  'use strict';
  const bootEl = document.getElementById('dash-boot');
  if (!bootEl) return;
  const boot = JSON.parse(bootEl.textContent || '{}');
  const S = boot.strings || {};
  const locale = boot.locale === 'zh' ? 'zh-CN' : 'en-US';
  const COLORS = ['#4f46e5', '#0ea5e9', '#16a34a', '#f59e0b', '#dc2626', '#9333ea', '#0d9488', '#db2777', '#65a30d', '#64748b'];
  const charts = {};

  const status = (id, text) => {
    const el = document.querySelector(`.chart-status[data-for="${id}"]`);
    if (!el) return;
    el.textContent = text || '';
    el.hidden = !text;
  };
  const get = async (path) => {
    const res = await fetch(`/api/dashboard/${path}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (res.status === 401) { location.href = `/dashboard/signin?next=${encodeURIComponent(location.pathname)}`; throw new Error('signed out'); }
    if (!res.ok) throw new Error(`${res.status}`);
    return res.json();
  };
  const weekLabel = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const money = (n, currency) => {
    try { return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(n); }
    catch { return `${n} ${currency}`; }
  };
  const draw = (id, config) => {
    const canvas = document.getElementById(id);
    if (!canvas || typeof Chart === 'undefined') return;
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart(canvas, config);
    canvas.dataset.ready = 'true';
    status(id, '');
  };
  const base = (extra = {}) => ({
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    ...extra,
  });

  async function pipeline() {
    const id = 'chart-pipeline';
    const data = await get('pipeline');
    const select = document.getElementById('pipeline-currency');
    if (!data.currencies.length) { status(id, S.noData); return; }
    const render = (currency) => {
      const stages = ['qualification', 'needs_analysis', 'proposal', 'negotiation'];
      const row = (stage) => data.rows.find((r) => r.stage === stage && r.currency === currency);
      draw(id, {
        type: 'bar',
        data: {
          labels: stages.map((s) => S[`stage_${s}`] || s),
          datasets: [
            { label: `${S.amount} (${currency})`, data: stages.map((s) => row(s)?.amount ?? 0), backgroundColor: '#c7d2fe', borderColor: '#4f46e5', borderWidth: 1 },
            { label: `${S.weighted} (${currency})`, data: stages.map((s) => row(s)?.weighted ?? 0), backgroundColor: '#4f46e5' },
          ],
        },
        options: base({ scales: { y: { beginAtZero: true, ticks: { callback: (v) => money(v, currency) } } },
          plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${money(c.parsed.y, currency)}` } } } }),
      });
    };
    if (select && data.currencies.length > 1) {
      select.replaceChildren(...data.currencies.map((c) => { const o = document.createElement('option'); o.value = c; o.textContent = c; return o; }));
      select.value = data.primaryCurrency;
      select.hidden = false;
      select.addEventListener('change', () => render(select.value));
    }
    render(data.primaryCurrency);
  }

  async function satisfaction() {
    const id = 'chart-satisfaction';
    const data = await get('satisfaction');
    if (!data.points.some((p) => p.csat !== null || p.nps !== null)) { status(id, S.noData); return; }
    draw(id, {
      type: 'line',
      data: {
        labels: data.weeks.map(weekLabel),
        datasets: [
          { label: S.csat, data: data.points.map((p) => p.csat), borderColor: '#16a34a', backgroundColor: '#16a34a', yAxisID: 'csat', spanGaps: true, tension: 0 },
          { label: S.nps, data: data.points.map((p) => p.nps), borderColor: '#4f46e5', backgroundColor: '#4f46e5', yAxisID: 'nps', spanGaps: true, tension: 0 },
        ],
      },
      options: base({ scales: {
        csat: { type: 'linear', position: 'left', min: 1, max: 5, title: { display: true, text: 'CSAT' } },
        nps: { type: 'linear', position: 'right', min: -100, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: 'NPS' } },
      } }),
    });
  }

  async function interactions() {
    const id = 'chart-interactions';
    const data = await get('interactions');
    if (!data.points.length) { status(id, S.noData); return; }
    draw(id, {
      type: 'bar',
      data: {
        labels: data.weeks.map(weekLabel),
        datasets: data.points.map((rep, i) => ({ label: rep.name, data: rep.counts, backgroundColor: COLORS[i % COLORS.length] })),
      },
      options: base({ scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }),
    });
  }

  async function sla() {
    const id = 'chart-sla';
    const data = await get('sla');
    const totals = data.points.reduce((t, p) => ({ due: t.due + p.due, onTime: t.onTime + p.onTime }), { due: 0, onTime: 0 });
    const headline = document.getElementById('sla-headline');
    if (headline) headline.textContent = totals.due ? `${S.compliance}: ${Math.round((totals.onTime / totals.due) * 100)}% (${totals.onTime}/${totals.due})` : '';
    if (!totals.due) { status(id, S.noData); return; }
    draw(id, {
      type: 'bar',
      data: {
        labels: data.weeks.map(weekLabel),
        datasets: [
          { label: S.onTime, data: data.points.map((p) => p.onTime), backgroundColor: '#16a34a' },
          { label: S.late, data: data.points.map((p) => p.late), backgroundColor: '#f59e0b' },
          { label: S.unanswered, data: data.points.map((p) => p.unanswered), backgroundColor: '#dc2626' },
        ],
      },
      options: base({ scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }),
    });
  }

  async function segments() {
    const id = 'chart-segments';
    const data = await get('segments');
    const shown = data.segments.filter((s) => s.count > 0);
    // Before the nightly value job has run every account is unscored: say so instead of one grey ring.
    if (!shown.some((s) => s.segment !== 'unscored')) { status(id, S.rfmPending); return; }
    const key = boot.locale === 'zh' ? 'zh' : 'en';
    draw(id, {
      type: 'doughnut',
      data: { labels: shown.map((s) => `${s[key]} (${s.count})`), datasets: [{ data: shown.map((s) => s.count), backgroundColor: shown.map((_, i) => COLORS[i % COLORS.length]) }] },
      options: base({ interaction: {}, plugins: { legend: { position: 'right', labels: { boxWidth: 12 } } } }),
    });
  }

  async function queues() {
    const box = document.getElementById('queues');
    if (!box) return;
    const data = await get('queues');
    if (!data.available) { box.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: S.queuesUnavailable })); return; }
    const table = document.createElement('table');
    table.className = 'queue-table';
    const states = [...new Set(Object.values(data.queues).flatMap((c) => Object.keys(c)))];
    const head = table.createTHead().insertRow();
    for (const h of ['', ...states]) { const th = document.createElement('th'); th.textContent = h; th.scope = 'col'; head.append(th); }
    const body = table.createTBody();
    for (const [name, counts] of Object.entries(data.queues)) {
      const tr = body.insertRow();
      const th = document.createElement('th'); th.scope = 'row'; th.textContent = name; tr.append(th);
      for (const s of states) {
        const td = tr.insertCell();
        const n = counts[s] ?? 0;
        td.textContent = String(n);
        if ((s === 'failed' && n > 0) || (s === 'waiting' && n > 100)) td.className = 'bad';
      }
    }
    box.replaceChildren(table);
  }

  const jobs = { 'chart-pipeline': pipeline, 'chart-satisfaction': satisfaction, 'chart-interactions': interactions, 'chart-sla': sla, 'chart-segments': segments };
  const run = () => {
    if (typeof Chart !== 'undefined') {
      Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
      Chart.defaults.color = '#475467';
    }
    for (const [id, fn] of Object.entries(jobs)) fn().catch((err) => { console.error(id, err); status(id, S.loadFailed); });
    queues().catch(() => {
      const box = document.getElementById('queues');
      if (box) box.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: S.queuesUnavailable }));
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
