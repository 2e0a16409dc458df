// @ts-check
/** What the studio knows about the signed-in editor; forgotten on signing out. */

/** @typedef {import('./api-types').OverviewView} OverviewView */

export const state = {
  /** Bumped on every sign-in and sign-out, so answers meant for an earlier session are dropped. */
  generation: 0,
  /** The CSRF token, in memory only. */
  csrf: '',
  /** @type {OverviewView | null} */
  overview: null,
};

export function beginSession(/** @type {string} */ csrf) {
  state.generation += 1;
  state.csrf = csrf;
  state.overview = null;
}

export function endSession() {
  state.generation += 1;
  state.csrf = '';
  state.overview = null;
}
