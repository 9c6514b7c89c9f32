/**
 * Markdown (a language model's answer, a README, an issue) as Chatwork
 * markup that reads well in a room. Parsed by `mdast-util-from-markdown` with
 * GitHub's extensions, then built as this library's nodes through the
 * builder's canonical form, so every piece of text is escaped: nothing in the
 * Markdown can become a tag, and no one is mentioned unless `mentions` says so.
 */
import type { Nodes as MdNode, List, ListItem, PhrasingContent, Root as MdRoot, RootContent, Table } from 'mdast'
import { fromMarkdown as parseMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { canonical, type Draft, type Item } from '../../markup/canonical.ts'
import { escapeCode, type Code, type Root } from '../../markup/index.ts'
import { mentionMatcher, type MarkdownMentions, type MentionMatcher } from './mentions.ts'
import { alignTable, displayWidth } from './table.ts'

/**
 * Options of {@link fromMarkdown}.
 *
 * @example
 * const options: FromMarkdownOptions = { mentions: { '@taro': 1002, '@all': 'toall' }, sections: 'info' }
 */
export interface FromMarkdownOptions {
  /** The only way to mention: exact `@handles` that become `[To:id]` (followed by the name) or `[toall]`; none by default. Not inside quotes, where Chatwork notifies no one. */
  mentions?: MarkdownMentions
  /** A heading becomes a `[title]` line (`'title'`, the default, {@link DEFAULT_SECTIONS}) or, with `'info'`, a `[title]` heading an `[info]` box that holds its section. */
  sections?: 'title' | 'info'
}

/**
 * How headings become markup unless `sections` says otherwise.
 *
 * @example
 * fromMarkdown('# A', { sections: DEFAULT_SECTIONS })
 */
export const DEFAULT_SECTIONS = 'title'

/** The indentation of a nested list's lines, per level (Chatwork keeps leading spaces). */
const LIST_INDENT = '  '
const BULLET = '・'
const TASK_OPEN = '☐ '
const TASK_DONE = '☑ '

const MICROMARK_EXTENSIONS = [gfm()]
const MDAST_EXTENSIONS = [gfmFromMarkdown()]

interface Context {
  mentions: MentionMatcher | undefined
  sectionsInInfo: boolean
  /** Link and image definitions by identifier, for references. */
  definitions: Map<string, string>
  /** Inside a quote, where a mention notifies no one: handles stay text. */
  inQuote: boolean
  /** How many quotes, lists and footnotes hold the content. */
  depth: number
}

/**
 * How deep quotes, lists and footnotes nest before the content deeper down
 * becomes plain lines: Chatwork shows no more than a few levels usefully, and
 * the walk must not run out of stack on hostile input.
 *
 * @example
 * fromMarkdown('>'.repeat(MARKDOWN_NESTING_LIMIT + 1) + ' deep') // quotes to the limit, then the text
 */
export const MARKDOWN_NESTING_LIMIT = 32

/**
 * A piece of the message: lines of text (paragraphs, list lines, tables are
 * blocks), or a block. `tight` text follows the text before it on the next
 * line instead of after a blank line (the lines of a list).
 */
type Flow = { kind: 'text'; items: Item[]; tight?: boolean } | { kind: 'block'; item: Item }

/**
 * Markdown as a tree of Chatwork nodes, to send with `stringify` (or a
 * client's `messages.send`). What each construct becomes:
 * - headings `[title]` lines (with `sections: 'info'`, an `[info]` box with
 *   the heading as its title, holding the section up to the next heading of
 *   the same or a higher level; subsections nest);
 * - fenced and indented code `[code]`; tables a column-aligned `[code]`
 *   block; blockquotes `[qt]`; thematic breaks `[hr]`;
 * - lists `・` or numbered lines, nested by indentation; task list items
 *   `☐`/`☑`; paragraphs text separated by a blank line;
 * - links `text (url)`, just the url when the text is the url; images their
 *   url; emphasis, strong, strikethrough and inline code their text; raw HTML
 *   the text as written; footnotes `[^label]`.
 *
 * It never mentions anyone by accident: all text is escaped as the builder's
 * (Markdown holding `[toall]` or `[To:1]` stays text, in code too), and
 * mentions exist only for the `@handles` of `mentions`. The result lints
 * clean (no errors or warnings); empty blocks are left out. Bodies longer than
 * Chatwork's limit are not cut: check with `lint` before sending.
 *
 * @example
 * stringify(fromMarkdown('# Release\n- **fast** [docs](https://example.com/docs)\n- [ ] ship [toall]'))
 * // '[title]Release[/title]・fast docs (https://example.com/docs)\n・☐ ship [\u200Btoall]'
 */
export function fromMarkdown(markdown: string, options: FromMarkdownOptions = {}): Root {
  if (typeof markdown !== 'string') throw new TypeError(`fromMarkdown(): markdown must be a string, got ${markdown === null ? 'null' : typeof markdown}`)
  if (typeof options !== 'object' || options === null) throw new TypeError('fromMarkdown(): options must be an object')
  const sections = options.sections ?? DEFAULT_SECTIONS
  if (sections !== 'title' && sections !== 'info') throw new TypeError(`fromMarkdown(): sections must be 'title' or 'info', got ${JSON.stringify(sections)}`)
  const tree = parseMarkdown(markdown, { extensions: MICROMARK_EXTENSIONS, mdastExtensions: MDAST_EXTENSIONS })
  const ctx: Context = { mentions: mentionMatcher(options.mentions), sectionsInInfo: sections === 'info', definitions: definitions(tree), inQuote: false, depth: 0 }
  return { type: 'root', children: canonical(join(flows(tree.children, ctx)), true, 'fromMarkdown()') }
}

/** The url of every definition, by identifier; the first of an identifier wins, as in CommonMark. */
function definitions(tree: MdRoot): Map<string, string> {
  const found = new Map<string, string>()
  const pending: MdNode[] = [tree]
  while (pending.length > 0) {
    const node = pending.pop()!
    if (node.type === 'definition') {
      if (!found.has(node.identifier)) found.set(node.identifier, node.url)
    } else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') {
      // definitions are flow content: phrasing never holds one
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i] as MdNode)
    }
  }
  return found
}

/** The items of a sequence of flows: a blank line between two texts, a line feed between text and the block after it. */
function join(sequence: readonly Flow[]): Item[] {
  const items: Item[] = []
  let previous: Flow | undefined
  for (const flow of sequence) {
    if (previous?.kind === 'text') items.push(flow.kind === 'text' && !flow.tight ? '\n\n' : '\n')
    if (flow.kind === 'text') for (const produced of flow.items) items.push(produced)
    else items.push(flow.item)
    previous = flow
  }
  return items
}

/** Whether items show nothing: only blank text. */
function isBlank(items: readonly Item[]): boolean {
  return items.every((item) => typeof item === 'string' && item.trim() === '')
}

function flows(children: readonly RootContent[], ctx: Context): Flow[] {
  const out: Flow[] = []
  for (let i = 0; i < children.length; i++) {
    const node = children[i]
    if (node.type === 'heading' && ctx.sectionsInInfo) {
      // the section: up to the next heading of the same or a higher level
      let end = i + 1
      while (end < children.length && !(children[end].type === 'heading' && (children[end] as { depth: number }).depth <= node.depth)) end++
      const heading = phrasing(node.children, ctx)
      const content = join(flows(children.slice(i + 1, end), ctx))
      const box: Item[] = isBlank(heading) ? content : [{ type: 'title', children: heading } satisfies Draft, ...content]
      if (!isBlank(box)) out.push({ kind: 'block', item: { type: 'info', children: box } satisfies Draft })
      i = end - 1
      continue
    }
    for (const produced of flow(node, ctx)) out.push(produced)
  }
  return out
}

function flow(node: RootContent, ctx: Context): Flow[] {
  if (ctx.depth >= MARKDOWN_NESTING_LIMIT && (node.type === 'blockquote' || node.type === 'list' || node.type === 'footnoteDefinition')) {
    const value = flatText(node)
    return value.trim() === '' ? [] : [{ kind: 'text', items: [value] }]
  }
  switch (node.type) {
    case 'paragraph': {
      const items = phrasing(node.children, ctx)
      return isBlank(items) ? [] : [{ kind: 'text', items }]
    }
    case 'heading': {
      const items = phrasing(node.children, ctx)
      return isBlank(items) ? [] : [{ kind: 'block', item: { type: 'title', children: items } satisfies Draft }]
    }
    case 'code':
      return codeBlock(node.value)
    case 'blockquote': {
      const items = join(flows(node.children, { ...ctx, inQuote: true, depth: ctx.depth + 1 }))
      return isBlank(items) ? [] : [{ kind: 'block', item: { type: 'quote', children: items } satisfies Draft }]
    }
    case 'thematicBreak':
      return [{ kind: 'block', item: { type: 'hr' } }]
    case 'list':
      return list(node, 0, ctx)
    case 'table':
      return codeBlock(table(node, ctx))
    case 'html':
      return node.value.trim() === '' ? [] : [{ kind: 'text', items: [node.value] }]
    case 'definition':
      return []
    case 'footnoteDefinition': {
      const content = flows(node.children, { ...ctx, depth: ctx.depth + 1 })
      const label = `[^${node.label ?? node.identifier}]: `
      if (content[0]?.kind === 'text') content[0] = { kind: 'text', items: [label, ...content[0].items] }
      else content.unshift({ kind: 'text', items: [label.trimEnd()] })
      return content
    }
    default: {
      // phrasing where flow content was expected, or a construct of a future extension: its text
      const items = phrasing([node as PhrasingContent], ctx)
      return isBlank(items) ? [] : [{ kind: 'text', items }]
    }
  }
}

/** Marks `[` before a To, toall or reply written in code: Chatwork may or may not notify for those (spec §8). */
const MENTION_IN_CODE = /\[(?=(?:to|toall|rp)[\s:\]])/gi

/**
 * A `[code]` block of `value`, or nothing when it would be blank. Escaped as
 * the builder escapes code, and a mention written in it gets the same mark as
 * in text. Chatwork hides one leading line feed, so a value that starts with
 * one gets another.
 */
function codeBlock(value: string): Flow[] {
  if (value.trim() === '') return []
  const escaped = escapeCode(value).replace(MENTION_IN_CODE, '[\u200B')
  const node: Code = { type: 'code', value: escaped.startsWith('\n') ? '\n' + escaped : escaped }
  return [{ kind: 'block', item: node }]
}

/** A list as lines: `・` or `1.` (from the list's start), `☐`/`☑` for task items, nested lists indented. */
function list(node: List, depth: number, ctx: Context): Flow[] {
  const out: Flow[] = []
  const start = node.start ?? 1
  node.children.forEach((item, i) => {
    const marker = node.ordered ? `${start + i}. ` : BULLET
    const check = item.checked === true ? TASK_DONE : item.checked === false ? TASK_OPEN : ''
    for (const produced of listItem(item, LIST_INDENT.repeat(depth), marker + check, depth, { ...ctx, depth: ctx.depth + 1 })) out.push(produced)
  })
  // a list starts after a blank line, as a paragraph does; a nested one goes on the next line
  if (depth === 0 && out[0]?.kind === 'text') out[0] = { ...out[0], tight: false }
  return out
}

function listItem(item: ListItem, indent: string, marker: string, depth: number, ctx: Context): Flow[] {
  const out: Flow[] = []
  let first = true
  // the first line has the marker; its other lines, and later paragraphs of the item, line up under its text
  const hanging = indent + ' '.repeat(displayWidth(marker))
  const line = (items: Item[]): void => {
    const indented = items.map((item) => (typeof item === 'string' ? item.replaceAll('\n', '\n' + hanging) : item))
    out.push({ kind: 'text', items: [first ? indent + marker : hanging, ...indented], tight: true })
    first = false
  }
  for (const child of item.children) {
    if (child.type === 'paragraph') line(phrasing(child.children, ctx))
    else if (child.type === 'list' && ctx.depth < MARKDOWN_NESTING_LIMIT) {
      if (first) line([])
      for (const produced of list(child, depth + 1, ctx)) out.push(produced)
    } else {
      if (first) line([])
      for (const produced of flow(child, ctx)) out.push(produced)
    }
  }
  if (first) line([])
  return out
}

/**
 * The text of content nested past {@link MARKDOWN_NESTING_LIMIT}, walked
 * without recursion: its text and code, a line feed between blocks.
 */
function flatText(node: MdNode): string {
  let out = ''
  const pending: (MdNode | '\n')[] = [node]
  while (pending.length > 0) {
    const next = pending.pop()!
    if (next === '\n') {
      if (out !== '' && !out.endsWith('\n')) out += '\n'
    } else if ('children' in next) {
      for (let i = next.children.length - 1; i >= 0; i--) {
        const child = next.children[i] as MdNode
        pending.push(child)
        if (child.type === 'paragraph' || child.type === 'listItem' || child.type === 'code' || child.type === 'heading' || child.type === 'tableRow') pending.push('\n')
      }
    } else if ('value' in next) {
      out += next.value
    } else if (next.type === 'image') out += next.url
    else if (next.type === 'break') out += '\n'
  }
  return out
}

/** A table's cells as text, aligned in columns. */
function table(node: Table, ctx: Context): string {
  const rows = node.children.map((row) => row.children.map((cell) => plain(phrasing(cell.children, { ...ctx, mentions: undefined }))))
  return alignTable(rows, node.align ?? [])
}

/** Strings of items made without mentions. */
function plain(items: readonly Item[]): string {
  return items.map((item) => (typeof item === 'string' ? item : '')).join('')
}

/** Inline content as items: text (with the handles of `mentions` outside quotes) and mention tags. */
function phrasing(children: readonly PhrasingContent[], ctx: Context): Item[] {
  const items: Item[] = []
  const mentions = ctx.inQuote ? undefined : ctx.mentions
  // iterative: emphasis can nest deeper than the stack
  const pending: PhrasingContent[] = []
  for (let i = children.length - 1; i >= 0; i--) pending.push(children[i])
  while (pending.length > 0) {
    const node = pending.pop()!
    switch (node.type) {
      case 'text':
        if (mentions === undefined) items.push(node.value)
        else mentions.apply(node.value, items)
        break
      case 'inlineCode':
      case 'html':
        items.push(node.value)
        break
      case 'break':
        items.push('\n')
        break
      case 'link':
        items.push(linkText(plain(phrasing(node.children, { ...ctx, mentions: undefined })), node.url))
        break
      case 'linkReference': {
        const label = plain(phrasing(node.children, { ...ctx, mentions: undefined }))
        const url = ctx.definitions.get(node.identifier)
        items.push(url === undefined ? label : linkText(label, url))
        break
      }
      case 'image':
        items.push(node.url)
        break
      case 'imageReference':
        items.push(ctx.definitions.get(node.identifier) ?? node.alt ?? '')
        break
      case 'footnoteReference':
        items.push(`[^${node.label ?? node.identifier}]`)
        break
      default:
        // emphasis, strong, delete and any phrasing a future extension adds: their content
        if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i] as PhrasingContent)
        else if (typeof (node as { value?: unknown }).value === 'string') items.push((node as { value: string }).value)
    }
  }
  return items
}

/** `text (url)`, or the url alone when the text says no more than it (`<https://…>`, `www.…`, `<a@b.c>`). */
function linkText(text: string, url: string): string {
  const label = text.trim()
  if (`mailto:${label}` === url) return text
  if (label === '' || label === url || `http://${label}` === url || `https://${label}` === url) return url
  return url === '' ? text : `${text} (${url})`
}
