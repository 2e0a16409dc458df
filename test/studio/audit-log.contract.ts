import { ZodError } from 'zod';
import type { AuditLog, AuditRecord } from '../../bot/studio/audit-log';

export interface AuditLogFixture {
  readonly log: AuditLog;
  /** Another log on the same backend, as a second instance (or a restarted one) would have. */
  readonly openPeer: () => Promise<AuditLog>;
  /** An id of the log's own format that no entry has. */
  readonly unknownId: string;
  readonly cleanup: () => Promise<void>;
}

function record(target: string, actor = 'eva'): AuditRecord {
  return { at: '2026-12-03T10:00:00.000Z', actor, action: 'draft.saved', target };
}

/** The behaviour every AuditLog must have. */
export function auditLogContract(name: string, create: () => Promise<AuditLogFixture>): void {
  async function withLog(test: (fixture: AuditLogFixture) => Promise<void>): Promise<void> {
    const fixture = await create();
    try {
      await test(fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  describe(`${name} (AuditLog contract)`, () => {
    it('is empty at first', () =>
      withLog(async ({ log }) => {
        expect(await log.list()).toEqual([]);
      }));

    it('gives back each appended entry with a unique id, and lists newest first', () =>
      withLog(async ({ log }) => {
        const published: AuditRecord = {
          at: '2026-12-03T11:00:00.000Z',
          actor: 'sofie',
          action: 'version.published',
          target: 'version 3',
          detail: 'Nye priser på pas',
        };
        const first = await log.append(record('out-of-scope.yaml'));
        const second = await log.append(published);
        expect(first).toEqual({ id: first.id, ...record('out-of-scope.yaml') });
        expect(second).toEqual({ id: second.id, ...published });
        expect(first.id).not.toBe(second.id);
        expect(await log.list()).toEqual([second, first]);
      }));

    it('pages with limit and before, without gaps or repeats', () =>
      withLog(async ({ log }) => {
        const appended = [];
        for (let i = 0; i < 7; i += 1) appended.push(await log.append(record(`intents/i${i}.yaml`)));
        const newestFirst = [...appended].reverse();
        const pages = [];
        let before: string | undefined;
        for (;;) {
          const page = await log.list({ limit: 3, ...(before !== undefined ? { before } : {}) });
          if (page.length === 0) break;
          pages.push(page.map((e) => e.target));
          before = page[page.length - 1]?.id;
        }
        expect(pages).toEqual([
          newestFirst.slice(0, 3).map((e) => e.target),
          newestFirst.slice(3, 6).map((e) => e.target),
          newestFirst.slice(6).map((e) => e.target),
        ]);
        expect(await log.list({ limit: 2 })).toEqual(newestFirst.slice(0, 2));
      }));

    it('lists at most 50 entries unless asked for more', () =>
      withLog(async ({ log }) => {
        for (let i = 0; i < 55; i += 1) await log.append(record(`intents/i${i}.yaml`));
        expect(await log.list()).toHaveLength(50);
        expect(await log.list({ limit: 500 })).toHaveLength(55);
      }));

    it('keeps every entry of many appended at once, each with its own id, also from two instances', () =>
      withLog(async ({ log, openPeer }) => {
        const peer = await openPeer();
        const entries = await Promise.all(
          Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? log : peer).append(record(`intents/i${i}.yaml`))),
        );
        expect(new Set(entries.map((e) => e.id)).size).toBe(30);
        const listed = await peer.list({ limit: 100 });
        expect(listed.map((e) => e.target).sort()).toEqual(entries.map((e) => e.target).sort());
      }));

    it('refuses invalid records and options with a ZodError, storing nothing', async () =>
      withLog(async ({ log, unknownId }) => {
        const invalid: unknown[] = [
          { ...record('x'), action: 'version.deleted' },
          { ...record('x'), actor: '' },
          { ...record('x'), at: 'now' },
          { ...record(''), target: '' },
          { ...record('x'), detail: 'x'.repeat(2001) },
          { ...record('x'), id: 'mine' },
          { ...record('x'), extra: 1 },
        ];
        // The casts stand in for callers that bypass the types (JSON from a request).
        for (const bad of invalid) await expect(log.append(bad as AuditRecord)).rejects.toBeInstanceOf(ZodError);
        for (const options of [{ limit: 0 }, { limit: 501 }, { limit: 1.5 }, { before: 'not an id' }])
          await expect(log.list(options)).rejects.toBeInstanceOf(ZodError);
        expect(await log.list()).toEqual([]);
        expect(await log.list({ before: unknownId })).toEqual([]);
      }));

    it('shows another instance every entry', () =>
      withLog(async ({ log, openPeer }) => {
        const entry = await log.append(record('out-of-scope.yaml'));
        const peer = await openPeer();
        expect(await peer.list()).toEqual([entry]);
        const later = await peer.append(record('guides/a.md', 'ole'));
        expect(await log.list()).toEqual([later, entry]);
      }));
  });
}
