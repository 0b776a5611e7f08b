import { api } from '../api.js';
import { h, append, field, select, badge, when, words } from '../dom.js';

const SIZE = 20;

/** Text with the matched ranges in <mark>: text nodes only, never markup. */
function marked(text, highlights) {
  const out = [];
  let at = 0;
  for (const { start, end } of highlights || []) {
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(h('mark', {}, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

function searchUrl(q, sort, page) {
  const params = new URLSearchParams({ q });
  if (sort && sort !== 'newest') params.set('sort', sort);
  if (page > 1) params.set('page', String(page));
  return `#/search?${params}`;
}

/** Search over messages, served by the message index at GET /api/v1/search. */
export async function showSearch(container, { params, navigate }) {
  const q = params.get('q') || '';
  const sort = params.get('sort') === 'relevance' ? 'relevance' : 'newest';
  const page = Math.max(1, Number.parseInt(params.get('page') || '1', 10) || 1);
  const input = h('input', { type: 'search', name: 'q', id: 'search-q', value: q, required: true, maxlength: '200' });
  const order = select('sort', [['newest', 'Newest first'], ['relevance', 'Most relevant first']], sort);
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' });
  append(container, [
    h('h1', { tabindex: '-1' }, 'Search messages'),
    h('p', { class: 'lede' }, 'Search the messages of the pairings you look after. Searches and the messages you open are audit-logged.'),
    h('form', {
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        if (input.value.trim()) navigate(searchUrl(input.value.trim(), order.value, 1));
      },
    }, field('Words to find', input, 'All the words must appear. Use "quotes" for a phrase, OR for either word, and word* for words starting so.'),
    field('Order', order), h('button', { type: 'submit' }, 'Search')),
    results,
  ]);
  if (!q) return;
  try {
    const found = await api(`/search?q=${encodeURIComponent(q)}&sort=${sort}&page=${page}&size=${SIZE}`);
    const items = found.items || [];
    if (found.complete === false) {
      const progress = found.index?.state === 'rebuilding' ? ` (${found.index.indexed} of ${found.index.of} messages so far)` : '';
      append(results, h('p', { class: 'notice', id: 'search-incomplete' },
        `The search index is being brought up to date${progress}; some messages may be missing from these results.`));
    }
    if (!items.length) {
      append(results, h('p', { class: 'empty' }, page > 1 ? 'No more messages match.' : `No messages match “${q}”.`));
      return;
    }
    const total = `${found.totalExact ? '' : 'more than '}${found.total}`;
    append(results, [h('h2', {}, `${total} message${found.total === 1 ? '' : 's'} match “${q}”`),
      h('ol', { class: 'results', start: String((page - 1) * SIZE + 1) }, items.map((r) => h('li', {},
        h('p', { class: 'conv-meta' }, h('strong', {}, r.pairing || ''), r.programme ? ` · ${r.programme}` : '',
          ` · ${when(r.receivedAt)} · from the ${r.senderRole}`),
        h('p', {}, r.verdict === 'hold' ? badge('held') : r.verdict === 'deliver_flagged' ? badge('flagged') : null, ' ',
          (r.categories || []).map((c) => [badge(words(c), r.severity), ' '])),
        r.subject ? h('p', { class: 'conv-subject' }, marked(r.subject, r.subjectHighlights)) : null,
        h('p', { class: 'conv-text' }, marked(r.snippet || '', r.highlights)),
        r.reviewItem ? h('p', {}, h('a', { href: `#/items/${r.messageId}` }, 'Open as a review item')) : null))),
      h('nav', { 'aria-label': 'Result pages' },
        page > 1 ? h('a', { href: searchUrl(q, sort, page - 1) }, 'Previous page') : null, ' ',
        page * SIZE < found.total ? h('a', { href: searchUrl(q, sort, page + 1) }, 'Next page') : null)]);
  } catch (e) {
    if (e.status === 404) {
      append(results, h('p', { class: 'notice', id: 'search-unavailable' },
        'Search is not available on this gateway yet. The review queue and the incident record still work.'));
    } else {
      const reason = (e.fields || []).find((f) => f.field === 'q')?.reason;
      append(results, h('p', { class: 'error', role: 'alert' }, reason ? `This search ${reason}.` : e.message));
    }
  }
}
