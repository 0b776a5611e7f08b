import { api } from '../api.js';
import { h, append, field, when } from '../dom.js';

/** Search over messages, served by the search index at GET /api/v1/search?q= when this gateway has it. */
export async function showSearch(container, { params, navigate }) {
  const q = params.get('q') || '';
  const input = h('input', { type: 'search', name: 'q', id: 'search-q', value: q, required: true, maxlength: '200' });
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' });
  append(container, [
    h('h1', { tabindex: '-1' }, 'Search messages'),
    h('p', { class: 'lede' }, 'Search the messages of the pairings you look after. Searches and the messages you open are audit-logged.'),
    h('form', {
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        if (input.value.trim()) navigate(`#/search?q=${encodeURIComponent(input.value.trim())}`);
      },
    }, field('Words to find', input), h('button', { type: 'submit' }, 'Search')),
    results,
  ]);
  if (!q) return;
  try {
    const found = await api(`/search?q=${encodeURIComponent(q)}`);
    const items = found.items || [];
    if (!items.length) {
      append(results, h('p', { class: 'empty' }, `No messages match “${q}”.`));
      return;
    }
    append(results, [h('h2', {}, `${items.length} message${items.length === 1 ? '' : 's'} match “${q}”`),
      h('ol', { class: 'results' }, items.map((r) => {
        const id = r.messageId || r.id;
        return h('li', {},
          h('p', { class: 'conv-meta' }, h('strong', {}, r.pairing || r.pairingLabel || ''), r.receivedAt ? ` · ${when(r.receivedAt)}` : ''),
          r.subject ? h('p', { class: 'conv-subject' }, r.subject) : null,
          h('p', { class: 'conv-text' }, r.snippet || r.text || ''),
          id ? h('p', {}, h('a', { href: `#/items/${id}` }, 'Open as a review item')) : null);
      }))]);
  } catch (e) {
    if (e.status === 404) {
      append(results, h('p', { class: 'notice', id: 'search-unavailable' },
        'Search is not available on this gateway yet. The review queue and the incident record still work.'));
    } else {
      append(results, h('p', { class: 'error', role: 'alert' }, e.message));
    }
  }
}
