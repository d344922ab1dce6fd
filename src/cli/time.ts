import { InputError } from "../io/input-error.js";

/**
 * `--at` and `--device-clock`: an instant, strictly. `new Date(text)` accepts "1" (2001-01-01),
 * rolls 2030-02-30 over to March 2 and reads "12/01/2027" in local time, so a typo silently moves
 * the clock; here anything but these forms is an error:
 * - an ISO 8601 date (UTC midnight) or date-time, UTC unless it carries an offset:
 *   2027-01-01, 2027-01-01T12:00, 2027-01-01T12:00:00.5Z, 2027-01-01T12:00:00+02:00;
 * - an offset from now, one or more amounts with units s m h d w: +30d, -2h, +1d12h;
 * - "now".
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const RELATIVE = /^([+-])((?:\d{1,6}[smhdw])+)$/;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export const TIME_FORMS = "an ISO 8601 date or date-time (2027-01-01, 2027-01-01T12:00:00Z, 2027-01-01T12:00+02:00) or an offset from now (+30d, -2h)";

export function parseTime(input: string, flag: string, now: Date = new Date()): Date {
  const text = input.trim();
  const fail = (why: string) => new InputError(`${flag} ${input}: ${why}: use ${TIME_FORMS}`);
  if (text === "now") return new Date(now.getTime());
  const relative = RELATIVE.exec(text);
  if (relative) {
    let ms = 0;
    for (const [, amount, unit] of relative[2]!.matchAll(/(\d+)([smhdw])/g)) ms += Number(amount) * UNIT_MS[unit!]!;
    const date = new Date(now.getTime() + (relative[1] === "-" ? -ms : ms));
    if (Number.isNaN(date.getTime())) throw fail("too far from now");
    return date;
  }
  const iso = ISO.exec(text);
  if (!iso) throw fail("not a time");
  const [year, month, day, hour = 0, minute = 0, second = 0] = iso.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  // Certificates carry no time before 1950 (RFC 5280 section 4.1.2.5); Date.UTC would also read 0-99 as 19xx.
  if (year! < 1950) throw fail("certificates carry no time before 1950");
  if (month! < 1 || month! > 12) throw fail(`there is no month ${month}`);
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (day! < 1 || day! > daysInMonth) throw fail(`${iso[1]}-${iso[2]} has ${daysInMonth} days`);
  if (hour > 23 || minute > 59 || second > 59) throw fail("the time of day is out of range");
  const fraction = iso[7] ? Number(`0.${iso[7]}`) * 1000 : 0;
  let offsetMinutes = 0;
  const zone = iso[8];
  if (zone && zone.toUpperCase() !== "Z") {
    const [, sign, hh, mm = "00"] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    if (Number(hh) > 23 || Number(mm) > 59) throw fail("the UTC offset is out of range");
    offsetMinutes = (sign === "-" ? -1 : 1) * (Number(hh) * 60 + Number(mm));
  }
  return new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second, Math.round(fraction)) - offsetMinutes * 60_000);
}
