import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AuditRecord } from '../../bot/studio/audit-log';
import { DiskAuditLog } from '../../bot/studio/disk-audit-log';
import { auditLogContract } from './audit-log.contract';

const quiet = { onWarning: () => undefined };

auditLogContract('DiskAuditLog', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-audit-'));
  return {
    log: new DiskAuditLog(directory, quiet),
    openPeer: async () => new DiskAuditLog(directory, quiet),
    unknownId: '000000000001',
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
});

describe('DiskAuditLog on disk', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-audit-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  const record = (target: string): AuditRecord => ({
    at: '2026-12-03T10:00:00.000Z',
    actor: 'eva',
    action: 'draft.saved',
    target,
  });

  it('writes one JSON line per entry, with increasing ids that sort as text', async () => {
    const log = new DiskAuditLog(directory, quiet);
    for (let i = 0; i < 11; i += 1) await log.append(record(`intents/i${i}.yaml`));
    const lines = (await readFile(path.join(directory, 'audit.jsonl'), 'utf8')).trimEnd().split('\n');
    const ids = lines.map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toEqual([...ids].sort());
    expect(ids[10]).toBe('000000000011');
  });

  it('keeps every entry through a restart, and numbers on from the last one', async () => {
    const first = await new DiskAuditLog(directory, quiet).append(record('a'));
    const reopened = new DiskAuditLog(path.join(directory, '.'), quiet);
    const second = await reopened.append(record('b'));
    expect(second.id > first.id).toBe(true);
    expect((await reopened.list()).map((e) => e.target)).toEqual(['b', 'a']);
  });

  it('skips a line torn by a crash with a warning, and loses neither earlier nor later entries', async () => {
    const log = new DiskAuditLog(directory, quiet);
    await log.append(record('before the crash 1'));
    await log.append(record('before the crash 2'));
    // The process died half-way through writing the third line.
    await appendFile(path.join(directory, 'audit.jsonl'), '{"id":"000000000003","at":"2026-12');
    const warnings: string[] = [];
    const restarted = new DiskAuditLog(directory, { onWarning: (m) => warnings.push(m) });
    const after = await restarted.append(record('after the restart'));
    expect(after.id).toBe('000000000003');
    expect((await restarted.list()).map((e) => e.target)).toEqual([
      'after the restart',
      'before the crash 2',
      'before the crash 1',
    ]);
    expect(warnings.join('\n')).toMatch(/incomplete line|unreadable line/);
  });

  it('skips an unreadable line in the middle with a warning', async () => {
    const log = new DiskAuditLog(directory, quiet);
    await log.append(record('a'));
    await appendFile(path.join(directory, 'audit.jsonl'), 'garbage\n');
    await log.append(record('b'));
    const warnings: string[] = [];
    const reader = new DiskAuditLog(directory, { onWarning: (m) => warnings.push(m) });
    expect((await reader.list()).map((e) => e.target)).toEqual(['b', 'a']);
    expect(warnings).toEqual([expect.stringMatching(/skipped 1 unreadable line/)]);
  });

  it('numbers on after an entry another process appended (npm run knowledge:import)', async () => {
    const log = new DiskAuditLog(directory, quiet);
    await log.append(record('a'));
    const fromElsewhere = { id: '000000000002', ...record('from the import') };
    await appendFile(path.join(directory, 'audit.jsonl'), `${JSON.stringify(fromElsewhere)}\n`);
    expect((await log.append(record('c'))).id).toBe('000000000003');
    expect((await log.list()).map((e) => e.id)).toEqual(['000000000003', '000000000002', '000000000001']);
  });

  it('starts from an empty file', async () => {
    await writeFile(path.join(directory, 'audit.jsonl'), '');
    expect((await new DiskAuditLog(directory, quiet).append(record('a'))).id).toBe('000000000001');
  });
});
