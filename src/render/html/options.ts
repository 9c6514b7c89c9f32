import type { Locale } from '../../markup/index.ts'
import { checkAccounts, contextMaker, checkFiles, checkLocale, createDateFormat, DEFAULT_TIME_ZONE, RENDER_LABELS, type Accounts, type DateFormat, type Files, type RenderLabels } from '../common/index.ts'

/**
 * The `rel` of every link unless `linkRel` is given: message text is not
 * the page's to vouch for, and the linked page gets no handle on it.
 *
 * @example
 * toHtml('https://example.com') // '…<a class="cw-link" href="https://example.com" rel="noopener noreferrer nofollow">…'
 */
export const DEFAULT_LINK_REL = 'noopener noreferrer nofollow'

/**
 * Blocks (quote, info, title, task, download) nested deeper than this are
 * shown without their frames, their content inline: HTML serialisers and
 * browsers recurse per element, and a 65,535-character body can nest blocks
 * 7,000 deep. Real messages nest a handful.
 *
 * @example
 * toHast('[qt]'.repeat(200) + 'x' + '[/qt]'.repeat(200)) // 64 nested quote boxes around 'x'
 */
export const MAX_NESTING = 64

/** Options of `toHast` and `toHtml`. */
export interface HtmlOptions {
  /** Names and avatars of accounts (a Map or a function of the id); an unknown id shows as `#id`. */
  accounts?: Accounts
  /** Names and URLs of uploaded files, for `[preview]` and `[download]` (a Map or a function of the id). */
  files?: Files
  /** The URL of a replied-to message, so that a reply chip links to it; without it, or for `to=R:M`, the chip is not a link. */
  messageUrl?: (roomId: number, messageId: string) => string | undefined
  /** The URL of an emoticon's image; by default (or when it returns undefined) the emoticon's code in a titled span. */
  emoticonUrl?: (code: string, name: string) => string | undefined
  /** Language of sentences, labels and dates: `'en'` (default) or `'ja'`. */
  locale?: Locale
  /** IANA time zone of dates (default {@link DEFAULT_TIME_ZONE}, `'UTC'`). */
  timeZone?: string
  /** The `target` of links (e.g. `'_blank'`: letters, digits, `_` and `-`); none by default. */
  linkTarget?: string
  /** The `rel` of links, link types separated by spaces (default {@link DEFAULT_LINK_REL}); `''` for none. */
  linkRel?: string
}

const TARGET = /^[\w-]+$/
const REL_TOKEN = /^[A-Za-z][\w-]*$/

/** The options of one render, checked and with their defaults. */
export interface HtmlContext {
  accounts: Accounts | undefined
  files: Files | undefined
  messageUrl: HtmlOptions['messageUrl']
  emoticonUrl: HtmlOptions['emoticonUrl']
  locale: Locale
  labels: RenderLabels
  dates: DateFormat
  linkTarget: string | undefined
  linkRel: string[] | undefined
}

/**
 * Checks the options (a TypeError or RangeError names the bad one) and fills in the defaults.
 *
 * @example
 * htmlContext({ locale: 'ja' }).labels.noDueDate // '期限なし'
 */
export const htmlContext: (options?: HtmlOptions) => HtmlContext = contextMaker(makeContext)

function makeContext(options: HtmlOptions): HtmlContext {
  checkAccounts(options.accounts)
  checkFiles(options.files)
  for (const key of ['messageUrl', 'emoticonUrl'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') throw new TypeError(`${key} must be a function`)
  }
  if (options.linkTarget !== undefined && (typeof options.linkTarget !== 'string' || !TARGET.test(options.linkTarget))) {
    throw new TypeError(`linkTarget must be a browsing context name such as '_blank' (letters, digits, _ and -), got ${JSON.stringify(options.linkTarget)}`)
  }
  if (options.linkRel !== undefined && typeof options.linkRel !== 'string') throw new TypeError('linkRel must be a string')
  const rel = (options.linkRel ?? DEFAULT_LINK_REL).split(/\s+/).filter(Boolean)
  const badRel = rel.find((token) => !REL_TOKEN.test(token))
  if (badRel !== undefined) throw new TypeError(`linkRel must hold link types such as 'noopener' separated by spaces, got ${JSON.stringify(badRel)}`)
  const locale = checkLocale(options.locale)
  return {
    accounts: options.accounts,
    files: options.files,
    messageUrl: options.messageUrl,
    emoticonUrl: options.emoticonUrl,
    locale,
    labels: RENDER_LABELS[locale],
    dates: createDateFormat(locale, options.timeZone ?? DEFAULT_TIME_ZONE),
    linkTarget: options.linkTarget,
    linkRel: rel.length > 0 ? rel : undefined,
  }
}
