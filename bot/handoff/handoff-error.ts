/**
 * Why the desk refused a staff action. The staff routes map each code to an HTTP status; the
 * desk itself knows nothing of HTTP.
 */
export type HandoffRefusal = 'not_waiting' | 'limit_reached' | 'queue_empty' | 'not_yours' | 'starting' | 'not_allowed';

export class HandoffError extends Error {
  constructor(
    readonly code: HandoffRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'HandoffError';
  }
}
