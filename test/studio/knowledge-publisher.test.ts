import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LiveKnowledge } from '../../bot/dialogue/live-knowledge';
import { createLogger } from '../../bot/runtime/logger';
import { DiskKnowledgeVersionStore } from '../../bot/studio/disk-knowledge-version-store';
import { DiskModelExportStore } from '../../bot/studio/disk-model-export-store';
import { InProcessKnowledgeAnnouncer, type Announcement } from '../../bot/studio/knowledge-announcer';
import { KnowledgeFollower } from '../../bot/studio/knowledge-follower';
import { KnowledgePublisher } from '../../bot/studio/knowledge-publisher';
import type { KnowledgeTrainer } from '../../bot/studio/knowledge-trainer';
import type { KnowledgeVersion } from '../../bot/studio/knowledge-version';
import { VersionConflictError } from '../../bot/studio/knowledge-version-store';
import { MODEL_EXPORT_FORMAT, type ModelExport } from '../../bot/studio/model-export';
import { exportClassifier, type TrainedClassifierExport } from '../../intents/trained-classifier-export';
import { fingerprintOf, readKnowledgeFiles, type KnowledgeFiles } from '../../knowledge/knowledge-files';
import { DEFAULT_KNOWLEDGE_DIRECTORY, loadKnowledgeFromFiles } from '../../knowledge/load-knowledge-base';
import { sharedTrainedClassifier } from '../support/shared-trained-classifier';

// Each test loads the knowledge base a few times: generous for a slow two-core CI runner.
jest.setTimeout(120_000);

const OLD_ANSWER = 'Du søger om pas i Borgerservice.';
const NEW_ANSWER = 'Du søger om pas i Borgerservice (version to).';

let shipped: KnowledgeFiles;
let changed: KnowledgeFiles;
let classifier: TrainedClassifierExport;

beforeAll(async () => {
  shipped = await readKnowledgeFiles(DEFAULT_KNOWLEDGE_DIRECTORY);
  const passport = shipped['intents/pas.bestil.yaml'] ?? '';
  expect(passport).toContain(OLD_ANSWER);
  changed = { ...shipped, 'intents/pas.bestil.yaml': passport.replace(OLD_ANSWER, NEW_ANSWER) };
  classifier = exportClassifier((await sharedTrainedClassifier()).classifier.model);
}, 300_000);

/**
 * Validates as the real trainer does, but returns the shipped model instead of training for a
 * minute: a changed answer leaves the training sentences, and so the model, as they were.
 */
class CountingTrainer implements Pick<KnowledgeTrainer, 'train'> {
  calls = 0;
  async train(files: KnowledgeFiles, onProgress: (progress: number) => void = () => undefined) {
    this.calls += 1;
    onProgress(0);
    const knowledge = await loadKnowledgeFromFiles(files);
    onProgress(0.5);
    const model: ModelExport = {
      format: MODEL_EXPORT_FORMAT,
      fingerprint: fingerprintOf(files),
      trainedAt: new Date().toISOString(),
      classifier,
    };
    return { knowledge, model };
  }
}

interface Fixture {
  readonly publisher: KnowledgePublisher;
  readonly versions: DiskKnowledgeVersionStore;
  readonly models: DiskModelExportStore;
  readonly announcer: InProcessKnowledgeAnnouncer;
  readonly trainer: CountingTrainer;
  readonly heard: Announcement[];
}

async function withPublisher(test: (fixture: Fixture) => Promise<void>): Promise<void> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-publisher-'));
  const versions = new DiskKnowledgeVersionStore(directory);
  const models = new DiskModelExportStore(directory);
  const announcer = new InProcessKnowledgeAnnouncer();
  const trainer = new CountingTrainer();
  const heard: Announcement[] = [];
  announcer.subscribe({ onAnnouncement: (announcement) => heard.push(announcement) });
  try {
    await test({
      publisher: new KnowledgePublisher({ versions, models, announcer, trainer }),
      versions,
      models,
      announcer,
      trainer,
      heard,
    });
  } finally {
    await announcer.close();
    await rm(directory, { recursive: true, force: true });
  }
}

const passportAnswer = (live: LiveKnowledge) => live.knowledge.intents.get('pas.bestil')?.answer.da ?? '';

describe('KnowledgePublisher (disk stores, in-process announcer)', () => {
  it('validates, trains, stores the model, publishes and announces, reporting progress up to 1', () =>
    withPublisher(async ({ publisher, versions, models, heard }) => {
      const progress: number[] = [];
      const version = await publisher.publish(shipped, { author: 'eva', comment: 'første' }, 0, (p) =>
        progress.push(p),
      );
      expect(version.number).toBe(1);
      expect((await versions.latest())?.fingerprint).toBe(fingerprintOf(shipped));
      expect((await models.get(version.fingerprint))?.fingerprint).toBe(version.fingerprint);
      expect(heard).toEqual([{ number: 1, fingerprint: version.fingerprint }]);
      expect(progress[progress.length - 1]).toBe(1);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    }));

  it('refuses invalid files with the loader’s problems, and publishes nothing', () =>
    withPublisher(async ({ publisher, versions, heard }) => {
      const broken = { ...shipped, 'intents/pas.bestil.yaml': 'id: pas.bestil\n' };
      await expect(publisher.publish(broken, { author: 'eva', comment: '' }, 0)).rejects.toMatchObject({
        name: 'KnowledgeBaseError',
        message: expect.stringContaining('intents/pas.bestil.yaml') as unknown,
      });
      expect(await versions.latest()).toBeUndefined();
      expect(heard).toEqual([]);
    }));

  it('lets a VersionConflictError through when another version was published since', () =>
    withPublisher(async ({ publisher, heard }) => {
      await publisher.publish(shipped, { author: 'eva', comment: '' }, 0);
      await expect(publisher.publish(changed, { author: 'ole', comment: '' }, 0)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect(heard.map((a) => a.number)).toEqual([1]);
    }));

  it('trains a draft to try without publishing it, and publishing the same files then does not train again', () =>
    withPublisher(async ({ publisher, versions, trainer }) => {
      const [draft, again] = await Promise.all([publisher.trainDraft(changed), publisher.trainDraft(changed)]);
      expect(trainer.calls).toBe(1);
      expect(draft.knowledge.intents.get('pas.bestil')?.answer.da).toContain(NEW_ANSWER);
      expect(again.fingerprint).toBe(fingerprintOf(changed));
      expect((await draft.classifier.classify('jeg skal have nyt pas', 'da')).ranked[0]?.intent).toBe('pas.bestil');
      expect(await versions.latest()).toBeUndefined();
      await publisher.publish(changed, { author: 'eva', comment: '' }, 0);
      expect(trainer.calls).toBe(1);
    }));
});

describe('KnowledgeFollower and LiveKnowledge.switchTo', () => {
  it('switches to an announced version with its stored model, without training, and reports it', () =>
    withPublisher(async ({ publisher, versions, models, announcer, trainer }) => {
      const first = await publisher.publish(shipped, { author: 'system', comment: '' }, 0);
      const live = await LiveKnowledge.fromVersion(first, (await models.get(first.fingerprint)) as ModelExport);
      const switched: KnowledgeVersion[] = [];
      const follower = new KnowledgeFollower({
        live,
        versions,
        models,
        announcer,
        trainer,
        logger: createLogger('silent'),
        pollMs: 60_000,
        onSwitched: async (version) => {
          switched.push(version);
        },
      });
      follower.start();
      try {
        expect(passportAnswer(live)).toContain(OLD_ANSWER);
        const trainedBefore = trainer.calls;
        await publisher.publish(changed, { author: 'eva', comment: 'ny pris' }, 1);
        await waitFor(() => switched.length > 0);
        expect(live.version).toBe(2);
        expect(passportAnswer(live)).toContain(NEW_ANSWER);
        expect(trainer.calls).toBe(trainedBefore + 1); // the publisher's; the follower imported
        expect(switched.map((v) => v.number)).toEqual([2]);
      } finally {
        await follower.stop();
      }
    }));

  it('catches up by polling when an announcement was missed', () =>
    withPublisher(async ({ publisher, versions, models, trainer }) => {
      const first = await publisher.publish(shipped, { author: 'system', comment: '' }, 0);
      const live = await LiveKnowledge.fromVersion(first, (await models.get(first.fingerprint)) as ModelExport);
      const deaf = new InProcessKnowledgeAnnouncer(); // hears nothing the publisher announces
      const follower = new KnowledgeFollower({
        live,
        versions,
        models,
        announcer: deaf,
        trainer,
        logger: createLogger('silent'),
        pollMs: 100,
      });
      follower.start();
      try {
        await publisher.publish(changed, { author: 'eva', comment: '' }, 1);
        await waitFor(() => live.version === 2);
        expect(passportAnswer(live)).toContain(NEW_ANSWER);
      } finally {
        await follower.stop();
      }
    }));

  it('lets a turn that started before a switch finish on the old version, never a mix', () =>
    withPublisher(async ({ publisher, models }) => {
      const first = await publisher.publish(shipped, { author: 'system', comment: '' }, 0);
      const second = await publisher.publish(changed, { author: 'eva', comment: '' }, 1);
      const live = await LiveKnowledge.fromVersion(first, (await models.get(first.fingerprint)) as ModelExport);
      const seen = await live.during(async () => {
        const before = { answer: passportAnswer(live), guides: live.guides, classifier: live.classifier };
        await live.switchTo(second, (await models.get(second.fingerprint)) as ModelExport);
        return { before, after: { answer: passportAnswer(live), guides: live.guides, classifier: live.classifier } };
      });
      expect(seen.after).toEqual(seen.before);
      expect(seen.after.answer).toContain(OLD_ANSWER);
      expect(passportAnswer(live)).toContain(NEW_ANSWER);
      expect(live.version).toBe(2);
      expect(live.guides).toBe(seen.before.guides); // the guides did not change: their index is kept
      // A turn started from inside an earlier turn's async context (a conversation's queue) starts on the newest.
      const fresh = await LiveKnowledge.fromVersion(first, (await models.get(first.fingerprint)) as ModelExport);
      const nested = await fresh.during(async () => {
        await fresh.switchTo(second, (await models.get(second.fingerprint)) as ModelExport);
        return fresh.during(async () => passportAnswer(fresh));
      });
      expect(nested).toContain(NEW_ANSWER);
    }));

  it('keeps the classifier when only answers changed, and refuses a model trained for other files', () =>
    withPublisher(async ({ publisher, models }) => {
      const first = await publisher.publish(shipped, { author: 'system', comment: '' }, 0);
      const second = await publisher.publish(changed, { author: 'eva', comment: '' }, 1);
      const firstModel = (await models.get(first.fingerprint)) as ModelExport;
      const live = await LiveKnowledge.fromVersion(first, firstModel);
      const classifier = live.classifier;
      let fetched = 0;
      const { modelImported } = await live.switchToVersion(second, async () => {
        fetched += 1;
        return firstModel;
      });
      expect({ modelImported, fetched, version: live.version }).toEqual({
        modelImported: false,
        fetched: 0,
        version: 2,
      });
      expect(live.classifier).toBe(classifier);
      await expect(LiveKnowledge.fromVersion(second, firstModel)).rejects.toThrow(/does not belong/);
    }));
});

async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
