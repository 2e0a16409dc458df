import { InMemoryPresenceStore } from '../../bot/studio/in-memory-presence-store';
import { presenceStoreContract } from './presence-store.contract';

presenceStoreContract('InMemoryPresenceStore', async () => {
  const store = new InMemoryPresenceStore();
  return { store, openPeer: async () => store, cleanup: async () => undefined };
});
