// @ts-check
/*!
 * Borgerservice-assistenten: the effect report of one municipality and month (/insight/report.html
 * ?scope=municipality:<id>&month=YYYY-MM), made to be printed (insight.css has its print styles).
 * Needs the staff session of the dashboard; everything from the server goes in as textContent.
 */
import { $, el } from '../console/dom.js';
import { asHttpError, insightApi, problemText, reportCsvUrl } from './api-client.js';
import { count, decimal, duration, ratio, share } from './numbers.js';
import { monthName } from './period.js';

/** @typedef {import('./api-types').EffectReport} EffectReport */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function fail(/** @type {string} */ message, /** @type {boolean} */ signIn) {
  $('loading').hidden = true;
  const box = $('report-error');
  box.replaceChildren(message);
  if (signIn) box.append(' ', el('a', { href: '/insight/', text: 'Log ind på Indsigt' }));
}

function render(/** @type {EffectReport} */ report, /** @type {string} */ label) {
  const f = report.figures;
  const t = f.totals;
  const answers = t.satisfaction.yes + t.satisfaction.partly + t.satisfaction.no;
  $('report-heading').textContent = `Effektrapport: ${label}, ${monthName(report.month)}`;
  document.title = `Effektrapport: ${label}, ${monthName(report.month)} – Borgerservice-assistenten`;
  $('report-meta').textContent =
    `Tal for ${f.from} til ${f.to} (dansk tid). Samtaler tælles på den dag, borgeren skrev første gang.`;
  /** @type {[string, string][]} */
  const measures = [
    ['Samtaler', count(t.conversations)],
    ['Beskeder fra borgerne', count(t.messages)],
    ['Klaret uden medarbejder', `${share(f.rates.containment)} (${count(t.contained)} samtaler)`],
    ['Anslåede sparede medarbejdertimer', `${decimal(report.staffHoursSaved)} timer`],
    ['Videre til medarbejder', `${share(f.rates.handoff)} (${count(t.handoffRequested)} samtaler)`],
    ['Ønskede opkald', count(t.callbacks)],
    [
      'Uden for åbningstid',
      `${share(f.outsideOpeningHours.share)} (${count(f.outsideOpeningHours.conversations)} samtaler)`,
    ],
    ['Ventetid i kø (median)', duration(f.queueWait.medianSeconds)],
    ['Fik hjælp (borgernes svar)', `${share(report.satisfactionShare)} af ${count(answers)} svar`],
    [
      '👍 og 👎',
      `${count(t.feedbackUp)} 👍, ${count(t.feedbackDown)} 👎 (${share(ratio(t.feedbackUp, t.feedbackUp + t.feedbackDown))} 👍)`,
    ],
  ];
  $('measures')
    .querySelector('tbody')
    ?.replaceChildren(
      ...measures.map(([name, value]) =>
        el('tr', {}, [el('th', { scope: 'row', text: name }), el('td', { class: 'number', text: value })]),
      ),
    );
  $('saved-note').textContent =
    `Sparede timer = samtaler klaret uden medarbejder × ${count(report.minutesPerInquiry)} minutter pr. henvendelse ÷ 60.`;
  const needs = report.topUnmetNeeds;
  $('needs').replaceChildren(
    needs.length === 0
      ? el('p', { class: 'empty', text: 'Ingen udækkede behov i måneden.' })
      : el('table', { id: 'needs-table' }, [
          el('caption', { class: 'visually-hidden', text: 'Behov, assistenten ikke dækkede' }),
          el('thead', {}, [
            el('tr', {}, [el('th', { scope: 'col', text: 'Behov' }), el('th', { scope: 'col', text: 'Antal' })]),
          ]),
          el(
            'tbody',
            {},
            needs.map((need) =>
              el('tr', {}, [
                el('th', { scope: 'row', text: need.title }),
                el('td', { class: 'number', text: count(need.count) }),
              ]),
            ),
          ),
        ]),
  );
  $('report-csv', HTMLAnchorElement).href = reportCsvUrl({ scope: report.scope, month: report.month });
  $('loading').hidden = true;
  $('report').hidden = false;
}

function start() {
  $('print').addEventListener('click', () => window.print());
  const parameters = new URLSearchParams(window.location.search);
  const scope = parameters.get('scope') ?? '';
  const month = parameters.get('month') ?? '';
  if (!scope.startsWith('municipality:') || !MONTH.test(month)) {
    fail('Adressen mangler en kommune og en måned. Åbn effektrapporten fra Indsigt.', false);
    return;
  }
  Promise.all([insightApi.report({ scope, month }), insightApi.scopes()]).then(
    ([report, { scopes }]) => render(report, scopes.find((s) => s.id === scope)?.label ?? scope),
    (/** @type {unknown} */ reason) => {
      const error = asHttpError(reason);
      if (error.status === 401) fail('Du skal være logget ind for at se effektrapporten.', true);
      else fail(problemText(reason), false);
    },
  );
}

start();
