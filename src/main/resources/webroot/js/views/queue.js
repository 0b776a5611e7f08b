import { api } from '../api.js';
import { h, append, field, select, when, words, badge, visuallyHidden } from '../dom.js';

export const CATEGORIES = ['contact_details', 'direct_contact', 'self_harm', 'abuse_disclosure', 'secrecy', 'off_platform',
  'meeting_offline', 'gifts_money', 'romantic_sexual', 'substances',
  'discrimination_bullying', 'recording', 'reported'];

function summaryCards(items) {
  if (!items.length) return null;
  return h('section', { 'aria-labelledby': 'summary-h', class: 'summary' },
    h('h2', { id: 'summary-h' }, 'Waiting per programme'),
    h('ul', { class: 'cards' }, items.map((p) => h('li', { class: 'card', dataset: { programme: p.programmeId } },
      h('h3', {}, p.programme),
      h('p', { class: 'big' }, h('span', { class: 'count' }, String(p.unreviewed)), ' unreviewed'),
      h('p', {}, `${p.held} held · ${p.escalated} escalated · ${p.reported} reported`,
        p.urgent ? [' · ', badge(`${p.urgent} urgent`, 'critical')] : null),
      h('p', {}, p.oldestWaited ? `Oldest waiting: ${p.oldestWaited}` : 'Nothing waiting')))));
}

function filters(params, pairings, onApply) {
  const state = select('state', [['waiting', 'Waiting (open or escalated)'], ['open', 'Open'], ['escalated', 'Escalated to DSL'],
    ['decided', 'Decided'], ['all', 'All']], params.get('state') || 'waiting');
  const severity = select('severity', [['', 'Any'], ['critical', 'Critical'], ['high', 'High'], ['medium', 'Medium'],
    ['low', 'Low'], ['none', 'No concern (other rules)']], params.get('severity') || '');
  const category = select('category', [['', 'Any'], ...CATEGORIES.map((c) => [c, words(c)])], params.get('category') || '');
  const kind = select('kind', [['', 'Any'], ['held', 'Held'], ['flagged', 'Delivered and flagged'], ['reported', 'Reported']],
    params.get('kind') || '');
  const pairing = select('pairing', [['', 'Any'], ...pairings.map((p) => [p.id, p.label])], params.get('pairing') || '');
  const order = select('order', [['oldest', 'Oldest waiting first'], ['newest', 'Newest first'], ['severity', 'Most severe first']],
    params.get('order') || 'oldest');
  const controls = { state, severity, category, kind, pairing, order };
  return h('form', {
    class: 'filters', 'aria-label': 'Filter the queue',
    onsubmit: (event) => {
      event.preventDefault();
      const next = new URLSearchParams();
      for (const [name, el] of Object.entries(controls)) {
        if (el.value && !(name === 'state' && el.value === 'waiting') && !(name === 'order' && el.value === 'oldest')) next.set(name, el.value);
      }
      onApply(next);
    },
  }, field('State', state), field('Severity', severity), field('Category', category), field('Kind', kind),
  field('Pairing', pairing), field('Order', order), h('button', { type: 'submit' }, 'Apply filters'));
}

function row(item) {
  const severity = item.severity ? badge(item.severity, item.severity) : h('span', { class: 'muted' }, '—');
  return h('tr', { dataset: { id: item.id } },
    h('td', {}, item.waited, item.urgent ? [' ', badge('urgent', 'critical')] : null),
    h('td', {}, badge(item.kind, item.kind), item.reviewState !== 'open' ? [' ', badge(words(item.reviewState), 'state')] : null),
    h('td', {}, severity),
    h('td', {}, item.categories.map(words).join(', ')),
    h('td', {}, item.pairing),
    h('td', {}, `${item.sender} → ${item.recipient}`),
    h('td', {}, when(item.receivedAt)),
    h('td', {}, h('a', { href: `#/items/${item.id}`, class: 'open' }, 'Open',
      visuallyHidden(` the ${item.kind} message from ${item.sender}, received ${when(item.receivedAt)}`))));
}

export async function showQueue(container, { params, navigate }) {
  const query = params.toString();
  const [queue, summary] = await Promise.all([api(`/review/queue${query ? `?${query}` : ''}`), api('/review/summary')]);
  const names = summary.pairings;
  const table = queue.items.length
    ? h('table', { id: 'queue', class: 'data' },
      h('caption', {}, `${queue.count} item${queue.count === 1 ? '' : 's'}`),
      h('thead', {}, h('tr', {}, ['Waited', 'Kind', 'Severity', 'Why', 'Pairing', 'From → to', 'Received', 'Item']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, queue.items.map(row)))
    : h('p', { id: 'queue-empty', class: 'empty' }, 'Nothing is waiting for review.');
  append(container, [
    h('h1', { tabindex: '-1' }, 'Review queue'),
    h('p', { class: 'lede' }, 'Held and flagged messages of your programmes, oldest waiting first. '
      + 'Opening an item shows its content and is written to the audit log.'),
    summaryCards(summary.items),
    h('section', { 'aria-labelledby': 'items-h' },
      h('h2', { id: 'items-h' }, 'Items'),
      filters(params, names, (next) => navigate(`#/queue${next.toString() ? `?${next}` : ''}`)),
      table),
  ]);
}
