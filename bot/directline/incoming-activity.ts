import { z } from 'zod';

/**
 * What a Direct Line client may post. Only these fields are kept; everything else a client
 * sends is dropped, so nothing unexpected reaches the store or the bot.
 */
export const IncomingActivitySchema = z.object({
  type: z.enum(['message', 'typing', 'event'], { error: 'type must be "message", "typing" or "event"' }),
  text: z.string().max(20_000, 'text is longer than 20,000 characters').optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  value: z.unknown().optional(),
  name: z.string().max(100).optional(),
  locale: z.string().max(20).optional(),
  attachments: z
    .array(z.object({ contentType: z.string().max(200).optional(), name: z.string().max(200).optional() }).loose())
    .max(10)
    .optional(),
  from: z
    .object({ id: z.string().max(128).optional(), name: z.string().max(128).optional() })
    .loose()
    .optional(),
  channelData: z
    .object({ clientActivityID: z.string().max(128).optional(), clientTimestamp: z.string().max(64).optional() })
    .loose()
    .optional(),
});
export type IncomingActivity = z.infer<typeof IncomingActivitySchema>;

/**
 * What botframework-directlinejs posts to start a conversation: `{ user: { id }, locale }`, the
 * locale from Web Chat's `conversationStartProperties`. Only a language tag is taken from it.
 */
export const StartConversationBodySchema = z
  .looseObject({
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/)
      .optional(),
  })
  .optional();

/** A value that survives a round trip through JSON and is at most `maxBytes` long. */
export function isSmallJson(value: unknown, maxBytes: number): boolean {
  if (value === undefined) return true;
  try {
    return JSON.stringify(value).length <= maxBytes;
  } catch {
    // Circular or otherwise unserialisable: not a value a client can have sent as JSON.
    return false;
  }
}
