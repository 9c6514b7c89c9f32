/** `chatwork-kit/html`: Chatwork messages as hast trees and HTML, with a default stylesheet. */
export { toHast } from './to-hast.ts'
export { toHtml } from './to-html.ts'
export { CHATWORK_CSS } from './css.ts'
export { DEFAULT_LINK_REL, MAX_NESTING, type HtmlOptions } from './options.ts'
export { DEFAULT_TIME_ZONE, type AccountInfo, type Accounts, type FileInfo, type Files } from '../common/index.ts'
