/** The knowledge is still loading at start-up: the studio can read drafts, but not train or publish yet. */
export class StudioStartingError extends Error {
  constructor() {
    super('Assistenten starter stadig. Prøv igen om lidt.');
    this.name = 'StudioStartingError';
  }
}
