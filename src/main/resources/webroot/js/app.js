// The review dashboard: sign-in, then a hash-routed single page. No inline script or style anywhere,
// so the gateway's Content-Security-Policy (script-src 'self'; style-src 'self') applies unchanged.

import { session, whenSignedOut } from './api.js';
import { h, clear, append } from './dom.js';
import { showSignIn } from './views/signin.js';
import { showQueue } from './views/queue.js';
import { showItem } from './views/item.js';
import { showSearch } from './views/search.js';
import { showIncidents } from './views/incidents.js';
import { showCharts } from './views/charts.js';
import { showAudit } from './views/audit.js';

const STAFF = ['programme_manager', 'dsl', 'org_admin'];
const ROLE_NAMES = {
  programme_manager: 'programme manager', dsl: 'designated safeguarding lead', org_admin: 'organisation admin',
  school_admin: 'school admin', mentor: 'mentor', mentee: 'mentee',
};

const routes = [
  { path: /^\/?$|^\/queue$/, view: showQueue, nav: 'queue' },
  { path: /^\/items\/([A-Za-z0-9]+)$/, view: showItem, nav: 'queue' },
  { path: /^\/search$/, view: showSearch, nav: 'search' },
  { path: /^\/incidents$/, view: showIncidents, nav: 'incidents' },
  { path: /^\/charts$/, view: showCharts, nav: 'charts' },
  { path: /^\/audit$/, view: showAudit, nav: 'audit', roles: ['org_admin'] },
];

const main = () => document.getElementById('main');

/** Says something to everyone, including screen reader users (the status region is polite). */
export function announce(text) {
  const status = document.getElementById('status');
  status.textContent = '';
  if (text) status.textContent = text;
}

function navigation(user) {
  const account = document.getElementById('account');
  clear(document.getElementById('who')).append(`${user.name} (${ROLE_NAMES[user.role] || user.role})`);
  account.hidden = false;
  if (!STAFF.includes(user.role)) {
    document.getElementById('nav').hidden = true;
    return;
  }
  const links = [['queue', '#/queue', 'Review queue'], ['search', '#/search', 'Search'],
    ['incidents', '#/incidents', 'Incident record'], ['charts', '#/charts', 'Charts']];
  if (user.role === 'org_admin') links.push(['audit', '#/audit', 'Audit log']);
  const list = clear(document.getElementById('nav-links'));
  for (const [key, href, text] of links) list.append(h('li', {}, h('a', { href, dataset: { nav: key } }, text)));
  document.getElementById('nav').hidden = false;
}

function markCurrent(key) {
  for (const a of document.querySelectorAll('#nav-links a')) {
    if (a.dataset.nav === key) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function signedOutView(message) {
  document.getElementById('nav').hidden = true;
  document.getElementById('account').hidden = true;
  showSignIn(clear(main()), { message, onSignedIn: () => { announce(''); route(); } });
}

function notForRole(user) {
  const text = user.role === 'school_admin'
    ? 'There is nothing to review for school admins. Approved phone numbers for your school are managed through the API.'
    : 'This dashboard is for programme managers, designated safeguarding leads and organisation admins. '
      + 'Mentors and mentees write and read their messages by email, text or the web messages API.';
  append(clear(main()), [h('h1', { tabindex: '-1' }, 'Nothing to review here'), h('p', {}, text)]);
  main().querySelector('h1').focus();
}

export async function route() {
  const user = session.user();
  if (!session.token() || !user) return signedOutView();
  navigation(user);
  if (!STAFF.includes(user.role)) return notForRole(user);
  const hash = location.hash.replace(/^#/, '') || '/queue';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const match = routes.map((r) => ({ r, m: r.path.exec(path) })).find((x) => x.m && (!x.r.roles || x.r.roles.includes(user.role)));
  const container = clear(main());
  if (!match) {
    append(container, [h('h1', { tabindex: '-1' }, 'Page not found'), h('p', {}, h('a', { href: '#/queue' }, 'Go to the review queue'))]);
    container.querySelector('h1').focus();
    return;
  }
  markCurrent(match.r.nav);
  try {
    await match.r.view(container, { user, params, id: match.m[1], navigate, announce });
  } catch (e) {
    append(clear(container), [h('h1', { tabindex: '-1' }, e.status === 404 ? 'Not found' : 'Something went wrong'),
      h('p', { class: 'error', role: 'alert' }, e.message)]);
  }
  const heading = container.querySelector('h1');
  if (heading && document.activeElement !== heading && !container.contains(document.activeElement)) heading.focus();
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('sign-out').addEventListener('click', () => {
    session.clear();
    history.replaceState(null, '', '/');
    signedOutView('You have signed out.');
  });
  whenSignedOut((message) => signedOutView(message));
  window.addEventListener('hashchange', () => route());
  route();
});
