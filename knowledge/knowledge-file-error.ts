/** One problem in one knowledge file, with the place an editor should look. */
export class KnowledgeFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
    /** Where in the file, as a YAML path (["answer", "da"]), when known: the studio shows the problem at that field. */
    readonly field?: readonly (string | number)[],
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${problem}`);
    this.name = 'KnowledgeFileError';
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
