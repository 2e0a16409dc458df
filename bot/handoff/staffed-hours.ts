import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { MunicipalityProfile, Weekday } from '../../knowledge/municipality-profile';

/** Municipal times are Danish local time, summer time included. */
export const DANISH_TIME_ZONE = 'Europe/Copenhagen';
const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** How far ahead to look for the next staffed hour (long Christmas and Easter closures included). */
const LOOKAHEAD_DAYS = 21;

/**
 * When staff answer the chat: the profile's chat hours per weekday, minus Danish public holidays
 * (from date-holidays, which tracks changes such as Store Bededag's abolition in 2024) and the
 * profile's own closed dates (e.g. Grundlovsdag, 24 December, which are not public holidays).
 */
export class StaffedHours {
  private readonly holidays = new Holidays('DK');

  isStaffed(profile: MunicipalityProfile, at: Date): boolean {
    const local = DateTime.fromJSDate(at, { zone: DANISH_TIME_ZONE });
    if (this.isClosedDay(profile, local)) return false;
    const minutes = local.hour * 60 + local.minute;
    return spansOf(profile, local).some((span) => minutes >= toMinutes(span.from) && minutes < toMinutes(span.to));
  }

  /** The start of the next staffed period after `at` (or `at` itself when staffed now); undefined if none within three weeks. */
  nextStaffed(profile: MunicipalityProfile, at: Date): Date | undefined {
    if (this.isStaffed(profile, at)) return at;
    const start = DateTime.fromJSDate(at, { zone: DANISH_TIME_ZONE });
    for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset += 1) {
      const day = start.plus({ days: offset }).startOf('day');
      if (this.isClosedDay(profile, day)) continue;
      for (const span of spansOf(profile, day)) {
        const [hour = 0, minute = 0] = span.from.split(':').map(Number);
        const opening = day.set({ hour, minute });
        if (opening > start) return opening.toJSDate();
      }
    }
    return undefined;
  }

  /** Whether the day is a Danish public holiday or one of the profile's closed dates. */
  isClosedDay(profile: MunicipalityProfile, local: DateTime): boolean {
    const isoDate = local.toISODate() ?? '';
    if (profile.closedDates.includes(isoDate)) return true;
    if (!profile.closedOnPublicHolidays) return false;
    const holidays = this.holidays.isHoliday(local.set({ hour: 12 }).toJSDate());
    return Array.isArray(holidays) && holidays.some((h) => h.type === 'public');
  }
}

function spansOf(profile: MunicipalityProfile, local: DateTime): { from: string; to: string }[] {
  return profile.chatHours[WEEKDAYS[local.weekday - 1] as Weekday];
}

function toMinutes(time: string): number {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return hour * 60 + minute;
}
