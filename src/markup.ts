/**
 * `chatwork-kit/markup`: the markup toolkit alone (parser, printer, tree
 * helpers), with no runtime dependencies.
 */
export type * from './nodes.ts'
export { parse, type ParseOptions } from './parse.ts'
export { stringify } from './stringify.ts'
export { escapeText, unescapeText, escapeCode, ESCAPE_MARK } from './escape.ts'
export { EMOTICONS, EXTENDED_EMOTICONS, type EmoticonInfo } from './emoticons.ts'
