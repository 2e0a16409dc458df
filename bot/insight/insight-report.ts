import type { Figures } from './insight-figures';

export interface EffectReport {
  readonly scope: string;
  readonly month: string;
  readonly figures: Figures;
  readonly minutesPerInquiry: number;
  /** Conversations contained × minutes per inquiry ÷ 60: an estimate, as the README explains. */
  readonly staffHoursSaved: number;
  /** "Ja" among the answers to "Fik du den hjælp, du havde brug for?"; null without answers. */
  readonly satisfactionShare: number | null;
  readonly topUnmetNeeds: { intent: string | null; title: string; count: number }[];
}

const TOP_UNMET = 10;

/** The monthly effect report of one municipality, from its figures for the month. */
export function effectReport(
  figures: Figures,
  month: string,
  minutesPerInquiry: number,
  fallbacksWithoutIntent: number,
): EffectReport {
  const { yes, partly, no } = figures.totals.satisfaction;
  const answers = yes + partly + no;
  const unmet = [
    ...figures.weakIntents.map((w) => ({
      intent: w.intent,
      title: w.title,
      count: w.feedbackDown + w.fallbacksOrClarified,
    })),
    ...(fallbacksWithoutIntent > 0
      ? [{ intent: null, title: 'Spørgsmål uden et emne, der passer', count: fallbacksWithoutIntent }]
      : []),
  ]
    .sort((a, b) => b.count - a.count)
    .slice(0, TOP_UNMET);
  return {
    scope: figures.scope,
    month,
    figures,
    minutesPerInquiry,
    staffHoursSaved: Math.round(((figures.totals.contained * minutesPerInquiry) / 60) * 10) / 10,
    satisfactionShare: answers === 0 ? null : yes / answers,
    topUnmetNeeds: unmet,
  };
}
