import { canonical, type Item } from './canonical.ts'
import { escapeCode } from './escape.ts'
import { message, MessageBuilder } from './builder.ts'
import type { Content, Node, Root } from './nodes.ts'
import { parse } from './parse.ts'
import { describe } from './validate.ts'
import { visit } from './visit.ts'

/**
 * What may be interpolated into {@link cw}: text (strings, numbers, bigints),
 * or structure (nodes, builders). Arrays insert each element.
 *
 * @example
 * cw`${'text'} ${42} ${to(1)} ${message().hr()} ${[to(2), ' and ', to(3)]}`
 */
export type Interpolation = string | number | bigint | Content | Root | MessageBuilder | readonly Interpolation[]

/** First character tried as the stand-in for interpolations: the start of the Private Use Area. */
const FIRST_MARK = 0xe000

/**
 * A tagged template for messages: the literal parts are markup, parsed as
 * Chatwork parses them (then printed canonically); interpolated strings and
 * numbers are text, escaped like {@link MessageBuilder.text}; interpolated
 * nodes and builders are inserted as structure. Inside `[code]…[/code]`,
 * interpolated text is escaped like `code()`. Returns a builder.
 *
 * An interpolation inside a tag, such as `[To:${id}]`, would only ever be text,
 * so it throws a TypeError: interpolate a node instead, `${to(id)}`.
 *
 * @example
 * const user = '[toall] Mallory'
 * cw`[info][title]New member[/title]${user} joined ${to(42)}[/info]`.toString()
 * // '[info][title]New member[/title][\u200Btoall] Mallory joined [To:42][/info]'
 */
export function cw(strings: TemplateStringsArray, ...values: readonly Interpolation[]): MessageBuilder {
  if (values.length !== strings.length - 1) throw new TypeError(`cw: ${strings.length} literal parts need ${strings.length - 1} values, got ${values.length}`)
  for (const literal of strings) if (literal === undefined) throw new TypeError('cw: a literal part has an invalid escape sequence')
  rejectInterpolationsInTags(strings)
  const mark = markFor(strings)
  let body = strings[0]
  for (let i = 1; i < strings.length; i++) body += `${mark}${i - 1}${mark}${strings[i]}`
  const tree = parse(body, { positions: false })
  const used = new Set<number>()
  const split = new RegExp(`${mark}(\\d+)${mark}`)
  const take = (index: string): Interpolation => {
    const i = Number(index)
    used.add(i)
    return values[i]
  }
  const parents: { children: Item[] }[] = []
  visit(tree, (node) => {
    if ('children' in node) parents.push(node as { children: Item[] })
  })
  for (const parent of parents) {
    const children: Item[] = []
    for (const child of parent.children) {
      if (typeof child === 'object' && 'type' in child && child.type === 'text' && child.value.includes(mark)) {
        child.value.split(split).forEach((piece, k) => {
          if (k % 2 === 1) children.push(item(take(piece), Number(piece)))
          else if (piece !== '') children.push({ type: 'text', value: piece })
        })
      } else if (typeof child === 'object' && 'type' in child && child.type === 'code' && child.value.includes(mark)) {
        const value = child.value
          .split(split)
          .map((piece, k) => (k % 2 === 1 ? codeText(take(piece), Number(piece)) : piece))
          .join('')
        children.push({ type: 'code', value })
      } else {
        children.push(child)
      }
    }
    parent.children = children
  }
  if (used.size !== values.length) throw new TypeError('cw: an interpolation is inside a tag; interpolate a node instead')
  return message().append(tree)
}

/** An interpolation in text: strings and numbers are text, nodes and builders structure. */
function item(value: Interpolation, index: number): Item {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (value instanceof MessageBuilder) return value
  if (Array.isArray(value)) return { type: 'root', children: value.map((element) => item(element, index)) }
  if (typeof value === 'object' && value !== null && typeof (value as Node).type === 'string') {
    return { type: 'root', children: canonical([value as Node], false, `cw: interpolation ${index + 1}`) }
  }
  throw new TypeError(`cw: interpolation ${index + 1} must be a string, a number, a node, a builder or an array of them, got ${describe(value)}`)
}

/** An interpolation in code, which holds only text. */
function codeText(value: Interpolation, index: number): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return escapeCode(String(value))
  if (Array.isArray(value)) return value.map((element) => codeText(element, index)).join('')
  throw new TypeError(`cw: interpolation ${index + 1} is inside [code]…[/code], which holds only text, got ${describe(value)}`)
}

/** A character that no literal part contains, to stand in for the interpolations while parsing. */
function markFor(strings: readonly string[]): string {
  for (let code = FIRST_MARK; ; code++) {
    const mark = String.fromCharCode(code)
    if (!strings.some((literal) => literal.includes(mark))) return mark
  }
}

/**
 * Throws when an interpolation sits inside a tag (`[To:${id}]`), where it
 * could only be text. Checked with a probe in which every interpolation is the
 * digit 1, which forms a tag wherever any value could.
 */
function rejectInterpolationsInTags(strings: readonly string[]): void {
  if (strings.length === 1) return
  const offsets: number[] = []
  let probe = strings[0]
  for (let i = 1; i < strings.length; i++) {
    offsets.push(probe.length)
    probe += '1' + strings[i]
  }
  const inside = (start: number, end: number, spelling: string): void => {
    const index = offsets.findIndex((offset) => offset >= start && offset < end)
    if (index !== -1) {
      throw new TypeError(`cw: interpolation ${index + 1} is inside the tag ${spelling}, where it could only be text; interpolate a node instead, such as \${to(id)}`)
    }
  }
  visit(parse(probe), (node) => {
    if (node.position === undefined || node.type === 'root') return
    const start = node.position.start.offset
    const end = node.position.end.offset
    if ('source' in node && node.source !== undefined) inside(start, end, node.source)
    if ('open' in node && node.open !== undefined) inside(start, start + node.open.length + ('meta' in node ? (node.meta?.length ?? 0) : 0), node.open)
    if ('close' in node && node.close !== undefined) {
      const closeEnd = end - ('lineFeed' in node && node.lineFeed ? 1 : 0)
      inside(closeEnd - node.close.length, closeEnd, node.close)
    }
  })
}
