import { InMemoryAuditLog } from '../../bot/studio/in-memory-audit-log';
import { auditLogContract } from './audit-log.contract';

auditLogContract('InMemoryAuditLog', async () => {
  const log = new InMemoryAuditLog();
  return { log, openPeer: async () => log, unknownId: '000000000001', cleanup: async () => undefined };
});
