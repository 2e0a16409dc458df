/**
 * The shapes the insight API sends (/api/insight, issue 12's contract), for the dashboard's type
 * check (tsconfig.console.json). Keep them in step with the server's insight routes.
 */
export type { SessionView } from '../studio/api-types';

export interface InsightScope {
  /** "municipality:havbakke" or "queue:faelles". */
  readonly id: string;
  readonly kind: 'municipality' | 'queue';
  readonly label: string;
}

export interface Totals {
  readonly conversations: number;
  readonly messages: number;
  readonly answered: number;
  readonly clarified: number;
  readonly fallbacks: number;
  readonly referrals: number;
  readonly safety: number;
  readonly handoffRequested: number;
  readonly handoffQueued: number;
  readonly handoffClaimed: number;
  readonly abandonedInQueue: number;
  readonly callbacks: number;
  readonly contained: number;
  readonly feedbackUp: number;
  readonly feedbackDown: number;
  readonly satisfaction: { readonly yes: number; readonly partly: number; readonly no: number };
}

/** 0..1, null when the divisor is 0. */
export interface Rates {
  readonly containment: number | null;
  readonly handoff: number | null;
  readonly fallback: number | null;
  readonly clarify: number | null;
}

export interface Durations {
  readonly count: number;
  readonly medianSeconds: number | null;
  readonly p90Seconds: number | null;
}

export interface Figures {
  readonly scope: string;
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly totals: Totals;
  readonly rates: Rates;
  readonly perDay: readonly { readonly date: string; readonly conversations: number; readonly messages: number }[];
  readonly perHourOfWeek: readonly {
    readonly weekday: number;
    readonly hour: number;
    readonly conversations: number;
    readonly messages: number;
  }[];
  readonly outsideOpeningHours: { readonly conversations: number; readonly share: number | null };
  readonly handoffReasons: readonly { readonly reason: string; readonly count: number }[];
  readonly topIntents: readonly {
    readonly intent: string;
    readonly title: string;
    readonly turns: number;
    readonly feedbackUp: number;
    readonly feedbackDown: number;
  }[];
  readonly topFacets: readonly { readonly facet: string; readonly turns: number }[];
  readonly weakIntents: readonly {
    readonly intent: string;
    readonly title: string;
    readonly feedbackDown: number;
    readonly fallbacksOrClarified: number;
    readonly studioPath: string;
  }[];
  readonly queueWait: Durations;
  readonly handlingTime: Durations;
  readonly wrapUps: {
    readonly topics: readonly { readonly intent: string; readonly title: string; readonly count: number }[];
    readonly outcomes: readonly { readonly outcome: string; readonly count: number }[];
  };
}

export interface EffectReport {
  readonly scope: string;
  readonly month: string;
  readonly figures: Figures;
  readonly minutesPerInquiry: number;
  readonly staffHoursSaved: number;
  readonly satisfactionShare: number | null;
  readonly topUnmetNeeds: readonly { readonly intent: string | null; readonly title: string; readonly count: number }[];
}

/** The tables the CSV endpoint writes (figures.csv?table=…). */
export type CsvTable =
  'perDay' | 'perHourOfWeek' | 'topIntents' | 'topFacets' | 'handoffReasons' | 'weakIntents' | 'wrapUps' | 'totals';

declare global {
  interface Window {
    /** Chart.js's UMD build (/insight/vendor/chart.umd.min.js), loaded before the modules. */
    readonly Chart: typeof import('chart.js').Chart;
  }
}
