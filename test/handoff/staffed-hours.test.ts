import { StaffedHours } from '../../bot/handoff/staffed-hours';
import type { MunicipalityProfile } from '../../knowledge/municipality-profile';
import { shippedKnowledge } from '../support/stub-knowledge-source';

/** An instant given as Danish local time, e.g. danish('2026-11-23T15:00') (winter: UTC+1, summer: UTC+2). */
function danish(local: string, offset: '+01:00' | '+02:00' = '+01:00'): Date {
  return new Date(`${local}:00${offset}`);
}

describe('staffed chat hours (Bøgely: Mon–Wed 08–16, Thu 08–18, Fri 08–14; closed 24 and 31 December)', () => {
  const hours = new StaffedHours();
  let boegely: MunicipalityProfile;
  beforeAll(async () => {
    const profile = (await shippedKnowledge()).municipalities.get('boegely');
    if (!profile) throw new Error('the demo profile boegely is missing');
    boegely = profile;
  });

  it('is staffed inside the weekday hours and not outside them', () => {
    expect(hours.isStaffed(boegely, danish('2026-11-23T09:30'))).toBe(true); // Monday morning
    expect(hours.isStaffed(boegely, danish('2026-11-23T16:00'))).toBe(false); // closing time is exclusive
    expect(hours.isStaffed(boegely, danish('2026-11-26T17:30'))).toBe(true); // Thursday late opening
  });

  it('on a weekday evening points to the next morning', () => {
    const next = hours.nextStaffed(boegely, danish('2026-11-23T19:45'));
    expect(next?.toISOString()).toBe(danish('2026-11-24T08:00').toISOString());
  });

  it('on a Sunday points to Monday morning', () => {
    expect(hours.isStaffed(boegely, danish('2026-11-29T11:00'))).toBe(false);
    expect(hours.nextStaffed(boegely, danish('2026-11-29T11:00'))?.toISOString()).toBe(
      danish('2026-11-30T08:00').toISOString(),
    );
  });

  it('is closed on Danish public holidays and skips them, and on the profile’s own closed dates', () => {
    // Friday 25 December (Juledag) is a public holiday; 24 and 31 December are closed by the profile.
    expect(hours.isStaffed(boegely, danish('2026-12-25T10:00'))).toBe(false);
    expect(hours.isStaffed(boegely, danish('2026-12-24T10:00'))).toBe(false);
    expect(hours.nextStaffed(boegely, danish('2026-12-23T17:00'))?.toISOString()).toBe(
      danish('2026-12-28T08:00').toISOString(),
    );
    // Easter 2027: Skærtorsdag 25 March to 2. påskedag 29 March.
    expect(hours.nextStaffed(boegely, danish('2027-03-24T16:30'))?.toISOString()).toBe(
      danish('2027-03-30T08:00', '+02:00').toISOString(),
    );
  });

  it('treats the former Store Bededag (abolished from 2024) as an ordinary working day', () => {
    // Store Bededag would have been Friday 1 May 2026.
    expect(hours.isStaffed(boegely, danish('2026-05-01T10:00', '+02:00'))).toBe(true);
  });

  it('uses Danish local time across the change to summer time', () => {
    // Sunday 29 March 2026 clocks go forward; Monday 30 March 08:00 is 06:00 UTC.
    expect(hours.nextStaffed(boegely, danish('2026-03-28T12:00'))?.toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('gives now when staff are already there', () => {
    const now = danish('2026-11-24T10:00');
    expect(hours.nextStaffed(boegely, now)).toBe(now);
  });
});
