import { z } from 'zod';
import { KNOWLEDGE_FILE_PATH } from '../../knowledge/knowledge-files';
import { StaffIdSchema } from '../staff/staff-directory';

/** How often the studio page says a file is still open. */
export const PRESENCE_HEARTBEAT_SECONDS = 10;
/** An editor whose page has not said so for this long has closed the file (tab closed, gone offline). */
export const PRESENCE_EXPIRY_SECONDS = 30;

/** One editor with a file open, as last heard from their page. */
export interface EditorPresence {
  readonly editorId: string;
  readonly seenAt: string;
}

export const PresencePathSchema = z.string().regex(KNOWLEDGE_FILE_PATH, 'is not a knowledge file path');
export const PresenceEditorSchema = StaffIdSchema;

/**
 * Which editors have which file open right now: ephemeral (it expires on its own), so it lives in
 * memory on a single instance and in Redis when instances share one. Implementations pass
 * test/studio/editor-presence.contract.ts. The caller gives the time, so every instance and the
 * tests agree on when an entry expires.
 */
export interface PresenceStore {
  /** Records that the editor has the file open at `at`; returns who has it open then (them included), by id. */
  beat(path: string, editorId: string, at: Date): Promise<EditorPresence[]>;
  /** The editor closed the file (opened another, signed out). */
  leave(path: string, editorId: string): Promise<void>;
}

/** The entries still fresh at `at`, by editor id. */
export function freshPresence(entries: Iterable<[string, number]>, at: Date): EditorPresence[] {
  const oldest = at.getTime() - PRESENCE_EXPIRY_SECONDS * 1000;
  return [...entries]
    .filter(([, seen]) => seen > oldest)
    .map(([editorId, seen]) => ({ editorId, seenAt: new Date(seen).toISOString() }))
    .sort((a, b) => a.editorId.localeCompare(b.editorId));
}
