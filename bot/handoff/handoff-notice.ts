/** What the desk tells a citizen about their place with staff; worded by the dialogue, written by the channel. */
export type HandoffNotice =
  | { readonly kind: 'position'; readonly position: number; readonly estimatedWaitMinutes: number | undefined }
  | { readonly kind: 'agent-joined'; readonly agentName: string }
  | { readonly kind: 'agent-dropped'; readonly position: number; readonly estimatedWaitMinutes: number | undefined }
  | { readonly kind: 'ended' | 'returned' | 'long-wait' }
  /** The citizen's chat was gone past the grace period, so they left the queue (they read it if they come back). */
  | { readonly kind: 'gone-from-queue' }
  /** For the agent's transcript only: the citizen's chat has been gone past the grace period. */
  | { readonly kind: 'citizen-away' }
  /** For the agent's transcript only: the citizen started a new conversation and left this one. */
  | { readonly kind: 'citizen-left' };
