/** What the desk tells a citizen about their place with staff; worded by the dialogue, written by the channel. */
export type HandoffNotice =
  | { readonly kind: 'position'; readonly position: number; readonly estimatedWaitMinutes: number | undefined }
  | { readonly kind: 'agent-joined'; readonly agentName: string }
  | { readonly kind: 'agent-dropped'; readonly position: number; readonly estimatedWaitMinutes: number | undefined }
  | { readonly kind: 'ended' | 'returned' | 'long-wait' };
