import { api } from '../api.js';
import { h, svg, append, field, select, words } from '../dom.js';

const PALETTE = 8;

function shortDate(iso) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

function niceMax(n) {
  if (n <= 4) return Math.max(n, 1);
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / step) * step;
}

/** Flags per week, stacked by category, as an SVG built element by element; the numbers follow in a table. */
function flagsChart(data) {
  const W = 680, H = 260, left = 36, bottom = 36, top = 12, right = 8;
  const max = niceMax(Math.max(0, ...data.weeks.map((w) => w.total)));
  const plotW = W - left - right, plotH = H - top - bottom;
  const band = plotW / data.weeks.length;
  const y = (v) => top + plotH - (v / max) * plotH;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': 'flags-title flags-desc' },
    svg('title', { id: 'flags-title' }, `Flags per week by category, ${data.programme}`),
    svg('desc', { id: 'flags-desc' }, `${data.weeks.reduce((a, w) => a + w.total, 0)} flags over ${data.weeks.length} weeks; the table below has the numbers.`));
  for (const v of [0, max / 2, max]) {
    chart.append(svg('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), class: 'grid' }),
      svg('text', { x: left - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, String(Math.round(v))));
  }
  data.weeks.forEach((w, i) => {
    let base = 0;
    const x = left + i * band + band * 0.15;
    data.categories.forEach((c, ci) => {
      const n = w.counts[c] || 0;
      if (!n) return;
      chart.append(svg('rect', { x, y: y(base + n), width: band * 0.7, height: y(base) - y(base + n), class: `cat cat-${ci % PALETTE}` },
        svg('title', {}, `Week of ${shortDate(w.weekStarting)}: ${words(c)} ${n}`)));
      base += n;
    });
    if (i % Math.ceil(data.weeks.length / 8) === 0 || i === data.weeks.length - 1) {
      chart.append(svg('text', { x: x + band * 0.35, y: H - bottom + 16, class: 'axis', 'text-anchor': 'middle' }, shortDate(w.weekStarting)));
    }
  });
  const legend = h('ul', { class: 'legend' }, data.categories.map((c, ci) =>
    h('li', {}, h('span', { class: `swatch cat-${ci % PALETTE}`, 'aria-hidden': 'true' }), words(c))));
  const table = h('table', { class: 'data compact', id: 'flags-table' },
    h('caption', {}, 'Flags per week by category'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Week of'), data.categories.map((c) => h('th', { scope: 'col' }, words(c))),
      h('th', { scope: 'col' }, 'Total'))),
    h('tbody', {}, data.weeks.map((w) => h('tr', {}, h('th', { scope: 'row' }, shortDate(w.weekStarting)),
      data.categories.map((c) => h('td', {}, String(w.counts[c] || 0))), h('td', {}, String(w.total))))));
  return h('section', { 'aria-labelledby': 'flags-h', class: 'panel' },
    h('h2', { id: 'flags-h' }, 'Flags per week by category'),
    data.categories.length ? [chart, legend] : h('p', { class: 'empty' }, 'No flags in these weeks.'),
    h('details', {}, h('summary', {}, 'Show the numbers'), table));
}

/** Messages per pairing, fewest first, so a mentee who hears much less than the others stands out. */
function pairingsChart(data) {
  const rows = data.items;
  const rowH = 30, left = 230, right = 50, W = 680, H = rows.length * rowH + 20;
  const max = Math.max(1, ...rows.map((r) => r.total));
  const scale = (n) => (n / max) * (W - left - right);
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': 'pairs-title pairs-desc' },
    svg('title', { id: 'pairs-title' }, `Messages per pairing since ${data.since}`),
    svg('desc', { id: 'pairs-desc' }, 'Bars show messages written by the mentor and by the mentee; the table below has the numbers.'));
  rows.forEach((r, i) => {
    const yy = 10 + i * rowH;
    chart.append(svg('text', { x: left - 8, y: yy + 17, class: 'label', 'text-anchor': 'end' }, r.pairing),
      svg('rect', { x: left, y: yy + 4, width: scale(r.mentorToMentee), height: rowH - 10, class: 'dir-mentor' },
        svg('title', {}, `${r.mentor} wrote ${r.mentorToMentee}`)),
      svg('rect', { x: left + scale(r.mentorToMentee), y: yy + 4, width: scale(r.menteeToMentor), height: rowH - 10, class: 'dir-mentee' },
        svg('title', {}, `${r.mentee} wrote ${r.menteeToMentor}`)),
      svg('text', { x: left + scale(r.total) + 6, y: yy + 17, class: 'axis' }, String(r.total)));
  });
  const totals = rows.map((r) => r.total).sort((a, b) => a - b);
  const median = totals.length ? totals[Math.floor(totals.length / 2)] : 0;
  const quiet = rows.filter((r) => r.state === 'active' && r.total < median / 2);
  const table = h('table', { class: 'data compact', id: 'pairings-table' },
    h('caption', {}, 'Messages per pairing'),
    h('thead', {}, h('tr', {}, ['Pairing', 'By the mentor', 'By the mentee', 'Total', 'Flagged'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.pairing), h('td', {}, String(r.mentorToMentee)),
      h('td', {}, String(r.menteeToMentor)), h('td', {}, String(r.total)), h('td', {}, String(r.flagged))))));
  return h('section', { 'aria-labelledby': 'pairs-h', class: 'panel' },
    h('h2', { id: 'pairs-h' }, 'Messages per pairing'),
    rows.length ? [chart, h('ul', { class: 'legend' },
      h('li', {}, h('span', { class: 'swatch dir-mentor', 'aria-hidden': 'true' }), 'written by the mentor'),
      h('li', {}, h('span', { class: 'swatch dir-mentee', 'aria-hidden': 'true' }), 'written by the mentee'))]
      : h('p', { class: 'empty' }, 'No pairings.'),
    quiet.length ? h('p', { class: 'notice' }, `Much less contact than the others (under half the median of ${median}): `
      + quiet.map((r) => `${r.pairing} (${r.total})`).join(', ')) : null,
    h('details', {}, h('summary', {}, 'Show the numbers'), table));
}

export async function showCharts(container, { params, navigate }) {
  const summary = await api('/review/summary');
  append(container, h('h1', { tabindex: '-1' }, 'Charts'));
  if (!summary.items.length) {
    append(container, h('p', { class: 'empty' }, 'You look after no programmes.'));
    return;
  }
  const programmeId = params.get('programme') || summary.items[0].programmeId;
  const weeks = params.get('weeks') || '12';
  const programme = select('programme', summary.items.map((p) => [p.programmeId, p.programme]), programmeId);
  const span = select('weeks', [['4', '4 weeks'], ['12', '12 weeks'], ['26', '26 weeks'], ['52', '52 weeks']], weeks);
  const [flags, pairings] = await Promise.all([
    api(`/stats/programmes/${encodeURIComponent(programmeId)}/flags?weeks=${weeks}`),
    api(`/stats/programmes/${encodeURIComponent(programmeId)}/pairings?weeks=${weeks}`),
  ]);
  append(container, [
    h('form', {
      class: 'filters', 'aria-label': 'Choose the programme',
      onsubmit: (event) => {
        event.preventDefault();
        navigate(`#/charts?programme=${encodeURIComponent(programme.value)}&weeks=${span.value}`);
      },
    }, field('Programme', programme), field('Period', span), h('button', { type: 'submit' }, 'Show')),
    h('p', { class: 'lede' }, `${flags.programme}, weeks starting on Monday (${flags.timeZone}).`),
    flagsChart(flags),
    pairingsChart(pairings),
  ]);
}
