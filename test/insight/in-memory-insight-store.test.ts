import { InMemoryInsightStore } from '../../bot/insight/in-memory-insight-store';
import { insightStoreContract } from './insight-store.contract';

insightStoreContract(
  'InMemoryInsightStore',
  async () => ({ store: new InMemoryInsightStore(), cleanup: async () => {} }),
  { sharedBackend: false },
);
