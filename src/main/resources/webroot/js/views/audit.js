import { api } from '../api.js';
import { h, append, when, words } from '../dom.js';

export async function showAudit(container) {
  const log = await api('/audit?limit=500');
  append(container, [
    h('h1', { tabindex: '-1' }, 'Audit log'),
    h('p', { class: 'lede' }, 'Who opened which messages and who exported the record, newest first. Only organisation admins see this.'),
    log.items.length ? h('table', { class: 'data', id: 'audit' },
      h('caption', {}, `${log.count} entr${log.count === 1 ? 'y' : 'ies'}`),
      h('thead', {}, h('tr', {}, ['When', 'Who', 'Did', 'What'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, log.items.map((e) => h('tr', {},
        h('td', {}, when(e.at)),
        h('td', {}, e.actor, h('span', { class: 'muted' }, ` (${words(e.actorRole)})`)),
        h('td', {}, words(e.action)),
        h('td', {}, e.detail || '', e.subjectType === 'message' ? [' ', h('a', { href: `#/items/${e.subjectId}` }, 'Open')] : null)))))
      : h('p', { class: 'empty' }, 'Nothing has been opened yet.'),
  ]);
}
