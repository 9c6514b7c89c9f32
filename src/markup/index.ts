/** The markup part: the tree, its parser and printer, the builder and template, and the helpers that read a tree. */
export type * from './nodes.ts'
export { parse, type ParseOptions } from './parse.ts'
export { stringify } from './stringify.ts'
export { toPlainText, type PlainTextOptions } from './plain-text.ts'
export { mentions, type Mentions, type ReplyRef } from './mentions.ts'
export { visit, CONTINUE, SKIP, EXIT, type Visitor, type VisitorResult, type Test } from './visit.ts'
export { DTEXT, type Locale } from './dtext.ts'
export { escapeText, unescapeText, escapeCode, ESCAPE_MARK } from './escape.ts'
export {
  text,
  to,
  toAll,
  reply,
  quote,
  info,
  title,
  hr,
  code,
  picon,
  pname,
  piconname,
  preview,
  root,
  type Child,
  type MessageRef,
  type QuoteMeta,
} from './factories.ts'
export { message, MessageBuilder, type MessageContent } from './builder.ts'
export { cw, type Interpolation } from './template.ts'
export { EMOTICON_CODES, EXTENDED_EMOTICON_CODES, type EmoticonCode } from './emoticons.ts'
export { EMOTICONS, type EmoticonInfo } from './emoticon-labels.ts'
