import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
/** Compiled entry points; `npm test` builds before jest runs. */
export const DIST = path.join(PROJECT_ROOT, 'dist');
export const COMPILED_TRAINING_WORKER = path.join(DIST, 'intents', 'training-worker.js');
