import { MemoryStorage } from 'botbuilder';
import { InMemoryConversationStore } from '../../bot/conversations/in-memory-conversation-store';
import { botStorageContract, conversationStoreContract } from './conversation-store.contract';
import { InMemoryUnansweredStore } from '../../bot/unanswered/unanswered-store';
import { unansweredStoreContract } from './unanswered-store.contract';

conversationStoreContract(
  'InMemoryConversationStore',
  async ({ retentionSeconds }) => {
    const store = new InMemoryConversationStore(retentionSeconds);
    return { store, cleanup: () => store.close() };
  },
  // One process's memory: a second instance would not see these conversations.
  { sharedBackend: false },
);

// The reference the Redis storage is held to.
botStorageContract('MemoryStorage', async () => ({ storage: new MemoryStorage(), cleanup: async () => undefined }));

unansweredStoreContract(
  'InMemoryUnansweredStore',
  async ({ capacity }) => ({ store: new InMemoryUnansweredStore(capacity), cleanup: async () => {} }),
  { sharedBackend: false },
);
