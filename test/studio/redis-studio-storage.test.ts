import { createRedisStudioStorage } from '../../bot/assembly/assemble-redis-studio-storage';
import { startThrowawayRedis } from '../support/throwaway-redis';
import { commandConnection, uniquePrefix } from '../support/use-throwaway-redis';

describe("the studio's storage in Redis during an editor's session", () => {
  it('loses no draft, version or audit entry when the instance is killed and Redis restarts', async () => {
    const redis = await startThrowawayRedis({ appendOnly: true });
    const prefix = uniquePrefix();
    try {
      const killed = await commandConnection(redis.url);
      const before = createRedisStudioStorage(killed, prefix);
      const at = new Date().toISOString();
      const version = await before.versions.publish(
        { files: { 'out-of-scope.yaml': 'a\n' }, author: 'eva', comment: 'Første' },
        0,
      );
      await before.audit.append({ at, actor: 'eva', action: 'version.published', target: 'version 1' });
      const draft = await before.drafts.save(
        { path: 'out-of-scope.yaml', text: 'b\n', basedOnVersion: 1, editedBy: 'eva', editedAt: at },
        0,
      );
      await before.audit.append({ at, actor: 'eva', action: 'draft.saved', target: 'out-of-scope.yaml' });
      // The instance dies without closing its connection; then Redis restarts.
      killed.disconnect();
      await redis.restart();

      const fresh = await commandConnection(redis.url);
      try {
        const after = createRedisStudioStorage(fresh, prefix);
        expect(await after.versions.latest()).toEqual(version);
        expect(await after.drafts.list()).toEqual([draft]);
        expect((await after.audit.list()).map((e) => [e.action, e.target])).toEqual([
          ['draft.saved', 'out-of-scope.yaml'],
          ['version.published', 'version 1'],
        ]);
        // The editor goes on where they were: the next save is on revision 1.
        expect((await after.drafts.save({ ...draft, text: 'c\n' }, 1)).revision).toBe(2);
      } finally {
        await fresh.quit();
      }
    } finally {
      await redis.stop();
    }
  });
});
