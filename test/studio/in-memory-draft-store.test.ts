import { InMemoryDraftStore } from '../../bot/studio/in-memory-draft-store';
import { draftStoreContract } from './draft-store.contract';

draftStoreContract('InMemoryDraftStore', async () => {
  const store = new InMemoryDraftStore();
  return { store, openPeer: async () => store, cleanup: async () => undefined };
});
