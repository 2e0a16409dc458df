/** One intent with a score, as every model and the ensemble report them (best first). */
export interface RankedIntent {
  readonly intent: string;
  readonly score: number;
}
