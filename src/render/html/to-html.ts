import { toHtml as hastToHtml } from 'hast-util-to-html'
import type { Node } from '../../markup/index.ts'
import type { HtmlOptions } from './options.ts'
import { toHast } from './to-hast.ts'

/**
 * A Chatwork message as an HTML fragment: {@link toHast}, serialised by
 * `hast-util-to-html`. Style it with `CHATWORK_CSS`.
 *
 * @example
 * toHtml('Hi :)')
 * // '<div class="cw-message">Hi <span class="cw-emoticon" title="Smile">:)</span></div>'
 */
export function toHtml(treeOrBody: Node | string, options?: HtmlOptions): string {
  return hastToHtml(toHast(treeOrBody, options))
}
