// @ts-check
/**
 * "Udgiv": the review (the draft trained and checked against the regression cases: what got
 * better or worse, and the changes per file), then a comment and publishing.
 */
import { $, el } from '../console/dom.js';
import { asHttpError, problemText, studioApi } from './api-client.js';
import { changesList } from './diff-view.js';
import { plural } from './formats.js';
import { untilReady } from './progress.js';
import { state } from './state.js';
import { setStatus } from './status-line.js';

/** @typedef {import('./api-types').Case} Case */
/** @typedef {import('./api-types').ReviewView} ReviewView */

const review = { fingerprint: '', needsAdmin: false, basedOn: 0 };

export function wirePublish() {
  $('review').addEventListener('click', startReview);
  $('publish-form').addEventListener('submit', askToPublish);
  $('confirm-publish-yes').addEventListener('click', publish);
  $('confirm-publish-no').addEventListener('click', () => toggleConfirm(false));
  $('confirm-publish').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') toggleConfirm(false);
  });
}

function toggleConfirm(/** @type {boolean} */ show) {
  $('confirm-publish').hidden = !show;
  $('publish').setAttribute('aria-expanded', String(show));
  if (show) $('confirm-publish-no').focus();
  else $('publish').focus();
}

/** A fresh start each time the view opens: a review is only good for the draft it saw. */
export function preparePublish() {
  review.fingerprint = '';
  $('confirm-publish').hidden = true;
  $('review-result').replaceChildren();
  $('publish-form').hidden = true;
  $('publish-error').textContent = '';
}

function startReview() {
  const button = $('review', HTMLButtonElement);
  button.disabled = true;
  preparePublish();
  untilReady(() => studioApi.review(), 'review-progress-wrap', 'review-progress')
    .catch((/** @type {unknown} */ reason) => {
      // A server without the regression check yet (404): the check of the files, without better/worse.
      if (asHttpError(reason).status !== 404) throw reason;
      return studioApi.check().then(checkedOnly);
    })
    .then(
      (answer) => {
        button.disabled = false;
        showReview(answer);
      },
      (/** @type {unknown} */ reason) => {
        button.disabled = false;
        if (asHttpError(reason).ignore) return;
        $('review-result').replaceChildren(el('p', { class: 'alert', text: problemText(reason) }));
      },
    );
}

/**
 * The check's answer in the review's shape, with `checkedOnly` set so the page says that the
 * answers were not compared.
 * @param {import('./api-types').CheckView} check
 * @returns {ReviewView & { checkedOnly?: boolean, problems?: readonly import('./api-types').Problem[] }}
 */
function checkedOnly(check) {
  return {
    status: 'ready',
    fingerprint: check.fingerprint ?? '',
    ...(check.basedOn === undefined ? {} : { basedOn: check.basedOn }),
    report: { better: [], worse: [], unchanged: 0, needsAdmin: false },
    changes: check.changes ?? [],
    checkedOnly: true,
    problems: check.problems,
  };
}

function showReview(
  /** @type {ReviewView & { checkedOnly?: boolean, problems?: readonly import('./api-types').Problem[] }} */ answer,
) {
  if (answer.status !== 'ready') return;
  const { report, changes } = answer;
  review.fingerprint = answer.fingerprint;
  review.needsAdmin = report.needsAdmin;
  review.basedOn = answer.basedOn ?? state.overview?.published?.number ?? 0;
  const admin = state.overview?.editor.role === 'admin';
  const problems = answer.problems ?? [];
  $('review-result').replaceChildren(
    el('h3', { id: 'review-heading', tabindex: '-1', text: 'Resultat af gennemgangen' }),
    ...(answer.checkedOnly
      ? [
          el('p', {
            class: 'notice',
            text: 'Filerne er tjekket, men svarene er ikke sammenlignet med før: den del af gennemgangen findes ikke på denne server endnu.',
          }),
        ]
      : [
          el('p', {
            text:
              `${plural(report.better.length, 'spørgsmål', 'spørgsmål')} besvares bedre, ` +
              `${plural(report.worse.length, 'spørgsmål', 'spørgsmål')} dårligere, ` +
              `${plural(report.unchanged, 'spørgsmål', 'spørgsmål')} som før.`,
          }),
          ...sourceSection(
            'Eksempler fra indbakken',
            'Spørgsmål fra borgere, som en redaktør har lagt ind som eksempler.',
            'inbox',
            report,
          ),
          ...sourceSection(
            'Kontrolsætninger',
            'Sætninger i vidensbasen, som assistenten aldrig lærer af: de viser, om emnerne stadig genkendes, og at spørgsmål uden for området ikke får et svar.',
            'check',
            report,
          ),
        ]),
    ...(problems.length > 0
      ? [
          el('h3', { text: 'Fejl, der skal rettes før udgivelse' }),
          el(
            'ul',
            { class: 'problems' },
            problems.map((p) => el('li', { text: `${p.file}${p.line ? `, linje ${p.line}` : ''}: ${p.message}` })),
          ),
        ]
      : []),
    el('h3', { text: 'Ændrede filer' }),
    changesList(changes),
  );
  const needsAdmin = $('needs-admin');
  needsAdmin.hidden = !report.needsAdmin;
  needsAdmin.textContent = report.needsAdmin
    ? admin
      ? 'Kladden gør nogle svar dårligere. Som administrator kan du udgive den alligevel. Tjek listen først.'
      : 'Kladden gør nogle svar dårligere, så en administrator skal udgive den. Ret kladden, eller bed en administrator om at udgive.'
    : '';
  $('publish', HTMLButtonElement).disabled = report.needsAdmin && !admin;
  $('publish-form').hidden = changes.length === 0;
  $('review-heading').focus();
}

/**
 * One source of the review's cases: how many were right before and now, and the ones that changed.
 * @param {string} heading
 * @param {string} hint
 * @param {'inbox' | 'check'} source
 * @param {import('./api-types').RegressionReport} report
 */
function sourceSection(heading, hint, source, report) {
  const tally = report.tally?.[source];
  const mine = (/** @type {readonly Case[]} */ cases) => cases.filter((c) => (c.source ?? 'check') === source);
  return [
    el('h4', { text: heading }),
    el('p', {
      class: 'hint',
      text:
        tally && tally.cases > 0
          ? `${hint} ${tally.rightBefore} af ${tally.cases} blev besvaret rigtigt før, ${tally.rightAfter} med kladden.`
          : `${hint} Der er ingen endnu.`,
    }),
    ...(tally && tally.cases > 0
      ? [
          casesTable(`${heading}: dårligere end før`, mine(report.worse)),
          casesTable(`${heading}: bedre end før`, mine(report.better)),
        ]
      : []),
  ];
}

/** An outcome as editors know it: the topic's title, "Intet svar" or "Mente du …?". */
function outcomeName(/** @type {string} */ outcome) {
  if (outcome === 'fallback') return 'Intet svar';
  if (outcome === 'clarify') return 'Mente du …?';
  const item = state.overview?.items.find((i) => i.kind === 'intent' && i.id === outcome);
  return item ? item.title : outcome;
}

function casesTable(/** @type {string} */ caption, /** @type {readonly Case[]} */ cases) {
  if (cases.length === 0) return el('p', { text: `${caption}: ingen.` });
  return el('div', { class: 'table-wrap' }, [
    el('table', {}, [
      el('caption', { text: caption }),
      el('thead', {}, [
        el('tr', {}, [
          el('th', { scope: 'col', text: 'Spørgsmål' }),
          el('th', { scope: 'col', text: 'Skal give' }),
          el('th', { scope: 'col', text: 'Før' }),
          el('th', { scope: 'col', text: 'Nu' }),
        ]),
      ]),
      el(
        'tbody',
        {},
        cases.map((c) =>
          el('tr', {}, [
            el('td', { text: c.message }),
            el('td', { text: outcomeName(c.expected) }),
            el('td', { text: outcomeName(c.before) }),
            el('td', { text: outcomeName(c.after) }),
          ]),
        ),
      ),
    ]),
  ]);
}

/** "Udgiv nu": the comment is needed, then one more question before citizens get the change. */
function askToPublish(/** @type {SubmitEvent} */ event) {
  event.preventDefault();
  const comment = $('publish-comment', HTMLTextAreaElement);
  const error = $('publish-error');
  if (!comment.value.trim()) {
    error.textContent = 'Skriv kort, hvad du har ændret.';
    comment.setAttribute('aria-invalid', 'true');
    comment.focus();
    return;
  }
  comment.removeAttribute('aria-invalid');
  error.textContent = '';
  toggleConfirm(true);
}

function publish() {
  const comment = $('publish-comment', HTMLTextAreaElement);
  const error = $('publish-error');
  $('confirm-publish').hidden = true;
  $('publish').setAttribute('aria-expanded', 'false');
  const button = $('confirm-publish-yes', HTMLButtonElement);
  button.disabled = true;
  studioApi.publish({ comment: comment.value.trim(), fingerprint: review.fingerprint, basedOn: review.basedOn }).then(
    (answer) => {
      button.disabled = false;
      comment.value = '';
      preparePublish();
      setStatus(`Version ${answer.version.number} er udgivet. Assistenten bruger den nu.`);
      $('publish-heading').focus();
      return studioApi.overview().then((overview) => {
        state.overview = overview;
      });
    },
    (/** @type {unknown} */ reason) => {
      button.disabled = false;
      const failure = asHttpError(reason);
      if (failure.ignore) return;
      error.textContent =
        failure.status === 409
          ? 'Kladden eller den udgivne version er ændret, siden du gennemgik den. Gennemgå ændringerne igen.'
          : failure.code === 'needs_admin'
            ? 'En administrator skal udgive denne kladde.'
            : problemText(reason);
      comment.focus();
    },
  );
}
