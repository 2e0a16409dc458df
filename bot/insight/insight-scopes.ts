import { handoffQueueOf, type MunicipalityProfile } from '../../knowledge/municipality-profile';
import type { StaffAccount } from '../staff/staff-directory';

/** What the figures are for: one municipality, or a shared pool of staff (its handoff queue). */
export interface InsightScope {
  /** "municipality:<id>" or "queue:<queueId>". */
  readonly id: string;
  readonly kind: 'municipality' | 'queue';
  readonly label: string;
  /** The municipalities counted, in the knowledge base's order. */
  readonly municipalities: readonly MunicipalityProfile[];
}

/** Who may read insight figures: managers and admins. */
export function mayReadInsight(account: Pick<StaffAccount, 'role'>): boolean {
  return account.role === 'manager' || account.role === 'admin';
}

/** Whether the account may read this municipality's figures (a limited manager: only those listed). */
export function mayReadMunicipality(account: Pick<StaffAccount, 'role' | 'municipalities'>, id: string): boolean {
  if (!mayReadInsight(account)) return false;
  if (account.role === 'admin') return true;
  return account.municipalities?.includes(id) ?? true;
}

/**
 * Every scope the account may see: each municipality, and each pool shared by two or more
 * municipalities. A pool is visible only when every municipality in it is (its figures would
 * otherwise show a colleague municipality's traffic).
 */
export function visibleScopes(
  municipalities: Iterable<MunicipalityProfile>,
  account: Pick<StaffAccount, 'role' | 'municipalities'>,
): InsightScope[] {
  const all = [...municipalities];
  const own = all
    .filter((m) => mayReadMunicipality(account, m.id))
    .map((m): InsightScope => ({
      id: `municipality:${m.id}`,
      kind: 'municipality',
      label: m.name,
      municipalities: [m],
    }));
  const pools = [...new Set(all.map(handoffQueueOf))].flatMap((queueId) => {
    const scope = queueScope(all, queueId);
    if (!scope || scope.municipalities.length < 2) return [];
    return scope.municipalities.every((m) => mayReadMunicipality(account, m.id)) ? [scope] : [];
  });
  return [...own, ...pools];
}

/**
 * The scope an id names, if the account may see it; undefined when it names nothing or
 * something the account may not read (the caller tells them apart for 400 and 403).
 */
export function resolveScope(municipalities: Iterable<MunicipalityProfile>, scopeId: string): InsightScope | undefined {
  const all = [...municipalities];
  const [kind, id] = scopeId.split(':', 2);
  if (kind === 'municipality') {
    const profile = all.find((m) => m.id === id);
    return profile ? { id: scopeId, kind: 'municipality', label: profile.name, municipalities: [profile] } : undefined;
  }
  if (kind === 'queue' && id) return queueScope(all, id);
  return undefined;
}

/** The pool of municipalities whose chat goes to this queue (a municipality without handoffQueue has its own). */
function queueScope(all: readonly MunicipalityProfile[], queueId: string): InsightScope | undefined {
  const members = all.filter((m) => handoffQueueOf(m) === queueId);
  if (members.length === 0) return undefined;
  const names = members.map((m) => m.name.replace(/\s+Kommune$/, '')).join(', ');
  return { id: `queue:${queueId}`, kind: 'queue', label: `Fælles kø: ${names}`, municipalities: members };
}
