/**
 * Why the desk refused a staff action. The staff routes map each code to an HTTP status; the
 * desk itself knows nothing of HTTP.
 */
export type HandoffRefusal =
  | 'not_waiting'
  | 'limit_reached'
  | 'queue_empty'
  | 'not_yours'
  | 'starting'
  | 'not_allowed'
  /** Away or on a break: an agent takes new citizens only when available. */
  | 'not_available';

export class HandoffError extends Error {
  constructor(
    readonly code: HandoffRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'HandoffError';
  }
}
