import { z } from 'zod';
import { withDanish } from './danish-schema-messages';
import { LocalAnswersSchema } from './local-answers';
import { isHttpsUrl } from './web-address';

const PHONE_MESSAGE = withDanish(
  'must be a phone number such as "+45 70 00 00 00"',
  'Skriv et telefonnummer som "+45 70 00 00 00".',
);

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, withDanish('must be a time such as 09:30', 'Skriv et klokkeslæt som 09:30.'));

/** "24:00" ends a span at midnight, so a day can be staffed around the clock. */
const endTime = z
  .string()
  .regex(
    /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/,
    withDanish(
      'must be a time such as 16:30, or 24:00 for midnight',
      'Skriv et klokkeslæt som 16:30, eller 24:00 for midnat.',
    ),
  );

const TimeSpanSchema = z.strictObject({ from: clockTime, to: endTime }).refine((span) => span.from < span.to, {
  error: withDanish('"from" must be before "to"', 'Tidspunktet i "from" skal ligge før tidspunktet i "to".'),
});

/** Hours for each weekday; an empty list means closed that day. Local Danish time. */
export const WeeklyHoursSchema = z.strictObject({
  monday: z.array(TimeSpanSchema),
  tuesday: z.array(TimeSpanSchema),
  wednesday: z.array(TimeSpanSchema),
  thursday: z.array(TimeSpanSchema),
  friday: z.array(TimeSpanSchema),
  saturday: z.array(TimeSpanSchema),
  sunday: z.array(TimeSpanSchema),
});
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;
export type Weekday = keyof WeeklyHours;

const pageAddress = z
  .string()
  .refine(isHttpsUrl, withDanish('must be an https:// address', 'Skriv en hel adresse, der starter med https://.'));

/** The local pages answers link to. Every profile must have them all, so no answer has a dead placeholder. */
export const LOCAL_LINK_KEYS = [
  'citizenService',
  'booking',
  'selfService',
  'privacy',
  'wedding',
  'elections',
  'waste',
  'bulkyWaste',
  'recycling',
  'building',
  'parking',
  'roads',
  'rats',
  'noise',
  'daycare',
  'childcareFees',
  'school',
  'afterSchool',
  'healthVisitor',
  'childDental',
  'homeCare',
  'assistiveDevices',
  'nursingHome',
  'rehabilitation',
  'propertyTax',
  'debt',
  'complaints',
  'accessToDocuments',
  'jobcenter',
  'depositLoan',
  // Safety answers: where to report a worry about a child (underretning), and help with violence in close relations.
  'childConcern',
  'domesticViolence',
] as const;
export type LocalLinkKey = (typeof LOCAL_LINK_KEYS)[number];

const LocalLinksSchema = z.strictObject(
  Object.fromEntries(LOCAL_LINK_KEYS.map((key) => [key, pageAddress])) as Record<LocalLinkKey, typeof pageAddress>,
);

/** A municipality's own facts: `knowledge/municipalities/<id>.yaml`. */
export const MunicipalityProfileSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      withDanish('must be lower-case letters, digits and "-"', 'Skriv id med små bogstaver, tal og "-", fx havbakke.'),
    ),
  name: z.string().trim().min(1),
  fictional: z.boolean().default(false),
  phone: z.string().regex(/^\+?[\d ]{8,16}$/, PHONE_MESSAGE),
  /**
   * Where citizens call with a worry about a child (underretning): usually the children and family
   * services, not citizen service. Required, so the safety answer never lacks a number.
   */
  childConcernPhone: z.string().regex(/^\+?[\d ]{8,16}$/, PHONE_MESSAGE),
  email: z.email(),
  address: z.strictObject({
    street: z.string().trim().min(1),
    postalCode: z
      .string()
      .regex(/^\d{4}$/, withDanish('must be a four-digit Danish postal code', 'Skriv et postnummer med fire cifre.')),
    city: z.string().trim().min(1),
  }),
  website: pageAddress,
  openingHours: WeeklyHoursSchema,
  /** When citizen service answers the phone: offered when the chat is not staffed. */
  phoneHours: WeeklyHoursSchema,
  /** When staff answer the chat. */
  chatHours: WeeklyHoursSchema,
  /**
   * The staffed queue this municipality's chats go to: its own (the default, its id) or a pool
   * several municipalities share, as a virtual contact centre does. Agents are given queue ids.
   */
  handoffQueue: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_-]{0,63}$/,
      withDanish(
        'must be lower-case letters, digits, "_" or "-"',
        'Skriv køens navn med små bogstaver, tal, "_" eller "-".',
      ),
    )
    .optional(),
  closedDates: z.array(z.iso.date()).default([]),
  /** Whether the chat is unstaffed on Danish public holidays (a round-the-clock contact centre may staff them). */
  closedOnPublicHolidays: z.boolean().default(true),
  /** Web sites allowed to embed the chat (checked for CORS and WebSocket Origin). The server's own origin always is. */
  allowedOrigins: z.array(z.url()).default([]),
  /** The widget's look; the widget checks contrast and falls back to dark text colours if too low. */
  webchat: z
    .strictObject({
      primaryColor: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, withDanish('must be a colour such as #1f4e79', 'Skriv en farve som #1f4e79.'))
        .default('#1f4e79'),
      textOnPrimaryColor: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, withDanish('must be a colour such as #ffffff', 'Skriv en farve som #ffffff.'))
        .default('#ffffff'),
    })
    .default({ primaryColor: '#1f4e79', textOnPrimaryColor: '#ffffff' }),
  links: LocalLinksSchema,
  /**
   * Topics this municipality answers in its own words, whole or one facet at a time (local-answers.ts);
   * every other topic gets the shared answer.
   */
  answers: LocalAnswersSchema.default({}),
});
export type MunicipalityProfile = z.infer<typeof MunicipalityProfileSchema>;

/** The queue a municipality's handed-off chats wait in. */
export function handoffQueueOf(profile: MunicipalityProfile): string {
  return profile.handoffQueue ?? profile.id;
}
