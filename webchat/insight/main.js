// @ts-check
/*!
 * Borgerservice-assistenten: Indsigt (served at /insight/). Managers see, per municipality or
 * shared pool and period, what citizens asked, what the assistant answered, what went to a person
 * and what it saved. Talks to /api/insight with the staff console's sign-in.
 *
 * Everything the server sends is put on the page with textContent, never as HTML.
 * Native ES modules, no build step; type-checked with `npm run typecheck:console`.
 * The chosen scope and period live in the address (#omraade=…&fra=…&til=…), so a view can be bookmarked.
 */
import { $, el } from '../console/dom.js';
import { setStatus } from '../studio/status-line.js';
import { asHttpError, insightApi, problemText, reportCsvUrl, reportPageUrl } from './api-client.js';
import { clearCharts } from './charts.js';
import { buildSections, renderFigures } from './dashboard-view.js';
import { longDay } from './numbers.js';
import { monthName, presetPeriods, todayInCopenhagen, validRange, wholeMonth } from './period.js';
import { onSessionChange, onSigninSubmit, onSignoutClick, showSignin, signedIn, signOut } from './sign-in.js';
import { state } from './state.js';

const CUSTOM = 'valgfri';

/** The periods offered, made when the page starts (today in Copenhagen). */
const periods = presetPeriods(todayInCopenhagen());

function fillChoices() {
  const scope = $('scope', HTMLSelectElement);
  const municipalities = state.scopes.filter((s) => s.kind === 'municipality');
  const pools = state.scopes.filter((s) => s.kind === 'queue');
  const group = (/** @type {string} */ label, /** @type {typeof state.scopes} */ scopes) =>
    el(
      'optgroup',
      { label },
      scopes.map((s) => el('option', { value: s.id, text: s.label })),
    );
  scope.replaceChildren(
    ...(municipalities.length ? [group('Kommuner', municipalities)] : []),
    ...(pools.length ? [group('Fælles køer', pools)] : []),
  );
  const period = $('period', HTMLSelectElement);
  period.replaceChildren(
    ...periods.slice(0, 4).map((p) => el('option', { value: p.id, text: p.label })),
    el(
      'optgroup',
      { label: 'Måned' },
      periods.slice(4).map((p) => el('option', { value: p.id, text: p.label })),
    ),
    el('option', { value: CUSTOM, text: 'Vælg datoer …' }),
  );
}

/** The choice in the address, when it names a scope this account may see and a valid range. */
function choiceFromAddress() {
  const parameters = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const scope = parameters.get('omraade') ?? '';
  const from = parameters.get('fra') ?? '';
  const to = parameters.get('til') ?? '';
  if (!state.scopes.some((s) => s.id === scope) || !validRange(from, to)) return undefined;
  return { scope, from, to };
}

/** Sets the form to a scope and range: a preset when one matches, else the dates. */
function showChoice(/** @type {{ scope: string, from: string, to: string }} */ choice) {
  $('scope', HTMLSelectElement).value = choice.scope;
  const preset = periods.find((p) => p.from === choice.from && p.to === choice.to);
  $('period', HTMLSelectElement).value = preset ? preset.id : CUSTOM;
  $('from', HTMLInputElement).value = choice.from;
  $('to', HTMLInputElement).value = choice.to;
  $('dates').hidden = Boolean(preset);
}

/** The scope and range the form says, or a Danish problem. */
function chosen() {
  const scope = $('scope', HTMLSelectElement).value;
  const periodId = $('period', HTMLSelectElement).value;
  const preset = periods.find((p) => p.id === periodId);
  if (preset) return { scope, from: preset.from, to: preset.to };
  const from = $('from', HTMLInputElement).value;
  const to = $('to', HTMLInputElement).value;
  if (!validRange(from, to))
    return { problem: 'Vælg en fra-dato og en til-dato, højst 400 dage fra hinanden, med fra-datoen først.' };
  return { scope, from, to };
}

const loads = { latest: 0 };

function load() {
  const choice = chosen();
  const error = $('choice-error');
  if ('problem' in choice) {
    error.textContent = choice.problem ?? '';
    $('from').setAttribute('aria-invalid', 'true');
    $('from').focus();
    return;
  }
  error.textContent = '';
  $('from').removeAttribute('aria-invalid');
  window.history.replaceState(
    null,
    '',
    `#${new URLSearchParams({ omraade: choice.scope, fra: choice.from, til: choice.to })}`,
  );
  const label = state.scopes.find((s) => s.id === choice.scope)?.label ?? choice.scope;
  $('figures-heading').textContent = `${label}, ${longDay(choice.from)} – ${longDay(choice.to)}`;
  renderReportLink(choice);
  loads.latest += 1;
  const mine = loads.latest;
  $('figures').setAttribute('aria-busy', 'true');
  setStatus('Henter tal …');
  insightApi.figures(choice).then(
    (figures) => {
      if (mine !== loads.latest) return;
      $('figures').removeAttribute('aria-busy');
      $('figures').hidden = false;
      renderFigures(figures);
      setStatus(`Tallene for ${label} er vist.`);
    },
    (/** @type {unknown} */ reason) => {
      if (mine !== loads.latest || asHttpError(reason).ignore) return;
      $('figures').removeAttribute('aria-busy');
      if (asHttpError(reason).status === 401) signOut(true);
      else {
        $('figures').hidden = true;
        setStatus('');
        error.textContent = problemText(reason);
      }
    },
  );
}

/** The effect report is per municipality and month: offered when the choice is one of each. */
function renderReportLink(/** @type {{ scope: string, from: string, to: string }} */ choice) {
  const preset = periods.find((p) => p.from === choice.from && p.to === choice.to);
  const month = preset?.month ?? wholeMonth(choice.from, choice.to);
  const box = $('report-links');
  if (!month || !choice.scope.startsWith('municipality:')) {
    box.replaceChildren(
      el('p', {
        class: 'hint',
        text: 'Effektrapporten er for én kommune og én måned. Vælg en kommune og en måned for at se den.',
      }),
    );
    return;
  }
  const which = { scope: choice.scope, month };
  box.replaceChildren(
    el('p', {}, [
      el('a', { href: reportPageUrl(which), id: 'report-link', text: `Effektrapport for ${monthName(month)}` }),
    ]),
    el('p', {}, [el('a', { href: reportCsvUrl(which), download: '', text: 'Hent effektrapporten som CSV' })]),
  );
}

function start() {
  onSessionChange(
    () => {
      fillChoices();
      const choice = choiceFromAddress();
      const first = state.scopes[0];
      if (!first) {
        $('choice-error').textContent = 'Din konto kan ikke se tal for nogen kommune.';
        return;
      }
      const sidsteMaaned = periods[1] ?? periods[0];
      showChoice(choice ?? { scope: first.id, from: sidsteMaaned?.from ?? '', to: sidsteMaaned?.to ?? '' });
      load();
    },
    () => {
      clearCharts();
      $('figures').hidden = true;
      loads.latest += 1;
    },
  );
  $('signin').addEventListener('submit', onSigninSubmit);
  $('signout').addEventListener('click', onSignoutClick);
  buildSections();
  $('scope').addEventListener('change', load);
  $('period').addEventListener('change', () => {
    const custom = $('period', HTMLSelectElement).value === CUSTOM;
    $('dates').hidden = !custom;
    if (!custom) load();
  });
  $('choice').addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });

  insightApi.session().then(
    (session) => signedIn(session, false),
    // Not signed in (401) is the usual case: the form, with no message.
    (/** @type {unknown} */ error) =>
      showSignin(asHttpError(error).status === 0 ? 'Siden kan ikke få forbindelse til serveren.' : '', true),
  );
}

// Module scripts run after the document is parsed, so the elements are there.
start();
