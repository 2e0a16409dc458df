import { parseEvaluateArguments } from '../../bot/evaluate-cli-arguments';

/** The usage error's message, or a failure when the arguments were accepted. */
function refusal(argv: readonly string[]): string {
  try {
    parseEvaluateArguments(argv);
  } catch (error) {
    expect(error).toMatchObject({ name: 'EvaluationFileError' });
    return (error as Error).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('npm run eval arguments', () => {
  it('reads --checks with --json as a measurement of the check set', () => {
    expect(parseEvaluateArguments(['--checks', '--json'])).toEqual({
      files: [],
      checks: true,
      json: true,
      baselines: false,
      tune: false,
      folds: undefined,
      knowledge: undefined,
      settings: undefined,
    });
  });

  it('reads a file with the other options, and --cross-validate with 5 folds unless told', () => {
    expect(parseEvaluateArguments(['dev.jsonl', '--baselines', '--knowledge', 'kb', '--settings', 's.json'])).toEqual(
      expect.objectContaining({
        files: ['dev.jsonl'],
        checks: false,
        baselines: true,
        knowledge: 'kb',
        settings: 's.json',
      }),
    );
    expect(parseEvaluateArguments(['--cross-validate']).folds).toBe(5);
    expect(parseEvaluateArguments(['--checks', '--cross-validate', '--folds', '3', '--tune'])).toEqual(
      expect.objectContaining({ checks: true, folds: 3, tune: true }),
    );
    expect(parseEvaluateArguments(['--checks', '--baselines']).baselines).toBe(true);
  });

  it.each([
    [[], /give an evaluation file, --checks or --cross-validate/],
    [['dev.jsonl', '--checks'], /not both/],
    [['a.jsonl', 'b.jsonl'], /FILE: give one evaluation file/],
    [['--baselines', '--cross-validate'], /--baselines needs an evaluation file or --checks/],
    [['--checks', '--tune'], /--tune needs --cross-validate/],
    [['--cross-validate', '--folds', '1'], /--folds: /],
    [['--cross-validate', '--folds', 'many'], /--folds: /],
    [['--frobnicate'], /--frobnicate/],
    [['--checks=yes'], /--checks/],
  ])('refuses %j with the usage', (argv, problem) => {
    const message = refusal(argv);
    expect(message).toMatch(problem);
    expect(message).toMatch(/usage: npm run eval -- \(FILE\.jsonl \| --checks\)/);
  });
});
