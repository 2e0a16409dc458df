// @ts-check
/** What the insight pages know about the signed-in manager; forgotten on signing out. */

/** @typedef {import('./api-types').InsightScope} InsightScope */

export const state = {
  /** Bumped on every sign-in and sign-out, so answers meant for an earlier session are dropped. */
  generation: 0,
  /** The CSRF token (signing out needs it), in memory only. */
  csrf: '',
  /** @type {InsightScope[]} */
  scopes: [],
};

export function beginSession(/** @type {string} */ csrf) {
  state.generation += 1;
  state.csrf = csrf;
  state.scopes = [];
}

export function endSession() {
  state.generation += 1;
  state.csrf = '';
  state.scopes = [];
}
