import type { Locale } from '../../markup/index.ts'
import { checkAccounts, checkLookup, contextMaker, checkFiles, checkLocale, createDateFormat, DEFAULT_TIME_ZONE, EMOTICON_EMOJI, RENDER_LABELS, type Accounts, type DateFormat, type Files, type RenderLabels } from '../common/index.ts'

/** Slack user ids by Chatwork account id: a Map or a function (returning undefined when there is none). */
export type SlackUsers = ReadonlyMap<number, string> | ((accountId: number) => string | undefined)

/**
 * What `[toall]` becomes: `'text'` (default), the plain text `@all`, which
 * notifies nobody; `'channel'`, `'here'` or `'everyone'`, Slack's live
 * `<!channel>`, `<!here>` or `<!everyone>`.
 */
export type SlackToAll = 'text' | 'channel' | 'here' | 'everyone'

/**
 * Chatwork emoticons as Slack emoji names (without colons), by code; the
 * codes missing here stay text. Pass `emoticons` to add or replace names,
 * such as a workspace's custom emoji.
 *
 * @example
 * SLACK_EMOTICONS['(coffee)'] // 'coffee'
 */
export const SLACK_EMOTICONS: Readonly<Record<string, string>> = /* @__PURE__ */ Object.fromEntries(Object.entries(EMOTICON_EMOJI).map(([code, emoji]) => [code, emoji.slack]))

/**
 * Blocks nested deeper than this lose their frames (quote marks, titles)
 * but keep their content, so that no depth of nesting exhausts the stack.
 *
 * @example
 * toSlack('[qt]'.repeat(100) + 'x' + '[/qt]'.repeat(100)) // 32 levels of '> '
 */
export const SLACK_MAX_NESTING = 32

/** Options of `toSlack`. */
export interface SlackOptions {
  /** Names of accounts (a Map or a function of the id), for mentions without a Slack user (`@Name`) and for names; an unknown id mentions as `@id` and shows as `#id`. */
  accounts?: Accounts
  /** Slack user ids (`U…` or `W…`) of Chatwork accounts: their mentions become `<@U…>`. */
  users?: SlackUsers
  /** What `[toall]` becomes (default `'text'`: `@all`, never a live `<!channel>`). */
  toAll?: SlackToAll
  /** Names and URLs of uploaded files, for `[preview]` and `[download]`. */
  files?: Files
  /** The URL of a replied-to message, so that a reply's arrow links to it; never for `to=R:M`. */
  messageUrl?: (roomId: number, messageId: string) => string | undefined
  /** Slack emoji names by emoticon code, over {@link SLACK_EMOTICONS}. */
  emoticons?: Readonly<Record<string, string>>
  /** Language of sentences, labels and the fallback text of dates: `'en'` (default) or `'ja'`. */
  locale?: Locale
  /** IANA time zone of the fallback text of dates (default `'UTC'`; Slack shows each reader their own). */
  timeZone?: string
}

/** The options of one conversion, checked and with their defaults. */
export interface SlackContext {
  accounts: Accounts | undefined
  users: SlackUsers | undefined
  toAll: string
  files: Files | undefined
  messageUrl: SlackOptions['messageUrl']
  emoticons: Readonly<Record<string, string>>
  locale: Locale
  labels: RenderLabels
  dates: DateFormat
}

const TO_ALL: Record<SlackToAll, string> = { text: '@all', channel: '<!channel>', here: '<!here>', everyone: '<!everyone>' }
const EMOJI_NAME = /^[a-z0-9_+'-]+$/

/**
 * Checks the options (a TypeError or RangeError names the bad one) and fills in the defaults.
 *
 * @example
 * slackContext({ toAll: 'here' }).toAll // '<!here>'
 */
export const slackContext: (options?: SlackOptions) => SlackContext = contextMaker(makeContext)

function makeContext(options: SlackOptions): SlackContext {
  checkAccounts(options.accounts)
  checkFiles(options.files)
  checkLookup(options.users, 'users must be a Map of account id to Slack user id or a function of the account id')
  if (options.messageUrl !== undefined && typeof options.messageUrl !== 'function') throw new TypeError('messageUrl must be a function')
  const toAll = options.toAll ?? 'text'
  if (!Object.hasOwn(TO_ALL, toAll)) throw new TypeError(`toAll must be 'text', 'channel', 'here' or 'everyone', got ${JSON.stringify(toAll)}`)
  let emoticons = SLACK_EMOTICONS
  if (options.emoticons !== undefined) {
    if (typeof options.emoticons !== 'object' || options.emoticons === null) throw new TypeError('emoticons must be an object of emoticon code to Slack emoji name')
    for (const [code, name] of Object.entries(options.emoticons)) {
      if (typeof name !== 'string' || !EMOJI_NAME.test(name)) throw new TypeError(`emoticons: the Slack emoji name of ${code} must be lower-case letters, digits, _, +, ' or -, got ${JSON.stringify(name)}`)
    }
    emoticons = { ...SLACK_EMOTICONS, ...options.emoticons }
  }
  const locale = checkLocale(options.locale)
  return {
    accounts: options.accounts,
    users: options.users,
    toAll: TO_ALL[toAll],
    files: options.files,
    messageUrl: options.messageUrl,
    emoticons,
    locale,
    labels: RENDER_LABELS[locale],
    dates: createDateFormat(locale, options.timeZone ?? DEFAULT_TIME_ZONE),
  }
}
