import { DTEXT, type Locale } from '../../markup/index.ts'

/**
 * The locale of sentences, labels and dates unless `locale` is given.
 *
 * @example
 * checkLocale(undefined) // DEFAULT_LOCALE, 'en'
 */
export const DEFAULT_LOCALE: Locale = 'en'

/**
 * The `locale` option, checked: `'en'` or `'ja'`, the languages of Chatwork's
 * sentence table (spec §4.12); anything else throws a TypeError.
 *
 * @example
 * checkLocale('ja') // 'ja'
 */
export function checkLocale(locale: unknown): Locale {
  if (locale === undefined) return DEFAULT_LOCALE
  if (locale === 'en' || locale === 'ja') return locale
  throw new TypeError(`locale must be 'en' or 'ja', got ${JSON.stringify(locale)}`)
}

/**
 * What `[dtext:key]` shows: its sentence in `locale`, or the tag itself for
 * a key without a recorded sentence (as Chatwork shows an unknown key).
 *
 * @example
 * dtextSentence('task_done', 'ja') // 'タスクを完了しました。'
 * dtextSentence('no_such_key', 'en') // '[dtext:no_such_key]'
 */
export function dtextSentence(key: string, locale: Locale): string {
  return Object.hasOwn(DTEXT[locale], key) ? DTEXT[locale][key] : `[dtext:${key}]`
}

/** The words a renderer adds around the message's own text, per locale. */
export interface RenderLabels {
  /** The badge of a `[To:]`. */
  to: string
  /** The badge of `[toall]`. */
  toAll: string
  /** The badge of a reply. */
  reply: string
  /** Before a task's due date. */
  due: string
  /** A task with `lt=0`. */
  noDueDate: string
  /** A task's state. */
  open: string
  done: string
  /** The button of a `[live]`. */
  live: string
}

/**
 * The labels of each locale, as Chatwork's web client words them where known.
 *
 * @example
 * RENDER_LABELS.ja.noDueDate // '期限なし'
 */
export const RENDER_LABELS: Readonly<Record<Locale, Readonly<RenderLabels>>> = {
  en: { to: 'To', toAll: 'To ALL', reply: 'RE', due: 'Due', noDueDate: 'No due date', open: 'Open', done: 'Done', live: 'Join ChatWork Live' },
  ja: { to: 'To', toAll: 'To ALL', reply: 'RE', due: '期限', noDueDate: '期限なし', open: '未完了', done: '完了', live: 'ChatWork Liveに参加' },
}
