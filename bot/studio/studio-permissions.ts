import { KNOWLEDGE_FILE_PATH } from '../../knowledge/knowledge-files';
import type { StaffAccount } from '../staff/staff-directory';

/** What the studio needs to know of a staff account to decide what it may do. */
export type StudioAccount = Pick<StaffAccount, 'role' | 'municipalities' | 'sharedContent'>;

const MUNICIPALITY_FILE = /^municipalities\/([a-z0-9][a-z0-9-]*)\.yaml$/;

/**
 * Who may do what in the knowledge studio. Editors and admins may open it and read everything;
 * agents may not. An admin may change every file. An editor may change a municipality's profile
 * (municipalities/<id>.yaml, which holds its local overrides) only for the municipalities listed on
 * the account (all when none are listed), and the shared content (intents/, guides/,
 * out-of-scope.yaml) only with `sharedContent` (the default).
 */
export function mayUseStudio(account: StudioAccount): boolean {
  return account.role === 'editor' || account.role === 'admin';
}

/** Whether the account may save, discard or delete this file in the shared draft. */
export function mayChangeFile(account: StudioAccount, path: string): boolean {
  if (!mayUseStudio(account) || !KNOWLEDGE_FILE_PATH.test(path)) return false;
  if (account.role === 'admin') return true;
  const municipality = MUNICIPALITY_FILE.exec(path)?.[1];
  if (municipality !== undefined) return account.municipalities?.includes(municipality) ?? true;
  return account.sharedContent ?? true;
}

/** An editor without limits: every municipality and the shared content, as an admin has. */
export function mayChangeEverything(account: StudioAccount): boolean {
  if (account.role === 'admin') return true;
  return account.role === 'editor' && account.municipalities === undefined && account.sharedContent !== false;
}

/**
 * Whether the account may publish a draft that changes these files: a publish puts every change in
 * the draft live, so an editor may publish only a draft whose every file they could have changed
 * (a limited editor cannot publish a colleague's change to shared answers).
 */
export function mayPublish(account: StudioAccount, changedPaths: readonly string[]): boolean {
  return mayUseStudio(account) && changedPaths.every((path) => mayChangeFile(account, path));
}

/**
 * Restoring an earlier version publishes its files again: like a publish, allowed when the account
 * may change every file that differs from the newest version (webchat/studio/API.md).
 */
export function mayRestoreVersion(account: StudioAccount, changedPaths: readonly string[]): boolean {
  return mayPublish(account, changedPaths);
}

/** Only an admin may publish despite a failed regression check (the publish then says so in the audit log). */
export function mayOverruleFailedCheck(account: StudioAccount): boolean {
  return account.role === 'admin';
}

/** An account's limits as the studio API shows them (webchat/studio/API.md): null = every municipality. */
export function studioLimitsOf(account: StudioAccount): {
  municipalities: string[] | null;
  sharedContent: boolean;
} {
  if (account.role === 'admin') return { municipalities: null, sharedContent: true };
  return { municipalities: account.municipalities ?? null, sharedContent: account.sharedContent ?? true };
}
