/**
 * A problem told twice: in English for developers and logs (`npm run check:knowledge`, start-up),
 * and in plain Danish for the municipal editors who see it at the field in the studio.
 */
export interface ProblemText {
  readonly en: string;
  readonly da: string;
}

/** One problem in one knowledge file, with the place an editor should look. */
export class KnowledgeFileError extends Error {
  /** The English problem, as developers and logs see it. */
  readonly problem: string;
  /** The same problem in plain Danish, saying what to do, for editors (the studio). */
  readonly danish: string;

  constructor(
    readonly file: string,
    readonly line: number | undefined,
    text: ProblemText,
    /** Where in the file, as a YAML path (["answer", "da"]), when known: the studio shows the problem at that field. */
    readonly field?: readonly (string | number)[],
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${text.en}`);
    this.name = 'KnowledgeFileError';
    this.problem = text.en;
    this.danish = text.da;
  }
}

/** Every problem found while loading the knowledge base, reported together so editors fix them in one go. */
export class KnowledgeBaseError extends Error {
  constructor(readonly problems: readonly KnowledgeFileError[]) {
    super(
      `The knowledge base has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${p.message}`).join('\n'),
    );
    this.name = 'KnowledgeBaseError';
  }
}
