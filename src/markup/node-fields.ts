/**
 * The semantic fields of each node type other than text, links, emoticons,
 * the root and `deleted`: what its markup says, as opposed to how it was
 * spelled (`source`, `open`, `close`, `meta`) or where it was (`position`).
 * `?` marks optional ones. The builder copies these fields; the printer
 * compares them with what a parsed node's spelling says.
 *
 * @example
 * FIELDS.reply // ['accountId', 'roomId', 'messageId']
 */
export const FIELDS: Readonly<Record<string, readonly string[]>> = {
  to: ['accountId'],
  picon: ['accountId'],
  pname: ['accountId'],
  piconname: ['accountId'],
  toall: [],
  hr: [],
  info: [],
  title: [],
  reply: ['accountId', 'roomId', 'messageId'],
  quote: ['accountId?', 'time?'],
  qtmeta: ['accountId', 'time?'],
  code: ['value'],
  preview: ['fileId', 'height?'],
  download: ['fileId'],
  task: ['accountIds', 'status', 'limitTime', 'limitType?'],
  dtext: ['key'],
  date: ['time'],
  live: ['id', 'roomId'],
}
