import { api } from '../api.js';
import { h, append, clear, field, when, words, badge, visuallyHidden } from '../dom.js';

const DECISIONS = {
  release: { label: 'Release', help: 'Deliver it now, with copies as usual.', done: 'Released: the message is being delivered.' },
  reject: { label: 'Reject', help: 'Do not deliver it; the sender is told which rule it broke.', done: 'Rejected: the sender has been told why.' },
  escalate: { label: 'Escalate to the DSL', help: 'Hand it to the designated safeguarding lead, who is emailed.', done: 'Escalated: the DSL has been emailed.' },
  reviewed: { label: 'Mark reviewed', help: 'It was delivered; you have looked at it.', done: 'Marked reviewed.' },
  note: { label: 'Add note', help: 'Write the note in the record without deciding.', done: 'Your note is in the record.' },
};

const PAST = { release: 'released', reject: 'rejected', reviewed: 'marked reviewed' };

/** One screened part with its matches marked: text nodes and <mark> elements, never markup. */
function highlighted(part) {
  const box = h('div', { class: 'part-text', dataset: { source: part.source } });
  for (const segment of part.segments) {
    if (!segment.marks.length) {
      box.append(document.createTextNode(segment.text));
      continue;
    }
    const labels = segment.marks.map((m) => m.label).join('; ');
    const kinds = [...new Set(segment.marks.map((m) => m.kind))];
    box.append(h('mark', { class: kinds.map((k) => `match-${k}`), title: labels }, segment.text),
      visuallyHidden(` [${labels}]`));
  }
  return box;
}

function messageCard(d, item) {
  return h('section', { 'aria-labelledby': 'as-delivered-h', class: 'panel' },
    h('h2', { id: 'as-delivered-h' }, 'The message as the recipient sees it'),
    h('p', { class: 'notice' }, d.note),
    h('dl', { class: 'headers' },
      h('dt', {}, 'From'), h('dd', { id: 'message-from' }, d.from, d.fromAddress ? ` <${d.fromAddress}>` : ''),
      h('dt', {}, 'To'), h('dd', {}, d.to),
      d.cc.length ? [h('dt', {}, 'Copy to'), h('dd', {}, d.cc.join(', '))] : null,
      h('dt', {}, 'Subject'), h('dd', { id: 'message-subject' }, d.subject || '(no subject)'),
      h('dt', {}, 'Received'), h('dd', {}, when(item.receivedAt), ` by ${item.channel}`),
      d.attachments.length ? [h('dt', {}, 'Attachments'),
        h('dd', {}, d.attachments.map((a) => `${a.filename} (${a.contentType}, ${a.size} bytes)`).join(', '))] : null),
    h('div', { id: 'message-text', class: 'message-text' }, d.text || ''));
}

function why(item) {
  const parts = item.parts.filter((p) => p.segments.some((s) => s.marks.length));
  return h('section', { 'aria-labelledby': 'why-h', class: 'panel' },
    h('h2', { id: 'why-h' }, 'Why it is here'),
    item.verdict.reasons.length
      ? h('ul', { class: 'reasons' }, item.verdict.reasons.map((r) => h('li', {},
        badge(words(r.action), r.action), ' ', `Because ${r.detail}.`)))
      : h('p', {}, 'The screening found nothing; it is here because it was reported.'),
    item.reportsDetail.length ? [h('h3', {}, 'Reports'), h('ul', {}, item.reportsDetail.map((r) =>
      h('li', {}, `${r.by} reported it on ${when(r.at)}`, r.reason ? `: “${r.reason}”` : '')))] : null,
    parts.length ? [h('h3', {}, 'Matched words, in place'),
      parts.map((p) => h('figure', { class: 'part' }, h('figcaption', {}, p.label), highlighted(p)))] : null);
}

function conversation(item) {
  const entry = (m, current) => h('li', { class: ['conv', current && 'current'], dataset: { id: m.id } },
    h('p', { class: 'conv-meta' }, h('strong', {}, m.sender), ` · ${when(m.receivedAt)} · ${words(m.state)}`,
      m.flagged ? [' ', badge('flagged', 'flagged')] : null, current ? [' ', badge('this message', 'state')] : null),
    m.subject ? h('p', { class: 'conv-subject' }, m.subject) : null,
    h('p', { class: 'conv-text' }, m.text || ''));
  const current = { id: item.id, sender: item.sender, receivedAt: item.receivedAt, state: item.messageState,
    subject: item.asDelivered.subject, text: item.asDelivered.text, flagged: true };
  const c = item.conversation;
  return h('section', { 'aria-labelledby': 'conv-h', class: 'panel' },
    h('h2', { id: 'conv-h' }, 'The conversation around it'),
    h('ol', { class: 'conversation' }, c.before.map((m) => entry(m)), entry(current, true), c.after.map((m) => entry(m))));
}

function recordTable(records) {
  if (!records.length) return h('p', {}, 'Nothing recorded yet.');
  return h('table', { class: 'data', id: 'item-record' },
    h('caption', {}, 'Incident records for this message, oldest first'),
    h('thead', {}, h('tr', {}, ['When', 'Type', 'What happened', 'Who'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, records.map((r) => h('tr', {}, h('td', {}, when(r.at)), h('td', {}, words(r.type)),
      h('td', {}, r.summary), h('td', {}, r.actor)))));
}

function decisionForm(item, { announce, reload }) {
  const note = h('textarea', { name: 'note', id: 'decision-note', rows: '3', maxlength: '4000' });
  const result = h('p', { id: 'decision-result', role: 'alert' });
  const buttons = item.allowedDecisions.map((d) => h('button', {
    type: 'button',
    class: ['decision', `decision-${d}`],
    dataset: { decision: d },
    'aria-describedby': `help-${d}`,
    onclick: async (event) => {
      const all = event.currentTarget.closest('form').querySelectorAll('button');
      all.forEach((b) => { b.disabled = true; });
      result.className = '';
      result.textContent = '';
      try {
        await api(`/review/items/${item.id}/decisions`, { method: 'POST', body: { decision: d, note: note.value.trim() || undefined } });
        announce(DECISIONS[d].done);
        await reload(DECISIONS[d].done);
      } catch (e) {
        result.className = 'error';
        result.textContent = e.fields.length ? e.fields.map((f) => `${f.field} ${f.reason}`).join('; ') : e.message;
        all.forEach((b) => { b.disabled = false; });
      }
    },
  }, DECISIONS[d].label));
  return h('section', { 'aria-labelledby': 'decide-h', class: 'panel decide' },
    h('h2', { id: 'decide-h' }, 'Decision'),
    item.decidedBy ? h('p', { id: 'decided' }, ['open', 'escalated'].includes(item.reviewState) ? 'Previously ' : '',
      `${PAST[item.decision] || item.decision} by ${item.decidedBy} on ${when(item.decidedAt)}.`) : null,
    item.escalatedBy ? h('p', {}, `Escalated to the DSL by ${item.escalatedBy} on ${when(item.escalatedAt)}.`) : null,
    h('form', { onsubmit: (e) => e.preventDefault() },
      field('Note for the record (optional, required to add a note)', note),
      h('div', { class: 'buttons' }, buttons),
      h('ul', { class: 'decision-help' }, item.allowedDecisions.map((d) =>
        h('li', { id: `help-${d}` }, h('strong', {}, DECISIONS[d].label), `: ${DECISIONS[d].help}`)))),
    result);
}

export async function showItem(container, context) {
  const item = await api(`/review/items/${encodeURIComponent(context.id)}`);
  const reload = async (message) => {
    clear(container);
    await showItem(container, context);
    const done = container.querySelector('#decision-done');
    if (message && done) {
      done.append(message);
      done.focus();
    }
  };
  const states = [badge(item.kind, item.kind), ' ', badge(words(item.reviewState), 'state'),
    item.severity ? [' ', badge(item.severity, item.severity)] : null, item.urgent ? [' ', badge('urgent', 'critical')] : null];
  append(container, [
    h('p', { class: 'back' }, h('a', { href: '#/queue' }, '← Back to the queue')),
    h('h1', { tabindex: '-1' }, `Review item: ${item.pairing}`),
    h('p', { class: 'item-state' }, states, ` · waited ${item.waited} · ${item.categories.map(words).join(', ')}`),
    h('p', { id: 'decision-done', class: 'done', role: 'status', tabindex: '-1' }),
    h('div', { class: 'item-grid' },
      h('div', {}, messageCard(item.asDelivered, item), why(item)),
      h('div', {}, decisionForm(item, { announce: context.announce, reload }), conversation(item))),
    h('section', { 'aria-labelledby': 'record-h', class: 'panel' }, h('h2', { id: 'record-h' }, 'The record'), recordTable(item.record)),
  ]);
}
