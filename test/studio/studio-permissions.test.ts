import {
  mayChangeEverything,
  mayChangeFile,
  mayOverruleFailedCheck,
  mayPublish,
  mayRestoreVersion,
  mayUseStudio,
  studioLimitsOf,
  type StudioAccount,
} from '../../bot/studio/studio-permissions';

const agent: StudioAccount = { role: 'agent' };
const admin: StudioAccount = { role: 'admin' };
const editor: StudioAccount = { role: 'editor' };
const havbakkeOnly: StudioAccount = { role: 'editor', municipalities: ['havbakke'], sharedContent: false };
const havbakkeAndShared: StudioAccount = { role: 'editor', municipalities: ['havbakke'] };
const sharedOnly: StudioAccount = { role: 'editor', sharedContent: true, municipalities: ['none-such'] };

const SHARED = ['intents/pas.bestil.yaml', 'guides/fisketegn.md', 'out-of-scope.yaml'];

describe('studio permissions', () => {
  it('let editors and admins into the studio, not agents', () => {
    expect([agent, editor, havbakkeOnly, admin].map(mayUseStudio)).toEqual([false, true, true, true]);
  });

  it('let an admin and an unlimited editor change every knowledge file', () => {
    for (const account of [admin, editor])
      for (const path of [...SHARED, 'municipalities/boegely.yaml', 'municipalities/havbakke.yaml'])
        expect({ path, may: mayChangeFile(account, path) }).toEqual({ path, may: true });
  });

  it('never let an agent change anything', () => {
    for (const path of [...SHARED, 'municipalities/boegely.yaml']) expect(mayChangeFile(agent, path)).toBe(false);
  });

  it('limit an editor to the listed municipalities, and to shared content only if allowed', () => {
    expect(mayChangeFile(havbakkeOnly, 'municipalities/havbakke.yaml')).toBe(true);
    expect(mayChangeFile(havbakkeOnly, 'municipalities/boegely.yaml')).toBe(false);
    for (const path of SHARED) expect(mayChangeFile(havbakkeOnly, path)).toBe(false);
    // sharedContent defaults to true.
    for (const path of SHARED) expect(mayChangeFile(havbakkeAndShared, path)).toBe(true);
    expect(mayChangeFile(havbakkeAndShared, 'municipalities/boegely.yaml')).toBe(false);
    expect(mayChangeFile(sharedOnly, 'municipalities/boegely.yaml')).toBe(false);
  });

  it('refuse paths that are not knowledge files, for everyone', () => {
    for (const path of ['staff/demo-staff.yaml', '../x.yaml', 'municipalities/../intents/x.yaml', 'README.md', ''])
      for (const account of [admin, editor]) expect(mayChangeFile(account, path)).toBe(false);
  });

  it('let an editor publish only a draft whose every file they may change', () => {
    expect(mayPublish(havbakkeOnly, ['municipalities/havbakke.yaml'])).toBe(true);
    expect(mayPublish(havbakkeOnly, ['municipalities/havbakke.yaml', 'intents/pas.bestil.yaml'])).toBe(false);
    expect(mayPublish(editor, [...SHARED, 'municipalities/boegely.yaml'])).toBe(true);
    expect(mayPublish(admin, SHARED)).toBe(true);
    expect(mayPublish(agent, [])).toBe(false);
  });

  it('let an account restore a version when it may change every file that differs, and overrule a failed check only as admin', () => {
    expect([agent, editor, havbakkeOnly, havbakkeAndShared, admin].map(mayChangeEverything)).toEqual([
      false,
      true,
      false,
      false,
      true,
    ]);
    const everything = [...SHARED, 'municipalities/boegely.yaml'];
    expect([agent, editor, havbakkeOnly, admin].map((a) => mayRestoreVersion(a, everything))).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect(mayRestoreVersion(havbakkeOnly, ['municipalities/havbakke.yaml'])).toBe(true);
    expect(mayRestoreVersion(havbakkeOnly, ['municipalities/havbakke.yaml', 'guides/fisketegn.md'])).toBe(false);
    expect([agent, editor, havbakkeOnly, admin].map(mayOverruleFailedCheck)).toEqual([false, false, false, true]);
  });

  it('show an account its limits, defaults filled in', () => {
    expect(studioLimitsOf(editor)).toEqual({ municipalities: null, sharedContent: true });
    expect(studioLimitsOf(havbakkeOnly)).toEqual({ municipalities: ['havbakke'], sharedContent: false });
    expect(studioLimitsOf(admin)).toEqual({ municipalities: null, sharedContent: true });
  });
});
