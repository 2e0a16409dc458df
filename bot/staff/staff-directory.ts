import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../knowledge/load-knowledge-base';
import { parseYamlFile } from '../../knowledge/yaml-file';

/** Demo accounts whose passwords are in the README: for trying the console, never for production. */
export const DEMO_STAFF_FILE = path.join(projectRoot(__dirname), 'knowledge', 'staff', 'demo-staff.yaml');

/**
 * Longer passwords are refused before any hashing: argon2 pre-hashes the whole input, so an
 * unbounded one would let anyone make the server work as hard as they like.
 */
export const MAX_PASSWORD_LENGTH = 1024;

/** A username; it ends up in Redis key names and sign-in throttle keys, so a small alphabet. */
export const StaffIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,63}$/,
    'must be 1-64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

/** The queues an agent serves, as named in the municipality profiles. */
const QueueIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1-64 lower-case letters, digits, "_" or "-"');

/**
 * The PHC string argon2 writes ("$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>"). Checked whole
 * when the file loads, so a truncated hash is reported with its line instead of failing a sign-in.
 */
const ARGON2ID_HASH = /^\$argon2id\$v=\d+\$[a-z]+=\d+(,[a-z]+=\d+)*\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

/** A municipality as its profile's file is named (knowledge/municipalities/<id>.yaml). */
const MunicipalityIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a municipality id: lower-case letters, digits and "-"');

/**
 * Roles: `agent` serves the staffed queue; `editor` changes the knowledge base in the studio;
 * `manager` reads the insight figures (bot/insight/) and serves no queue; `admin` does everything
 * (serves every queue, edits, publishes, overrules a failed check, reads the figures).
 */
export const StaffRoleSchema = z.enum(['agent', 'editor', 'manager', 'admin']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const StaffAccountSchema = z
  .strictObject({
    id: StaffIdSchema,
    /** The first name citizens see ("Anna fra Borgerservice"); never the full name. */
    name: z.string().trim().min(1).max(40),
    role: StaffRoleSchema,
    passwordHash: z
      .string()
      .regex(
        ARGON2ID_HASH,
        'must be an argon2id hash starting with "$argon2id$"; make one with npm run staff:hash-password',
      ),
    /** The queues served: at least one for agents and admins; an editor serves only those listed (often none). */
    queues: z.array(QueueIdSchema).default([]),
    /** Conversations the agent may hold at once. */
    maxConversations: z.number().int().min(1).max(20).default(3),
    /**
     * Editors: the municipalities whose profiles (and local overrides) the editor may change.
     * Managers: the municipalities whose figures the manager may read.
     * Absent: every municipality. An id with no profile grants nothing.
     */
    municipalities: z.array(MunicipalityIdSchema).min(1).optional(),
    /** Editors only: may change what all municipalities share (intents, guides, out-of-scope). Absent: true. */
    sharedContent: z.boolean().optional(),
  })
  .superRefine(
    (account, ctx) => {
      for (const problem of roleProblems(account)) ctx.addIssue({ code: 'custom', ...problem });
    },
    // Also when other fields have problems, so one load reports everything (as for duplicate ids).
    { when: ({ value }) => typeof value === 'object' && value !== null },
  );

/**
 * What an account's role rules out. Reads its input as unknown: with `when` above, it also sees
 * accounts whose other fields failed validation.
 */
function roleProblems(account: object): { path: string[]; message: string }[] {
  const field = (key: string): unknown => (key in account ? (account as Record<string, unknown>)[key] : undefined);
  const role = field('role');
  if (role === 'manager') return managerProblems(field);
  if (role !== 'agent' && role !== 'admin') return [];
  const problems: { path: string[]; message: string }[] = [];
  const queues = field('queues');
  if (!Array.isArray(queues) || queues.length === 0)
    problems.push({ path: ['queues'], message: `an ${role} needs at least one queue` });
  for (const key of ['municipalities', 'sharedContent'])
    if (field(key) !== undefined)
      problems.push({
        path: [key],
        message: `limits editors only; ${role === 'admin' ? 'an admin may change everything' : 'an agent does not edit'}`,
      });
  return problems;
}

/** A manager reads figures: no queue to serve, nothing to edit. */
function managerProblems(field: (key: string) => unknown): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const queues = field('queues');
  if (Array.isArray(queues) && queues.length > 0)
    problems.push({ path: ['queues'], message: 'a manager serves no queue' });
  if (field('sharedContent') !== undefined)
    problems.push({ path: ['sharedContent'], message: 'limits editors only; a manager does not edit' });
  return problems;
}

export type StaffAccount = z.infer<typeof StaffAccountSchema>;

/** A ready-made reply staff can insert, in both languages so it fits the citizen's. */
export const CannedReplySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be 1-64 lower-case letters, digits or "-"'),
  title: z.string().min(1).max(80),
  text: z.strictObject({ da: z.string().min(1).max(2000), en: z.string().min(1).max(2000) }),
});
export type CannedReply = z.infer<typeof CannedReplySchema>;

/**
 * Runs the duplicate check even when other entries have problems (zod skips refinements then by
 * default), so one load reports everything; it must then cope with entries that failed validation.
 */
const EVEN_WITH_OTHER_PROBLEMS = { when: (payload: { value: unknown }) => Array.isArray(payload.value) };

export const StaffFileSchema = z.strictObject({
  accounts: z
    .array(StaffAccountSchema)
    .min(1)
    .superRefine(
      (accounts, ctx) =>
        reportDuplicateIds(accounts, 'account', (index, message) =>
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message }),
        ),
      EVEN_WITH_OTHER_PROBLEMS,
    ),
  cannedReplies: z
    .array(CannedReplySchema)
    .default([])
    .superRefine(
      (replies, ctx) =>
        reportDuplicateIds(replies, 'canned reply', (index, message) =>
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message }),
        ),
      EVEN_WITH_OTHER_PROBLEMS,
    ),
});
export type StaffFile = z.infer<typeof StaffFileSchema>;

/** Every problem in a staff file, one `<file>:<line>: <what>` per line, so they can all be fixed in one go. */
export class StaffFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `The staff file has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'StaffFileError';
  }
}

/**
 * Made once from a random, forgotten password with argon2's default cost (the cost
 * `npm run staff:hash-password` uses). Checked against for unknown usernames, so a sign-in for a
 * name that does not exist takes as long as one for a name that does.
 */
const DUMMY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$AqPpvMMX7xU7vXP+AvjR3A$/xIzpwtiEaYFTevcWckf0K+ZNNZielP10YDoTXHHR88';

interface Argon2Cost {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** The cost parameters of a PHC string ("…$m=65536,p=4,t=3$…"); undefined when one is missing. */
function costOf(hash: string): Argon2Cost | undefined {
  const parameter = (name: string): number => Number(new RegExp(`[$,]${name}=(\\d+)[$,]`).exec(hash)?.[1]);
  const [memoryCost, timeCost, parallelism] = [parameter('m'), parameter('t'), parameter('p')];
  if (!memoryCost || !timeCost || !parallelism) return undefined;
  return { memoryCost, timeCost, parallelism };
}

/**
 * The hash unknown usernames are checked against. When every account's hash has one cost (the
 * usual case), a fresh dummy with exactly that cost keeps unknown and known names equally slow
 * even for a cost other than the default, and lets tests use a staff file with a low cost;
 * otherwise the default-cost DUMMY_HASH.
 */
async function unknownUserHash(accounts: readonly StaffAccount[]): Promise<string> {
  const [first, ...others] = accounts.map((account) => costOf(account.passwordHash));
  const same = (cost: Argon2Cost | undefined): boolean =>
    cost !== undefined &&
    first !== undefined &&
    cost.memoryCost === first.memoryCost &&
    cost.timeCost === first.timeCost &&
    cost.parallelism === first.parallelism;
  if (!first || !others.every(same)) return DUMMY_HASH;
  return argon2.hash(randomBytes(32).toString('base64'), { type: argon2.argon2id, ...first });
}

/** The staff accounts and canned replies of one staff file. */
export class StaffDirectory {
  private readonly byId: ReadonlyMap<string, StaffAccount>;
  readonly cannedReplies: readonly CannedReply[];

  constructor(
    file: StaffFile,
    private readonly unknownUserHash: string = DUMMY_HASH,
  ) {
    this.byId = new Map(file.accounts.map((account) => [account.id, account]));
    this.cannedReplies = file.cannedReplies;
  }

  account(id: string): StaffAccount | undefined {
    return this.byId.get(id);
  }

  accounts(): readonly StaffAccount[] {
    return [...this.byId.values()];
  }

  /**
   * The account when the password is right, otherwise undefined. The username must match exactly
   * (no case folding): callers throttle sign-ins per username, and "Anna" and "ANNA" must not be
   * fresh attempts at the same account.
   */
  async verify(username: string, password: string): Promise<StaffAccount | undefined> {
    if (password.length > MAX_PASSWORD_LENGTH) return undefined;
    const account = this.byId.get(username);
    const matches = await argon2.verify(account?.passwordHash ?? this.unknownUserHash, password);
    return account && matches ? account : undefined;
  }
}

/** Reads and validates a staff file; throws a StaffFileError listing every problem with its line. */
export async function loadStaffDirectory(file: string): Promise<StaffDirectory> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new StaffFileError([`${file}: cannot be read (${reason})`]);
  }
  const result = parseYamlFile(file, text, StaffFileSchema);
  if ('problems' in result) throw new StaffFileError(result.problems.map((problem) => problem.message));
  return new StaffDirectory(result.value, await unknownUserHash(result.value.accounts));
}

/** Items are `unknown`: with EVEN_WITH_OTHER_PROBLEMS they may be entries that failed validation. */
function reportDuplicateIds(
  items: readonly unknown[],
  what: string,
  report: (index: number, message: string) => void,
): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const id: unknown = typeof item === 'object' && item !== null && 'id' in item ? item.id : undefined;
    if (typeof id !== 'string') return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else report(index, `${what} id "${id}" is used twice (also by ${what} ${first + 1} in the list)`);
  });
}
