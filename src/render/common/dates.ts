import type { Locale } from '../../markup/index.ts'

/**
 * The time zone dates are shown in unless `timeZone` is given: UTC, so that
 * the same body renders the same on every machine.
 *
 * @example
 * createDateFormat('en', DEFAULT_TIME_ZONE).date(0)?.text // 'Jan 1, 1970'
 */
export const DEFAULT_TIME_ZONE = 'UTC'

/** A Unix time as a renderer shows it. */
export interface FormattedDate {
  /** Localized text: `Dec 31, 2024` (en), `2024/12/31` (ja), with the time when asked. */
  text: string
  /** The instant in ISO 8601, for a `datetime` attribute or a machine reader. */
  iso: string
}

/** Formats Unix times (seconds) in one locale and time zone. */
export interface DateFormat {
  /** The date alone, or undefined for a time past the calendar (beyond ±8.64e12 s). */
  date(unix: number): FormattedDate | undefined
  /** The date and the time of day, or undefined for a time past the calendar. */
  dateTime(unix: number): FormattedDate | undefined
}

/**
 * Date formatting in one locale and time zone. It is made once and kept for
 * later renders, and its formatters on first use, because making one costs
 * far more than formatting with it. An unknown time zone throws a RangeError
 * naming the option.
 *
 * @example
 * createDateFormat('ja', 'Asia/Tokyo').dateTime(1735600000)?.text // '2024/12/31 8:06'
 */
export function createDateFormat(locale: Locale, timeZone: string = DEFAULT_TIME_ZONE): DateFormat {
  const key = `${locale} ${timeZone}`
  let found = dateFormats.get(key)
  if (found === undefined) {
    checkTimeZone(timeZone)
    found = new LocaleDateFormat(locale, timeZone)
    dateFormats.set(key, found)
  }
  return found
}

/** One per locale and (valid, so finitely many) time zone, made once. */
const dateFormats = new Map<string, DateFormat>()

class LocaleDateFormat implements DateFormat {
  private dateOnly: Intl.DateTimeFormat | undefined
  private withTime: Intl.DateTimeFormat | undefined

  constructor(
    private readonly locale: Locale,
    private readonly timeZone: string,
  ) {}

  date(unix: number): FormattedDate | undefined {
    const instant = new Date(unix * 1000)
    if (Number.isNaN(instant.getTime())) return undefined
    this.dateOnly ??= new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeZone: this.timeZone })
    return { text: this.dateOnly.format(instant), iso: instant.toISOString() }
  }

  dateTime(unix: number): FormattedDate | undefined {
    const instant = new Date(unix * 1000)
    if (Number.isNaN(instant.getTime())) return undefined
    this.withTime ??= new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: this.timeZone })
    return { text: this.withTime.format(instant), iso: instant.toISOString() }
  }
}

function checkTimeZone(timeZone: unknown): void {
  try {
    if (typeof timeZone !== 'string') throw new RangeError()
    new Intl.DateTimeFormat('en', { timeZone })
  } catch {
    throw new RangeError(`timeZone must be an IANA time zone such as 'Asia/Tokyo' or 'UTC', got ${JSON.stringify(timeZone)}`)
  }
}
