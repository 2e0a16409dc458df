import { stringify } from 'csv-stringify/sync';
import { wrapUpOutcomeLabel } from '../handoff/wrap-up-codes';
import type { Figures } from './insight-figures';
import type { CsvTable } from './insight-query';
import type { EffectReport } from './insight-report';

type Cell = string | number | null;

/** One table of the figures as CSV: Danish column names first, decimals with '.'. */
export function figuresCsv(figures: Figures, table: CsvTable): string {
  const [header, rows] = tableOf(figures, table);
  return stringify([header, ...rows.map((row) => row.map(cell))]);
}

/** The effect report as `måling,værdi` rows. */
export function reportCsv(report: EffectReport): string {
  const rows: [string, Cell][] = [
    ['måned', report.month],
    ...totalsRows(report.figures),
    ['minutter pr. henvendelse', report.minutesPerInquiry],
    ['sparede medarbejdertimer (skøn)', report.staffHoursSaved],
    ['andel tilfredse', report.satisfactionShare],
    ...report.topUnmetNeeds.map((need, index): [string, Cell] => [
      `udækket behov ${index + 1}: ${need.title}`,
      need.count,
    ]),
  ];
  return stringify([['måling', 'værdi'], ...rows.map((row) => row.map(cell))]);
}

function tableOf(figures: Figures, table: CsvTable): [string[], Cell[][]] {
  switch (table) {
    case 'perDay':
      return [['dato', 'samtaler', 'beskeder'], figures.perDay.map((d) => [d.date, d.conversations, d.messages])];
    case 'perHourOfWeek':
      return [
        ['ugedag (1=mandag)', 'time', 'samtaler', 'beskeder'],
        figures.perHourOfWeek.map((h) => [h.weekday, h.hour, h.conversations, h.messages]),
      ];
    case 'topIntents':
      return [
        ['emne', 'titel', 'beskeder', 'tommel op', 'tommel ned'],
        figures.topIntents.map((i) => [i.intent, i.title, i.turns, i.feedbackUp, i.feedbackDown]),
      ];
    case 'topFacets':
      return [['del af svaret', 'beskeder'], figures.topFacets.map((f) => [f.facet, f.turns])];
    case 'handoffReasons':
      return [['årsag', 'antal'], figures.handoffReasons.map((r) => [r.reason, r.count])];
    case 'weakIntents':
      return [
        ['emne', 'titel', 'tommel ned', 'ikke forstået eller "Mente du"', 'i studiet'],
        figures.weakIntents.map((w) => [w.intent, w.title, w.feedbackDown, w.fallbacksOrClarified, w.studioPath]),
      ];
    case 'wrapUps':
      return [
        ['afslutningskode', 'id', 'titel', 'antal'],
        [
          ...figures.wrapUps.topics.map((t): Cell[] => ['emne', t.intent, t.title, t.count]),
          ...figures.wrapUps.outcomes.map((o): Cell[] => [
            'resultat',
            o.outcome,
            wrapUpOutcomeLabel(o.outcome),
            o.count,
          ]),
        ],
      ];
    case 'totals':
      return [['måling', 'værdi'], totalsRows(figures)];
  }
}

function totalsRows(figures: Figures): [string, Cell][] {
  const t = figures.totals;
  return [
    ['samtaler', t.conversations],
    ['beskeder', t.messages],
    ['besvaret', t.answered],
    ['"Mente du"', t.clarified],
    ['ikke forstået', t.fallbacks],
    ['henvist til en medarbejder', t.referrals],
    ['nødsvar', t.safety],
    ['samtaler med ønske om medarbejder', t.handoffRequested],
    ['sat i kø', t.handoffQueued],
    ['taget af en medarbejder', t.handoffClaimed],
    ['forladt køen', t.abandonedInQueue],
    ['ring op', t.callbacks],
    ['klaret uden medarbejder', t.contained],
    ['tommel op', t.feedbackUp],
    ['tommel ned', t.feedbackDown],
    ['tilfreds: ja', t.satisfaction.yes],
    ['tilfreds: delvist', t.satisfaction.partly],
    ['tilfreds: nej', t.satisfaction.no],
    ['andel klaret uden medarbejder', figures.rates.containment],
    ['andel med ønske om medarbejder', figures.rates.handoff],
    ['andel ikke forstået', figures.rates.fallback],
    ['andel "Mente du"', figures.rates.clarify],
    ['samtaler uden for åbningstid', figures.outsideOpeningHours.conversations],
    ['andel uden for åbningstid', figures.outsideOpeningHours.share],
    ['ventetid i kø, median (sek.)', figures.queueWait.medianSeconds],
    ['ventetid i kø, 90 % (sek.)', figures.queueWait.p90Seconds],
    ['samtaletid med medarbejder, median (sek.)', figures.handlingTime.medianSeconds],
    ['samtaletid med medarbejder, 90 % (sek.)', figures.handlingTime.p90Seconds],
  ];
}

/** Numbers as JavaScript writes them ('.' decimals, never a locale's ','); null as an empty cell. */
function cell(value: Cell): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(Math.round(value * 10_000) / 10_000) : value;
}
