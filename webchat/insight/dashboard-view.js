// @ts-check
/**
 * The figures of one scope and period: key figures, then one section per chart, each with its
 * data table (in a <details>) and its "Hent CSV" link. Sections are made here from one list, so
 * every chart has the same accessible parts.
 */
import { $, el } from '../console/dom.js';
import { csvUrl } from './api-client.js';
import { barChart, COLOURS, drawChart } from './charts.js';
import {
  decisionRows,
  decisionsTable,
  facetName,
  handoffReasonsTable,
  perDayTable,
  perHourOfWeekTable,
  perHourSeries,
  reasonName,
  topFacetsTable,
  topIntentsTable,
  weakIntentsTable,
  wrapUpsTable,
} from './figure-tables.js';
import { count, duration, ratio, share, shortDay } from './numbers.js';

/** @typedef {import('./api-types').Figures} Figures */
/** @typedef {import('./figure-tables.js').FigureTable} FigureTable */
/** @typedef {import('chart.js').ChartConfiguration} ChartConfiguration */

/**
 * @typedef {object} Section
 * @property {string} id
 * @property {string} heading
 * @property {(figures: Figures) => string} intro  a sentence with the point of the chart
 * @property {(figures: Figures) => FigureTable} table
 * @property {((figures: Figures) => ChartConfiguration) | null} chart  null: the table is the view
 */

/** @type {Section[]} */
const SECTIONS = [
  {
    id: 'per-day',
    heading: 'Samtaler og beskeder pr. dag',
    intro: (f) =>
      `${count(f.totals.conversations)} samtaler med ${count(f.totals.messages)} beskeder fra borgerne i perioden.`,
    table: perDayTable,
    chart: (f) =>
      barChart(
        f.perDay.map((d) => shortDay(d.date)),
        [
          { label: 'Samtaler', data: f.perDay.map((d) => d.conversations), colour: COLOURS.blue },
          { label: 'Beskeder', data: f.perDay.map((d) => d.messages), colour: COLOURS.orange, type: 'line' },
        ],
      ),
  },
  {
    id: 'per-hour',
    heading: 'Hvornår på ugen borgerne skriver',
    intro: (f) =>
      `${share(f.outsideOpeningHours.share)} af samtalerne (${count(f.outsideOpeningHours.conversations)}) begyndte uden for åbningstiden: aftener, nætter, weekender og lukkedage.`,
    table: perHourOfWeekTable,
    chart: (f) => {
      const { weekdays, weekend } = perHourSeries(f);
      return barChart(
        weekdays.map((_, hour) => String(hour).padStart(2, '0')),
        [
          { label: 'Hverdage', data: weekdays, colour: COLOURS.blue },
          { label: 'Weekend', data: weekend, colour: COLOURS.orange },
        ],
        { stacked: true },
      );
    },
  },
  {
    id: 'decisions',
    heading: 'Hvordan assistenten svarede',
    intro: (f) =>
      `Assistenten forstod ikke ${share(f.rates.fallback)} af beskederne og spurgte "Mente du …?" ved ${share(f.rates.clarify)}.`,
    table: decisionsTable,
    chart: (f) => {
      const rows = decisionRows(f);
      return barChart(
        rows.map((r) => r.label),
        [{ label: 'Beskeder', data: rows.map((r) => r.value), colour: COLOURS.dark }],
        { horizontal: true },
      );
    },
  },
  {
    id: 'handoff-reasons',
    heading: 'Videre til en medarbejder',
    intro: (f) =>
      `${share(f.rates.handoff)} af samtalerne (${count(f.totals.handoffRequested)}) bad om en medarbejder. ${count(f.totals.abandonedInQueue)} forlod køen, før en medarbejder tog over, og ${count(f.totals.callbacks)} bad om at blive ringet op.`,
    table: handoffReasonsTable,
    chart: (f) =>
      barChart(
        f.handoffReasons.map((r) => reasonName(r.reason)),
        [{ label: 'Samtaler', data: f.handoffReasons.map((r) => r.count), colour: COLOURS.red }],
        { horizontal: true },
      ),
  },
  {
    id: 'top-intents',
    heading: 'De mest efterspurgte emner',
    intro: (f) =>
      `Borgerne gav ${count(f.totals.feedbackUp)} 👍 og ${count(f.totals.feedbackDown)} 👎 (${share(ratio(f.totals.feedbackUp, f.totals.feedbackUp + f.totals.feedbackDown))} 👍).`,
    table: topIntentsTable,
    chart: (f) =>
      barChart(
        f.topIntents.map((i) => i.title),
        [{ label: 'Beskeder', data: f.topIntents.map((i) => i.turns), colour: COLOURS.green }],
        { horizontal: true },
      ),
  },
  {
    id: 'top-facets',
    heading: 'Hvad borgerne ville vide',
    intro: () => 'Del-svar, fx pris eller hvad man skal have med, som borgerne spurgte efter.',
    table: topFacetsTable,
    chart: (f) =>
      barChart(
        f.topFacets.map((x) => facetName(x.facet)),
        [{ label: 'Beskeder', data: f.topFacets.map((x) => x.turns), colour: COLOURS.dark }],
        { horizontal: true },
      ),
  },
  {
    id: 'weak-intents',
    heading: 'Emner, der bør forbedres',
    intro: () =>
      'Emner med flest 👎 eller spørgsmål, assistenten ikke forstod. Åbn et emne i vidensstudiet for at rette det.',
    table: weakIntentsTable,
    chart: null,
  },
  {
    id: 'wrap-ups',
    heading: 'Afslutningskoder fra medarbejderne',
    intro: () => 'Emne og resultat, som medarbejderne valgte, da de afsluttede en samtale (valgfrit for dem).',
    table: wrapUpsTable,
    chart: null,
  },
];

/** Makes the empty sections once (main.js, at start). */
export function buildSections() {
  const root = $('sections');
  for (const section of SECTIONS) {
    const headingId = `${section.id}-heading`;
    const tableTitle = el('span', { class: 'visually-hidden', text: `: ${section.heading.toLowerCase()}` });
    root.appendChild(
      el('section', { class: 'panel figure', id: `${section.id}-section`, 'aria-labelledby': headingId }, [
        el('h2', { id: headingId, text: section.heading }),
        el('p', { class: 'intro', id: `${section.id}-intro` }),
        ...(section.chart
          ? [
              el('div', { class: 'chart' }, [
                el('canvas', { id: `${section.id}-chart`, role: 'img', 'aria-label': section.heading }),
              ]),
              el('details', { class: 'table-alternative' }, [
                el('summary', { text: 'Vis tallene som tabel' }),
                el('div', { class: 'table-wrap', id: `${section.id}-table` }),
              ]),
            ]
          : [el('div', { class: 'table-wrap', id: `${section.id}-table` })]),
        el('p', { class: 'csv' }, [
          el('a', { id: `${section.id}-csv`, href: '#', download: '' }, ['Hent CSV', tableTitle]),
        ]),
      ]),
    );
  }
}

/** Shows the figures: key figures, every chart, table and CSV link. */
export function renderFigures(/** @type {Figures} */ figures) {
  renderKeyFigures(figures);
  const period = { scope: figures.scope, from: figures.from, to: figures.to };
  for (const section of SECTIONS) {
    const table = section.table(figures);
    $(`${section.id}-intro`).textContent = section.intro(figures);
    $(`${section.id}-table`).replaceChildren(renderTable(table, section.id));
    $(`${section.id}-csv`, HTMLAnchorElement).href = csvUrl(period, table.csv);
    if (section.chart) {
      const canvas = $(`${section.id}-chart`);
      canvas.setAttribute(
        'aria-label',
        `Diagram: ${section.heading}. ${section.intro(figures)} Tallene står i tabellen nedenfor.`,
      );
      const config = section.chart(figures);
      // A ranking is as tall as its bars need (CSSOM, which the page's CSP allows; no style attribute).
      const bars = config.options?.indexAxis === 'y' ? (config.data.labels?.length ?? 0) : 0;
      if (canvas.parentElement) canvas.parentElement.style.height = bars ? `${Math.min(420, 70 + bars * 34)}px` : '';
      drawChart(canvas.id, config);
    }
  }
}

function renderTable(/** @type {FigureTable} */ table, /** @type {string} */ id) {
  if (table.rows.length === 0) return el('p', { class: 'empty', text: table.empty });
  return el('table', { id: `${id}-data` }, [
    el('caption', { text: table.caption }),
    el('thead', {}, [
      el(
        'tr',
        {},
        table.headers.map((header) => el('th', { scope: 'col', text: header })),
      ),
    ]),
    el(
      'tbody',
      {},
      table.rows.map((row) =>
        el(
          'tr',
          {},
          row.map((cell, index) => {
            const content = cell.href ? [el('a', { href: cell.href, text: cell.text })] : [cell.text];
            return index === 0 ? el('th', { scope: 'row' }, content) : el('td', { class: 'number' }, content);
          }),
        ),
      ),
    ),
  ]);
}

/** The headline numbers, each a term and its value (and what it is out of). */
function renderKeyFigures(/** @type {Figures} */ f) {
  const t = f.totals;
  const answers = t.satisfaction.yes + t.satisfaction.partly + t.satisfaction.no;
  /** @type {[string, string, string, string][]} id, term, value, detail */
  const items = [
    ['conversations', 'Samtaler', count(t.conversations), `${count(t.messages)} beskeder`],
    ['containment', 'Klaret uden medarbejder', share(f.rates.containment), `${count(t.contained)} samtaler`],
    ['handoff', 'Videre til medarbejder', share(f.rates.handoff), `${count(t.handoffRequested)} samtaler`],
    ['fallback', 'Ikke forstået', share(f.rates.fallback), `${count(t.fallbacks)} beskeder`],
    ['clarify', '"Mente du …?"', share(f.rates.clarify), `${count(t.clarified)} beskeder`],
    [
      'outside-hours',
      'Uden for åbningstid',
      share(f.outsideOpeningHours.share),
      `${count(f.outsideOpeningHours.conversations)} samtaler`,
    ],
    [
      'queue-wait',
      'Ventetid i kø (median)',
      duration(f.queueWait.medianSeconds),
      `90 % ventede højst ${duration(f.queueWait.p90Seconds)}`,
    ],
    ['abandoned', 'Forlod køen', count(t.abandonedInQueue), `af ${count(t.handoffQueued)} i kø`],
    ['callbacks', 'Ønskede opkald', count(t.callbacks), 'bad om at blive ringet op'],
    [
      'satisfaction',
      'Fik hjælp',
      share(ratio(t.satisfaction.yes, answers)),
      `${count(answers)} svar: ${count(t.satisfaction.yes)} ja, ${count(t.satisfaction.partly)} delvist, ${count(t.satisfaction.no)} nej`,
    ],
  ];
  $('key-figures').replaceChildren(
    ...items.map(([id, term, value, detail]) =>
      el('div', { class: 'key-figure', 'data-figure': id }, [
        el('dt', { text: term }),
        el('dd', { class: 'value', text: value }),
        el('dd', { class: 'detail', text: detail }),
      ]),
    ),
  );
}
