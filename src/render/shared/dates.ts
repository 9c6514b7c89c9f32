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
 * Date formatting in one locale and time zone. The formatters are made on
 * first use and kept for later renders, because making one costs far more
 * than formatting with it. An unknown time zone throws a RangeError naming
 * the option.
 *
 * @example
 * createDateFormat('ja', 'Asia/Tokyo').dateTime(1735600000)?.text // '2024/12/31 8:06'
 */
export function createDateFormat(locale: Locale, timeZone: string = DEFAULT_TIME_ZONE): DateFormat {
  checkTimeZone(timeZone)
  const format = (unix: number, withTime: boolean): FormattedDate | undefined => {
    const instant = new Date(unix * 1000)
    if (Number.isNaN(instant.getTime())) return undefined
    return { text: formatter(locale, timeZone, withTime).format(instant), iso: instant.toISOString() }
  }
  return { date: (unix) => format(unix, false), dateTime: (unix) => format(unix, true) }
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone} ${withTime}`
  let found = formatters.get(key)
  if (found === undefined) {
    found = new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone } : { dateStyle: 'medium', timeZone })
    formatters.set(key, found)
  }
  return found
}

const checkedTimeZones = new Set<string>([DEFAULT_TIME_ZONE])

function checkTimeZone(timeZone: unknown): void {
  if (typeof timeZone === 'string' && checkedTimeZones.has(timeZone)) return
  try {
    if (typeof timeZone !== 'string') throw new RangeError()
    new Intl.DateTimeFormat('en', { timeZone })
  } catch {
    throw new RangeError(`timeZone must be an IANA time zone such as 'Asia/Tokyo' or 'UTC', got ${JSON.stringify(timeZone)}`)
  }
  checkedTimeZones.add(timeZone)
}
