import { api, download } from '../api.js';
import { h, append, field, select, when, words } from '../dom.js';

function correctionForm(record, reload) {
  const text = h('textarea', { rows: '2', maxlength: '4000', name: 'summary' });
  const error = h('p', { class: 'error', role: 'alert' });
  return h('details', { class: 'correct' }, h('summary', {}, 'Add a correction'),
    h('form', {
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await api(`/incidents/${record.id}/corrections`, { method: 'POST', body: { summary: text.value } });
          await reload('Your correction is a new record; the original is unchanged.');
        } catch (e) {
          error.textContent = e.fields.length ? e.fields.map((f) => `${f.field} ${f.reason}`).join('; ') : e.message;
        }
      },
    }, field('What was wrong, and what is right', text), h('button', { type: 'submit' }, 'Add correction'), error));
}

export async function showIncidents(container, { params, navigate, announce }) {
  const query = new URLSearchParams();
  for (const k of ['pairing', 'from', 'to', 'type']) if (params.get(k)) query.set(k, params.get(k));
  const [records, summary] = await Promise.all([api(`/incidents?${query}`), api('/review/summary')]);
  const pairing = select('pairing', [['', 'All pairings'], ...summary.pairings.map((p) => [p.id, p.label])], params.get('pairing') || '');
  const from = h('input', { type: 'date', name: 'from', value: params.get('from') || '' });
  const to = h('input', { type: 'date', name: 'to', value: params.get('to') || '' });
  const type = h('input', { type: 'text', name: 'type', value: params.get('type') || '', placeholder: 'e.g. message_released' });
  const error = h('p', { class: 'error', role: 'alert' });
  const exportQuery = query.toString();
  const reload = async (message) => { announce(message); navigate(`#/incidents${exportQuery ? `?${exportQuery}` : ''}`); };
  const byId = Object.fromEntries(records.items.map((r) => [r.id, r]));
  append(container, [
    h('h1', { tabindex: '-1' }, 'Incident record'),
    h('p', { class: 'lede' }, 'Every decision, report, refused contact attempt, urgent alert and boundary incident. '
      + 'Records are never edited or deleted: a correction is a new record that refers to the old one.'),
    h('form', {
      class: 'filters', 'aria-label': 'Choose records',
      onsubmit: (event) => {
        event.preventDefault();
        const next = new URLSearchParams();
        if (pairing.value) next.set('pairing', pairing.value);
        if (from.value) next.set('from', from.value);
        if (to.value) next.set('to', to.value);
        if (type.value.trim()) next.set('type', type.value.trim());
        navigate(`#/incidents${next.toString() ? `?${next}` : ''}`);
      },
    }, field('Pairing', pairing), field('From (UTC date)', from), field('To (UTC date)', to), field('Type', type),
    h('button', { type: 'submit' }, 'Show records')),
    h('div', { class: 'buttons export' },
      h('button', { type: 'button', onclick: () => download(`/incidents/export.csv?${exportQuery}`, 'incident-record.csv').catch((e) => { error.textContent = e.message; }) }, 'Download CSV'),
      h('button', { type: 'button', onclick: () => download(`/incidents/export.html?${exportQuery}`, 'incident-record.html').catch((e) => { error.textContent = e.message; }) }, 'Download printable page'),
      h('button', { type: 'button', class: 'quiet', onclick: () => window.print() }, 'Print this list')),
    error,
    records.items.length ? h('table', { class: 'data', id: 'incidents' },
      h('caption', {}, `${records.count} record${records.count === 1 ? '' : 's'}, oldest first`),
      h('thead', {}, h('tr', {}, ['When', 'Type', 'What happened', 'Who', 'Pairing', 'Message', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, records.items.map((r) => h('tr', { dataset: { id: r.id, type: r.type } },
        h('td', {}, when(r.at)),
        h('td', {}, words(r.type)),
        h('td', {}, r.summary, r.refersTo ? h('p', { class: 'muted' }, `Corrects the record of ${when(byId[r.refersTo]?.at) || r.refersTo}.`) : null),
        h('td', {}, r.actor, r.actorRole ? h('span', { class: 'muted' }, ` (${words(r.actorRole)})`) : null),
        h('td', {}, r.pairing),
        h('td', {}, r.messageId ? h('a', { href: `#/items/${r.messageId}` }, 'Open') : ''),
        h('td', { class: 'no-print' }, correctionForm(r, reload))))))
      : h('p', { class: 'empty' }, 'No records match.'),
  ]);
}
