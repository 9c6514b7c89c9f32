/** What the renderers (html, markdown, slack) share: reading options, accounts, files, dates, sentences, labels and emoji. */
export { toTree } from './tree.ts'
export { resolveAccount, checkAccounts, type AccountInfo, type Accounts } from './accounts.ts'
export { resolveFile, checkFiles, downloadLabel, hasDownloadLabel, type FileInfo, type Files, type DownloadLabel } from './files.ts'
export { createDateFormat, DEFAULT_TIME_ZONE, type DateFormat, type FormattedDate } from './dates.ts'
export { checkLocale, dtextSentence, DEFAULT_LOCALE, RENDER_LABELS, type RenderLabels } from './locale.ts'
export { isWebUrl } from './url.ts'
export { replyIsLinked } from './reply.ts'
export { EMOTICON_EMOJI } from './emoji.ts'
