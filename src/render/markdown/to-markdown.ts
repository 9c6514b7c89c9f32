import type { Node } from '../../markup/index.ts'
import { printMdast } from './print-mdast.ts'
import { chatworkMdast, type ToMarkdownOptions } from './to-mdast.ts'

/**
 * A Chatwork body or tree as GitHub-flavoured Markdown, for archives, issue
 * trackers and language-model context. Built as an mdast tree ({@link toMdast})
 * and printed by this library's own printer, which escapes every character
 * that could start Markdown or GFM syntax where it stands, so text holding
 * `*`, `_`, `#`, `<`, backticks or `|` stays text. (For
 * `mdast-util-to-markdown`'s output instead, print `toMdast`'s tree with it.)
 *
 * What each node becomes:
 * - To `@Name` (from `accounts`) or `@{id}`; toall `@all`; a reply `↩ @Name`,
 *   linked when `messageUrl` is given (not for the broken `to=R:M` form);
 * - a quote a blockquote, after an attribution line (the author in bold, the
 *   date when the quote has one); info a blockquote whose titles are bold;
 *   a title outside info a bold line (nothing when empty);
 * - code a fenced block whose fence is longer than any backtick run inside;
 *   a rule a thematic break; a task a task list item with its assignees and due date;
 * - names their text (`#{id}` when unknown), avatars an image when `accounts`
 *   gives an http(s) avatar URL; previews an image and downloads a link when
 *   `files` gives their URL; dtext its sentence, dates localized, deleted nothing;
 * - emoticons their code, or with `emoji: true` the Unicode emoji of
 *   `EMOTICON_EMOJI` (codes without one stay as written); links as links.
 *
 * Chatwork's line feeds are kept: a blank line ends a paragraph, a single line
 * feed is a line break (see `lineBreaks`).
 *
 * @example
 * toMarkdown('[To:1002] Please review *this*\n[code]npm test[/code]', { accounts: new Map([[1002, { name: 'Taro' }]]) })
 * // '@Taro Please review \\*this\\*\n\n```\nnpm test\n```\n'
 */
export function toMarkdown(treeOrBody: Node | string, options: ToMarkdownOptions = {}): string {
  return printMdast(chatworkMdast(treeOrBody, options))
}
