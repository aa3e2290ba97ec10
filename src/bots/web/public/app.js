// Rapport's local web chat. Plain modules, no framework: the page is small and must paint fast.
const $ = (sel) => document.querySelector(sel);
const log = $('#log');
const input = $('#text');
const form = $('#composer');
const userSelect = $('#user');
const inboxList = $('#inbox-items');

const I18N = {
  en: {
    user: 'Talking as', dashboard: 'Dashboard', inbox: 'Inbox', inboxTitle: 'Inbox', send: 'Send',
    inboxHelp: 'Reminders, surveys, greetings and digests the jobs delivered to you.',
    hint: 'Enter sends · Shift+Enter new line · ↑ edits your last message · / focuses the box · Esc cancels a question',
    placeholder: 'Type a message — Enter to send, Shift+Enter for a new line',
    you: 'You', bot: 'Rapport', empty: 'Nothing yet.', typing: 'Rapport is typing…',
    failed: 'Could not reach Rapport. Check that the server is running and try again.', retry: 'Retry',
    customer: 'customer', rep: 'rep', manager: 'manager', admin: 'admin',
  },
  zh: {
    user: '当前身份', dashboard: '仪表盘', inbox: '收件箱', inboxTitle: '收件箱', send: '发送',
    inboxHelp: '后台任务发给你的提醒、调查、问候和摘要。',
    hint: 'Enter 发送 · Shift+Enter 换行 · ↑ 编辑上一条 · / 聚焦输入框 · Esc 取消当前问题',
    placeholder: '输入消息，Enter 发送，Shift+Enter 换行',
    you: '我', bot: 'Rapport', empty: '暂无内容。', typing: 'Rapport 正在输入…',
    failed: '无法连接 Rapport，请确认服务器在运行后重试。', retry: '重试',
    customer: '客户', rep: '销售', manager: '经理', admin: '管理员',
  },
};
const EXAMPLES = {
  en: ['log visit with Dr. Li, she wants samples next Tuesday', 'my tasks', 'which accounts are at risk this week?', 'pipeline this quarter', 'tell me about Acme', 'help'],
  zh: ['拜访了李医生，下周二送样品', '我的任务', '本周哪些客户有流失风险', '本季度销售漏斗', '市第一医院的情况', '帮助'],
  customer: { en: ['help'], zh: ['帮助'] },
};

let users = [];
let me = null;
let lastSent = '';
let seenInbox = new Set();
let inboxTimer;

const t = (key) => (I18N[me?.locale ?? 'en'] ?? I18N.en)[key] ?? I18N.en[key] ?? key;
const threadId = () => `web:${me.id}`;
const uuid = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function applyLocale() {
  document.documentElement.lang = me?.locale === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  input.placeholder = t('placeholder');
  const ex = me?.role === 'customer' ? EXAMPLES.customer[me.locale] : EXAMPLES[me?.locale ?? 'en'];
  $('#suggestions').replaceChildren(...ex.map((e) => el('button', { type: 'button', onclick: () => send(e) }, e)));
  $('#dashboard-link').hidden = !(me && (me.role === 'manager' || me.role === 'admin'));
}

function renderActions(rows, onPress) {
  return (rows ?? []).map((row) =>
    el('div', { class: 'actions', role: 'group' },
      row.map((a) => el('button', { type: 'button', class: a.style ?? '', 'data-value': a.value, onclick: (ev) => onPress(a, ev.currentTarget) }, a.label))),
  );
}

function addMessage(who, reply) {
  const isMe = who === 'me';
  const li = el('li', { class: `msg ${isMe ? 'me' : `bot ${reply.kind ?? ''}`}`, 'data-intent': reply.intent ?? null },
    el('div', { class: 'who' }, isMe ? t('you') : t('bot')),
    el('div', { class: 'text' }, reply.text));
  for (const s of reply.sections ?? []) {
    li.append(el('div', { class: 'section' }, el('h3', {}, s.title), el('ul', {}, s.lines.map((l) => el('li', {}, l))),
      ...renderActions(s.actions ? [s.actions] : [], press)));
  }
  li.append(...renderActions(reply.actions, press));
  log.append(li);
  log.scrollTop = log.scrollHeight;
  return li;
}

async function post(body) {
  const res = await fetch('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: me.id, threadId: threadId(), ...body }) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok && !data.replies) throw new Error(data.message ?? res.statusText);
  return { replies: data.replies ?? [], unavailable: res.status === 503 };
}

// A message refused because the CRM's database was down is retried with the same messageId, so
// the server records it once even if the first attempt was saved just before the connection broke.
async function exchange(shown, body, retrying = false) {
  if (!retrying) addMessage('me', { text: shown });
  body = { messageId: uuid(), ...body };
  const typing = el('li', { class: 'msg bot typing' }, t('typing'));
  log.append(typing);
  log.scrollTop = log.scrollHeight;
  try {
    const { replies, unavailable } = await post(body);
    typing.remove();
    for (const r of replies) {
      const li = addMessage('bot', r);
      if (unavailable) {
        li.append(...renderActions([[{ label: t('retry'), value: 'retry' }]], (_a, button) => {
          button.disabled = true;
          exchange(shown, body, true);
        }));
      }
    }
  } catch (err) {
    typing.remove();
    addMessage('bot', { kind: 'error', text: `${t('failed')} (${err.message})` });
  }
  refreshInbox();
}

async function send(text) {
  text = text.trim();
  if (!text) return;
  lastSent = text;
  input.value = '';
  autosize();
  await exchange(text, { text });
  input.focus();
}

async function press(action, button, threadOverride) {
  for (const b of button.parentElement.querySelectorAll('button')) b.disabled = true;
  await exchange(action.label, { text: '', action: action.value, ...(threadOverride ? { threadId: threadOverride } : {}) });
}

function autosize() {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
}

async function refreshInbox() {
  if (!me) return;
  try {
    const res = await fetch(`/api/inbox?userId=${encodeURIComponent(me.id)}`);
    const { items = [] } = await res.json();
    let fresh = 0;
    inboxList.replaceChildren(...(items.length ? items.map((item) => {
      if (!seenInbox.has(item.id)) fresh++;
      const li = el('li', { 'data-kind': item.kind },
        el('span', { class: `kind ${item.kind}` }, item.kind),
        el('span', { class: 'time' }, new Date(item.createdAt).toLocaleString(me.locale === 'zh' ? 'zh-CN' : 'en')),
        el('div', {}, item.text));
      li.append(...renderActions(item.actions, (a, b) => press(a, b, item.threadId ?? undefined)));
      return li;
    }) : [el('li', { class: 'muted' }, t('empty'))]));
    const badge = $('#inbox-count');
    badge.hidden = fresh === 0 || seenInbox.size === 0;
    badge.textContent = String(fresh);
    items.forEach((i) => seenInbox.add(i.id));
  } catch { /* the next poll tries again */ }
}

function selectUser(id) {
  me = users.find((u) => u.id === id) ?? users[0];
  localStorage.setItem('rapport.user', me.id);
  log.replaceChildren();
  seenInbox = new Set();
  applyLocale();
  addMessage('bot', { kind: 'info', text: me.locale === 'zh' ? `你好，${me.name}！试试下面的例子，或输入“帮助”。` : `Hi ${me.name}! Try one of the examples below, or type "help".` });
  clearInterval(inboxTimer);
  refreshInbox();
  inboxTimer = setInterval(refreshInbox, 5000);
  input.focus();
}

form.addEventListener('submit', (e) => { e.preventDefault(); send(input.value); });
input.addEventListener('input', autosize);
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(input.value); }
  else if (e.key === 'ArrowUp' && !input.value && lastSent) { e.preventDefault(); input.value = lastSent; autosize(); }
  else if (e.key === 'Escape') { e.preventDefault(); send(me?.locale === 'zh' ? '取消' : 'cancel'); }
});
document.addEventListener('keydown', (e) => {
  if (e.key === '/' && document.activeElement !== input && document.activeElement?.tagName !== 'SELECT') { e.preventDefault(); input.focus(); }
});
userSelect.addEventListener('change', () => selectUser(userSelect.value));
$('#tab-inbox').addEventListener('click', (e) => {
  const open = $('#inbox').classList.toggle('open');
  e.currentTarget.setAttribute('aria-expanded', String(open));
});

// A newcomer lands as a rep in the browser's language (demo-rep-zh when it prefers Chinese,
// demo-rep-en otherwise); the manager, admin and customer are next in the picker.
const ROLE_ORDER = { rep: 0, manager: 1, admin: 2, customer: 3 };
const prefersChinese = () => /^zh\b/i.test((navigator.languages && navigator.languages[0]) || navigator.language || '');
function defaultUser() {
  const reps = users.filter((u) => u.role === 'rep');
  const lang = prefersChinese() ? 'zh' : 'en';
  return (reps.find((u) => u.locale === lang) ?? reps[0] ?? users[0])?.id;
}

(async () => {
  const res = await fetch('/api/users');
  ({ users } = await res.json());
  const lang = prefersChinese() ? 'zh' : 'en';
  users.sort((a, b) => (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) || Number(b.locale === lang) - Number(a.locale === lang));
  userSelect.replaceChildren(...users.map((u) => el('option', { value: u.id }, `${u.name} — ${(I18N[u.locale] ?? I18N.en)[u.role] ?? u.role}`)));
  const saved = new URLSearchParams(location.search).get('user') ?? localStorage.getItem('rapport.user');
  const initial = users.some((u) => u.id === saved) ? saved : defaultUser();
  userSelect.value = initial;
  selectUser(initial);
})();
