import { z } from 'zod';

/**
 * What a button sends back when clicked. Buttons carry structured values, not text, so a click
 * never goes through the classifier and cannot be misunderstood.
 */
export const ButtonValueSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('answer'), intent: z.string().max(100) }),
  z.strictObject({ action: z.literal('feedback'), intent: z.string().max(100), helpful: z.boolean() }),
  z.strictObject({ action: z.literal('handoff') }),
]);
export type ButtonValue = z.infer<typeof ButtonValueSchema>;

export interface ReplyButton {
  readonly title: string;
  readonly value: ButtonValue;
}

export interface GuideCard {
  readonly title: string;
  readonly summary: string;
  readonly url: string;
  readonly linkTitle: string;
}

/** One message from the assistant, independent of Bot Framework; `to-activity.ts` turns it into an Activity. */
export interface Reply {
  /** Markdown. */
  readonly text: string;
  readonly buttons?: readonly ReplyButton[];
  readonly cards?: readonly GuideCard[];
  /** Related topics: kept in the transcript as a card, unlike `buttons`, which vanish after the next message. */
  readonly topics?: { readonly heading: string; readonly buttons: readonly ReplyButton[] };
  /** BCP 47 tag of the text, so screen readers pronounce it right. */
  readonly locale: 'da-DK' | 'en-GB';
}
