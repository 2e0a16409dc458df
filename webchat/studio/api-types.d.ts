/**
 * The shapes the studio API sends (API.md next to this file), for the studio's type check
 * (tsconfig.console.json). Written out from API.md: keep them in step with it and with
 * bot/studio/studio-routes.ts.
 */
export type FilePath = string;

export type ItemKind = 'intent' | 'guide' | 'municipality' | 'out-of-scope';

/** A YAML field path: ["answer", "da"], ["training", "da", 3]. */
export type FieldPath = readonly (string | number)[];

export interface DraftFile {
  readonly path: FilePath;
  /** null: the draft removes the file. Left out in the overview's list. */
  readonly text?: string | null;
  readonly revision: number;
  readonly basedOnVersion: number;
  readonly editedBy: string;
  readonly editedAt: string;
}

export interface Problem {
  readonly file: FilePath;
  readonly line?: number;
  readonly field?: FieldPath;
  readonly message: string;
}

export interface PlainLanguage {
  readonly file: FilePath;
  readonly field: FieldPath;
  readonly lix: number;
  readonly band: 'let' | 'middel' | 'svaer';
  readonly longestSentenceWords: number;
  readonly advice: readonly string[];
}

export interface EditorView {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly municipalities: readonly string[] | null;
  readonly sharedContent: boolean;
}

export interface VersionSummary {
  readonly number: number;
  readonly publishedAt: string;
  readonly author: string;
  readonly comment: string;
  readonly restores?: number;
  readonly fingerprint: string;
}

export interface Item {
  readonly path: FilePath;
  readonly kind: ItemKind;
  readonly id: string;
  readonly title: string;
  readonly hasDraft: boolean;
  readonly editable: boolean;
}

export interface Named {
  readonly id: string;
  readonly name: string;
}

/** GET /overview. */
export interface OverviewView {
  readonly editor: EditorView;
  readonly csrfToken: string;
  readonly published: VersionSummary | null;
  readonly drafts: readonly DraftFile[];
  readonly items: readonly Item[];
  readonly municipalities: readonly Named[];
}

/** What one municipality's citizens get for an answer: the shared text or the profile's own. */
export interface MunicipalityAnswer {
  readonly municipalityId: string;
  readonly municipalityName: string;
  /** Placeholders filled. */
  readonly text: string;
  readonly source: 'shared' | 'local';
}

/** For an intent whose draft is valid: each municipality's answers, and which have their own. */
export interface PerMunicipality {
  readonly overrides: readonly {
    readonly municipalityId: string;
    readonly municipalityName: string;
    readonly parts: readonly string[];
  }[];
  readonly answers: Readonly<
    Record<
      string,
      {
        readonly answer: readonly MunicipalityAnswer[];
        readonly facets: Readonly<Record<string, readonly MunicipalityAnswer[]>>;
      }
    >
  >;
}

/** GET /files/:path. */
/** The shared text of a topic a profile overrides (GET /files/municipalities%2F…). */
export interface SharedAnswer {
  readonly title: Readonly<Record<string, string>>;
  readonly answer: Readonly<Record<string, string>>;
  readonly facets: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface FileView {
  readonly perMunicipality?: PerMunicipality | null;
  /** A profile: by intent id, the shared answer of each topic it overrides; otherwise null. */
  readonly sharedAnswers?: Readonly<Record<string, SharedAnswer>> | null;
  readonly path: FilePath;
  readonly published: string | null;
  readonly draft: DraftFile | null;
  readonly text: string | null;
  readonly data: unknown;
  readonly problems: readonly Problem[];
  readonly plainLanguage: readonly PlainLanguage[];
  readonly editable: boolean;
}

/** PUT and PATCH /files/:path. */
export interface SavedView {
  readonly draft: DraftFile;
  /** The file's text as saved. */
  readonly text: string | null;
  readonly problems: readonly Problem[];
  readonly plainLanguage: readonly PlainLanguage[];
}

/** POST /check: the whole draft checked; main's route also sends what a publication needs. */
export interface CheckView {
  readonly problems: readonly Problem[];
  readonly plainLanguage: readonly PlainLanguage[];
  readonly fingerprint?: string;
  readonly basedOn?: number;
  readonly changes?: readonly FileChange[];
}

export interface Training {
  readonly status: 'training';
  readonly progress: number;
}

export interface RankedIntent {
  readonly intent: string;
  readonly title: string;
  readonly score: number;
}

/** One message of the assistant's answer, as the widget shows it. */
export interface TryReply {
  readonly text: string;
  readonly actions: readonly { readonly title: string }[];
  readonly cards?: readonly {
    readonly title: string;
    readonly summary: string;
    readonly url: string;
    readonly linkTitle: string;
  }[];
}

/** POST /try. */
export type TryView =
  | Training
  | {
      readonly status: 'ready';
      /** The question as the assistant saw it: personal data removed. */
      readonly question?: string;
      readonly classification: {
        readonly language: string;
        readonly ranked: readonly RankedIntent[];
        readonly decision: string;
        readonly facet: string | null;
      };
      readonly replies: readonly TryReply[];
    };

export interface Case {
  readonly message: string;
  readonly language?: 'da' | 'en';
  /** An intent id, or "fallback" for an out-of-scope check that should get no answer. */
  readonly expected: string;
  readonly before: string;
  readonly after: string;
  /** An example confirmed from the inbox, or a held-out check sentence. */
  readonly source?: 'inbox' | 'check';
}

export interface ReviewTally {
  readonly cases: number;
  readonly rightBefore: number;
  readonly rightAfter: number;
}

export interface RegressionReport {
  readonly better: readonly Case[];
  readonly worse: readonly Case[];
  readonly unchanged: number;
  readonly needsAdmin: boolean;
  readonly tally?: { readonly inbox: ReviewTally; readonly check: ReviewTally };
}

export interface FileChange {
  readonly path: FilePath;
  readonly change: 'added' | 'removed' | 'changed';
  readonly added: number;
  readonly removed: number;
  readonly patch: string;
}

/** POST /publish/review. */
export type ReviewView =
  | Training
  | {
      readonly status: 'ready';
      readonly basedOn?: number;
      readonly fingerprint: string;
      readonly report: RegressionReport;
      readonly changes: readonly FileChange[];
    };

export interface VersionDetail {
  readonly version: VersionSummary;
  readonly changes: readonly FileChange[];
}

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly detail?: string;
}

export interface InboxExample {
  readonly id: string;
  readonly text: string;
  readonly at: string;
  readonly municipality: string;
  readonly reason: string;
}

export interface InboxCluster {
  readonly id: string;
  /** Every question of the group (examples may show only some). */
  readonly ids?: readonly string[];
  readonly count: number;
  readonly newestAt: string;
  readonly municipalities: readonly string[];
  readonly suggestedIntent: string | null;
  readonly examples: readonly InboxExample[];
}

/** POST /api/staff/session and GET /api/staff/session. */
export interface SessionView {
  readonly agent: { readonly id: string; readonly name: string; readonly role: string };
  readonly csrfToken: string;
}

/** A draft as the presence and compare routes name it: with its editor's name. */
export interface DraftNow extends DraftFile {
  readonly editedByName: string;
}

/** POST /presence/:path: who else has the file open, and its draft now. */
export interface PresenceView {
  readonly heartbeatSeconds: number;
  readonly expirySeconds: number;
  readonly others: readonly { readonly id: string; readonly name: string; readonly seenAt: string }[];
  readonly draft: DraftNow | null;
}

/** POST /files/:path/compare: what changed from the text the page has to the file now. */
export interface CompareView {
  readonly draft: DraftNow | null;
  readonly text: string | null;
  readonly changes: readonly FileChange[];
}
