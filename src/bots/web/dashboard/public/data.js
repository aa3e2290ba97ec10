// The dashboard's CSV import: sends the chosen file as the request body and shows progress —
// the upload's bytes first, then the server's streamed phases (checking every row, saving n of m
// rows) — and finally the io service's report, or every problem with its row and column. All text
// goes through textContent, never innerHTML (cells and messages come from the uploaded file).
(() => {
  'use strict';
  const bootEl = document.getElementById('dash-boot');
  if (!bootEl) return;
  const boot = JSON.parse(bootEl.textContent || '{}');
  const S = boot.strings || {};
  const nf = new Intl.NumberFormat(boot.locale === 'zh' ? 'zh-CN' : 'en-US');
  const fill = (template, values) => String(template || '').replace(/\{(\w+)\}/g, (_, k) => (typeof values[k] === 'number' ? nf.format(values[k]) : String(values[k] ?? '')));
  const MAX_SHOWN = 200;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
    return node;
  }

  function setup(form) {
    const kind = form.dataset.kind;
    const input = form.querySelector('input[type="file"]');
    const button = form.querySelector('button[type="submit"]');
    const status = document.getElementById(`status-${kind}`);
    const bar = document.getElementById(`progress-${kind}`);
    const phase = document.getElementById(`phase-${kind}`);
    const report = document.getElementById(`report-${kind}`);

    const show = (name, text, pct) => {
      status.dataset.phase = name;
      phase.textContent = text;
      if (pct === null) {
        bar.removeAttribute('value'); // indeterminate
      } else if (pct !== undefined) {
        bar.value = Math.max(0, Math.min(100, pct));
      }
      bar.hidden = name === 'idle' || name === 'done' || name === 'rejected' || name === 'error';
    };

    function renderReport(r) {
      report.replaceChildren();
      if (r.imported) {
        show('done', '');
        report.append(el('p', { class: 'ok', role: 'status' }, fill(S.importDone, r)));
        return;
      }
      show('rejected', '');
      report.append(el('p', { class: 'bad', role: 'alert' }, fill(S.importRejected, { count: r.errors.length, total: r.total })));
      const table = el('table', { class: 'problems' });
      table.append(el('thead', {}, el('tr', {}, ...[S.rowCol, S.colCol, S.valueCol, S.problemCol].map((h) => el('th', { scope: 'col' }, h)))));
      const body = el('tbody');
      for (const e of r.errors.slice(0, MAX_SHOWN)) {
        body.append(el('tr', { 'data-row': String(e.row), 'data-column': e.column ?? '' },
          el('td', { class: 'num' }, e.row), el('td', {}, e.column ?? '—'), el('td', {}, e.value ?? ''), el('td', {}, boot.locale === 'zh' ? e.zh : e.en)));
      }
      table.append(body);
      report.append(el('div', { class: 'table-wrap' }, table));
      if (r.errors.length > MAX_SHOWN) report.append(el('p', { class: 'muted' }, fill(S.moreProblems, { n: r.errors.length - MAX_SHOWN })));
    }

    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const file = input.files && input.files[0];
      report.replaceChildren();
      if (!file) {
        show('error', S.noFile);
        return;
      }
      button.disabled = true;
      input.disabled = true;
      show('uploading', `${S.phaseUploading} 0%`, 0);
      const xhr = new XMLHttpRequest();
      let seen = 0;
      let final = null;
      // One JSON object per line, as the server sends them; a partial last line waits for more.
      const consume = () => {
        const text = xhr.responseText || '';
        let nl;
        while ((nl = text.indexOf('\n', seen)) >= 0) {
          const lineText = text.slice(seen, nl);
          seen = nl + 1;
          if (!lineText.trim()) continue;
          let msg;
          try { msg = JSON.parse(lineText); } catch { continue; }
          if (msg.phase === 'checking') show('checking', S.phaseChecking, null);
          else if (msg.phase === 'writing') show('writing', `${S.phaseWriting} ${nf.format(msg.done)} / ${nf.format(msg.total)}`, msg.total ? (msg.done / msg.total) * 100 : 100);
          else if (msg.phase === 'done' || msg.phase === 'error') final = msg;
        }
      };
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) show('uploading', `${S.phaseUploading} ${Math.round((e.loaded / e.total) * 100)}%`, (e.loaded / e.total) * 100);
      });
      xhr.addEventListener('progress', consume);
      xhr.addEventListener('load', () => {
        consume();
        button.disabled = false;
        input.disabled = false;
        if (xhr.status === 401) { location.href = `/dashboard/signin?next=${encodeURIComponent(location.pathname)}`; return; }
        if (final && final.phase === 'done') { renderReport(final.report); return; }
        let message = final && final.message;
        if (!message) { try { message = JSON.parse(xhr.responseText).message; } catch { /* not JSON */ } }
        show('error', message || S.importFailed);
      });
      xhr.addEventListener('error', () => {
        button.disabled = false;
        input.disabled = false;
        show('error', S.importFailed);
      });
      xhr.open('POST', `/api/dashboard/import/${encodeURIComponent(kind)}`);
      xhr.setRequestHeader('content-type', 'text/csv');
      xhr.setRequestHeader('x-requested-with', 'rapport-dashboard');
      xhr.send(file);
    });
  }

  const run = () => document.querySelectorAll('form.import-form').forEach(setup);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
