import type { Config } from '../runtime/config';
import { createStudioStorage, type StudioStorage } from './assemble-studio-storage';

/**
 * The studio's storage for a command-line tool, as the server would open it with the same
 * configuration: Redis with REDIS_URL, otherwise STUDIO_DATA_DIR. `close` ends the connection.
 */
export async function openStudioStorage(
  config: Pick<Config, 'REDIS_URL' | 'STUDIO_DATA_DIR'>,
): Promise<StudioStorage & { close(): Promise<void> }> {
  if (!config.REDIS_URL) return { ...(await createStudioStorage(config)), close: async () => undefined };
  // Loaded only when configured, as in assemble-storage.ts.
  const { createRedisClients } = await import('../storage/redis-connection');
  const { client, subscriber } = await createRedisClients(config.REDIS_URL);
  // The studio's stores need no subscriber.
  subscriber.disconnect();
  const storage = await createStudioStorage(config, client);
  return {
    ...storage,
    close: async () => {
      await client.quit();
    },
  };
}
