import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { classifierSettingsOf, readCandidateSettings } from '../../intents/evaluation/candidate-settings';
import { DEFAULT_DECISION_POLICY } from '../../intents/intent-decision';
import { DEFAULT_ENSEMBLE_WEIGHTS } from '../../intents/intent-ensemble';

describe('candidate settings for npm run eval --settings', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'candidate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('are the defaults with the changes written in the file', async () => {
    const file = path.join(dir, 'none-weight.json');
    await writeFile(
      file,
      JSON.stringify({ weights: { noneWeight: 2, voices: { network: 0 } }, policy: { minMargin: 0.05 } }),
    );
    const settings = await readCandidateSettings(file);
    expect(settings.weights).toEqual({
      ...DEFAULT_ENSEMBLE_WEIGHTS,
      noneWeight: 2,
      voices: { ...DEFAULT_ENSEMBLE_WEIGHTS.voices, network: 0 },
    });
    expect(settings.policy).toEqual({ ...DEFAULT_DECISION_POLICY, minMargin: 0.05 });
  });

  it('are the defaults when the file changes nothing', () => {
    expect(classifierSettingsOf({})).toEqual({ policy: DEFAULT_DECISION_POLICY, weights: DEFAULT_ENSEMBLE_WEIGHTS });
  });

  it.each([
    ['an unknown field', { weights: { noneWieght: 2 } }],
    ['a threshold above 1', { policy: { answerScore: 1.5 } }],
    ['every voice silenced', { weights: { voices: { network: 0, nearest: 0, centroid: 0, logistic: 0 } } }],
  ])('refuse %s', async (_, content) => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify(content));
    await expect(readCandidateSettings(file)).rejects.toThrow(/bad\.json|voice/);
  });

  it('refuse a file that is missing or not JSON', async () => {
    await expect(readCandidateSettings(path.join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
    const file = path.join(dir, 'broken.json');
    await writeFile(file, '{ not json');
    await expect(readCandidateSettings(file)).rejects.toThrow(/not JSON/);
  });
});
