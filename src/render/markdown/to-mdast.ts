/**
 * Chatwork's tree as an mdast tree (the syntax-tree ecosystem's Markdown
 * tree), which `toMarkdown` prints with its own printer (print-mdast.ts) and
 * which `mdast-util-to-markdown` prints too. Every piece of the message's
 * text becomes an mdast `text` node, which the printer escapes wherever it
 * would read as Markdown, so `*`, `_`, `#`, `<`, backticks and `|` stay text.
 */
import type { Break, Code as MdCode, Root as MdRoot, Text as MdText } from 'mdast'
import { toPlainText, unescapeText, type Content, type Locale, type Node, type Quote, type Reply, type Task } from '../../markup/index.ts'
import {
  checkAccounts,
  checkFiles,
  checkLocale,
  createDateFormat,
  downloadLabel,
  dtextSentence,
  hasDownloadLabel,
  EMOTICON_EMOJI,
  isWebUrl,
  RENDER_LABELS,
  replyIsLinked,
  resolveAccount,
  resolveFile,
  toTree,
  type Accounts,
  type DateFormat,
  type Files,
  type RenderLabels,
} from '../common/index.ts'
import type { ChatworkBlock, ChatworkBlockquote, ChatworkList, ChatworkParagraph, ChatworkPhrasing, ChatworkRoot, ChatworkStrong, ChatworkTaskItem } from './mdast-nodes.ts'

/**
 * Options of {@link toMdast} and `toMarkdown`.
 *
 * @example
 * const options: ToMarkdownOptions = {
 *   accounts: new Map([[1002, { name: 'Taro' }]]),
 *   messageUrl: (roomId, messageId) => `https://www.chatwork.com/#!rid${roomId}-${messageId}`,
 *   emoji: true,
 * }
 */
export interface ToMarkdownOptions {
  /** Names of accounts, for mentions, replies, quote headers and names; an unknown id shows as `@{id}` (`#{id}` for a name). */
  accounts?: Accounts
  /** Names and URLs of uploaded files, for `[download]` links and `[preview]` images. */
  files?: Files
  /** The URL of a message, to link replies; only `http:` and `https:` URLs are linked. */
  messageUrl?: (roomId: number, messageId: string) => string
  /** Emoticons as the Unicode emoji of `EMOTICON_EMOJI` where it has one (default false: their code, as written). */
  emoji?: boolean
  /** Language of system sentences, labels and dates (default `'en'`). */
  locale?: Locale
  /** IANA time zone of dates (default UTC). */
  timeZone?: string
  /**
   * How a line feed inside a paragraph is written (default {@link DEFAULT_LINE_BREAKS}):
   * `'hard'`, a Markdown hard break (`\` at the end of the line), which every
   * renderer shows as a line break, as Chatwork does; `'soft'`, a bare line
   * feed, which reads better as plain text (for a language model) and which
   * GitHub comments show as a break, but Markdown files join into one line.
   */
  lineBreaks?: 'hard' | 'soft'
}

/**
 * How line feeds inside a paragraph are written unless `lineBreaks` says otherwise.
 *
 * @example
 * toMarkdown('a\nb', { lineBreaks: DEFAULT_LINE_BREAKS }) // 'a\\\nb\n'
 */
export const DEFAULT_LINE_BREAKS = 'hard'

/** The options read once per render. */
interface Context {
  accounts: Accounts | undefined
  files: Files | undefined
  messageUrl: ((roomId: number, messageId: string) => string) | undefined
  emoji: boolean
  locale: Locale
  labels: RenderLabels
  dates: DateFormat
  hardBreaks: boolean
  /** How many quotes, infos, titles and tasks hold the content. */
  depth: number
}

/**
 * How deep quotes, infos, titles and tasks nest before the content deeper
 * down becomes plain text: Markdown readers show no more than a few levels
 * usefully, and neither this walk nor the printer may run out of stack.
 *
 * @example
 * toMarkdown('[qt]'.repeat(CHATWORK_NESTING_LIMIT + 1) + 'deep' + '[/qt]'.repeat(CHATWORK_NESTING_LIMIT + 1))
 */
export const CHATWORK_NESTING_LIMIT = 32

function context(options: ToMarkdownOptions): Context {
  if (typeof options !== 'object' || options === null) throw new TypeError('toMarkdown(): options must be an object')
  checkAccounts(options.accounts)
  checkFiles(options.files)
  if (options.messageUrl !== undefined && typeof options.messageUrl !== 'function') throw new TypeError('messageUrl must be a function (roomId, messageId) => string')
  const lineBreaks = options.lineBreaks ?? DEFAULT_LINE_BREAKS
  if (lineBreaks !== 'hard' && lineBreaks !== 'soft') throw new TypeError(`lineBreaks must be 'hard' or 'soft', got ${JSON.stringify(lineBreaks)}`)
  const locale = checkLocale(options.locale)
  return {
    accounts: options.accounts,
    files: options.files,
    messageUrl: options.messageUrl,
    emoji: options.emoji === true,
    locale,
    labels: RENDER_LABELS[locale],
    dates: createDateFormat(locale, options.timeZone),
    hardBreaks: lineBreaks === 'hard',
    depth: 0,
  }
}

/**
 * A Chatwork body or tree as an mdast tree, to print with
 * `mdast-util-to-markdown` or to hand to remark plugins. See `toMarkdown`
 * for what each node becomes.
 *
 * @example
 * toMdast('[info][title]Deploy[/title]Done[/info]')
 * // { type: 'root', children: [{ type: 'blockquote', children: [
 * //   { type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: 'Deploy' }] }] },
 * //   { type: 'paragraph', children: [{ type: 'text', value: 'Done' }] }] }] }
 */
export function toMdast(treeOrBody: Node | string, options: ToMarkdownOptions = {}): MdRoot {
  return chatworkMdast(treeOrBody, options)
}

/** {@link toMdast}, typed as the nodes it makes, which `toMarkdown`'s printer handles. */
export function chatworkMdast(treeOrBody: Node | string, options: ToMarkdownOptions): ChatworkRoot {
  const tree = toTree(treeOrBody)
  const ctx = context(options)
  return { type: 'root', children: flow(tree.type === 'root' ? tree.children : [tree], ctx) }
}

/** Text that ends a paragraph: two or more line feeds (a blank line). */
const PARAGRAPH_BREAK = /\n{2,}/

/**
 * Block content from Chatwork content: inline nodes and text gather into
 * paragraphs, which a blank line ends; blocks (quote, info, title, code, rule,
 * task) stand between them.
 */
function flow(children: readonly Content[], ctx: Context): ChatworkBlock[] {
  const into: Flow = { blocks: [], phrasing: [], afterBadge: false }
  addFlow(children, into, ctx)
  endParagraph(into)
  return into.blocks
}

/** Block content being gathered: the blocks so far, and the inline content of the paragraph being built. */
interface Flow {
  blocks: ChatworkBlock[]
  phrasing: ChatworkPhrasing[]
  /** Whether the last node was a badge (To, toall, reply), which reads as a word of its own: a space after it unless the text has one. */
  afterBadge: boolean
}

function addFlow(children: readonly Content[], into: Flow, ctx: Context): void {
  for (const node of children) {
    const spaced = into.afterBadge
    into.afterBadge = node.type === 'to' || node.type === 'toall' || node.type === 'reply'
    if (spaced && (into.afterBadge || node.type === 'link' || node.type === 'emoticon' || node.type === 'pname' || node.type === 'piconname')) into.phrasing.push(text(' '))
    switch (node.type) {
      case 'text': {
        const value = unescapeText(node.value)
        const pieces = (spaced && !/^\s/.test(value) ? ' ' + value : value).split(PARAGRAPH_BREAK)
        for (let i = 0; i < pieces.length; i++) {
          if (i > 0) endParagraph(into)
          lines(pieces[i], into.phrasing, ctx)
        }
        break
      }
      case 'quote':
      case 'info':
      case 'title':
      case 'code':
      case 'hr':
      case 'task':
        endParagraph(into)
        for (const produced of block(node, ctx)) into.blocks.push(produced)
        break
      case 'preview':
        // an image on a line of its own, as Chatwork shows it
        endParagraph(into)
        for (const produced of inline(node, ctx)) into.phrasing.push(produced)
        endParagraph(into)
        break
      case 'download':
        // content that is more than a label (a mention, a block) is shown as it is, as the other renderers do
        if (!hasDownloadLabel(node)) {
          if (ctx.depth >= CHATWORK_NESTING_LIMIT) lines(toPlainText(node, { locale: ctx.locale }), into.phrasing, ctx)
          else addFlow(node.children, into, { ...ctx, depth: ctx.depth + 1 })
          break
        }
        for (const produced of inline(node, ctx)) into.phrasing.push(produced)
        break
      default:
        for (const produced of inline(node, ctx)) into.phrasing.push(produced)
    }
  }
}

/** Ends the paragraph being built, adding it to the blocks unless it shows nothing. */
function endParagraph(into: Flow): void {
  const paragraph = trimParagraph(into.phrasing)
  if (paragraph !== undefined) into.blocks.push(paragraph)
  into.phrasing = []
}

/** Text with its line feeds as breaks (or kept, for soft breaks). */
function lines(value: string, into: ChatworkPhrasing[], ctx: Context): void {
  if (value === '') return
  if (!ctx.hardBreaks) {
    into.push(text(value))
    return
  }
  const split = value.split('\n')
  for (let i = 0; i < split.length; i++) {
    if (i > 0) into.push({ type: 'break' } satisfies Break)
    if (split[i] !== '') into.push(text(split[i]))
  }
}

/** A paragraph of `phrasing` without the line breaks at its start and the breaks and white space at its end, which show nothing, or nothing when it shows nothing. */
function trimParagraph(phrasing: ChatworkPhrasing[]): ChatworkParagraph | undefined {
  let start = 0
  let end = phrasing.length
  while (start < end && isBreak(phrasing[start])) start++
  while (end > start && isBlank(phrasing[end - 1])) end--
  const children = phrasing.slice(start, end)
  const last = children.length - 1
  if (last >= 0 && children[0].type === 'text') children[0] = text(children[0].value.replace(/^\n+/, ''))
  // trailing white space shows nothing (and Markdown would have to encode it)
  if (last >= 0 && children[last].type === 'text') children[last] = text((children[last] as MdText).value.replace(/[ \t\n]+$/, ''))
  const shows = children.some((node) => (node.type === 'text' ? node.value.trim() !== '' : node.type !== 'break'))
  return shows ? { type: 'paragraph', children } : undefined
}

function isBreak(node: ChatworkPhrasing): boolean {
  return node.type === 'break' || (node.type === 'text' && /^\n*$/.test(node.value))
}

function isBlank(node: ChatworkPhrasing): boolean {
  return node.type === 'break' || (node.type === 'text' && /^[ \t\n]*$/.test(node.value))
}

function text(value: string): MdText {
  return { type: 'text', value }
}

function strong(value: string): ChatworkStrong {
  return { type: 'strong', children: [text(value)] }
}

/** `@Name`, or `@{id}` for an account `accounts` does not know. */
function mention(accountId: number, ctx: Context): string {
  return `@${resolveAccount(ctx.accounts, accountId)?.name ?? accountId}`
}

/** A display name, or `#{id}` for an account `accounts` does not know. */
function displayName(accountId: number, ctx: Context): string {
  return resolveAccount(ctx.accounts, accountId)?.name ?? `#${accountId}`
}

function inline(node: Exclude<Content, { type: 'text' | 'quote' | 'info' | 'title' | 'code' | 'hr' | 'task' }>, ctx: Context): ChatworkPhrasing[] {
  switch (node.type) {
    case 'to':
      return [text(mention(node.accountId, ctx))]
    case 'toall':
      return [text('@all')]
    case 'reply':
      return [replyChip(node, ctx)]
    case 'qtmeta':
      return attribution(node.accountId, node.time, ctx)
    case 'picon': {
      const account = resolveAccount(ctx.accounts, node.accountId)
      return isWebUrl(account?.avatarUrl) ? [{ type: 'image', url: account.avatarUrl, alt: account.name }] : []
    }
    case 'pname':
    case 'piconname':
      return [text(displayName(node.accountId, ctx))]
    case 'preview': {
      const file = resolveFile(ctx.files, node.fileId)
      const name = file?.name ?? `file ${node.fileId}`
      const url = isWebUrl(file?.previewUrl) ? file.previewUrl : isWebUrl(file?.url) ? file.url : undefined
      return url === undefined ? [text(`[${name}]`)] : [{ type: 'image', url, alt: name }]
    }
    case 'download': {
      const file = resolveFile(ctx.files, node.fileId)
      const { name, size } = downloadLabel(node, file)
      const label = text(size === undefined ? name : `${name} (${size})`)
      return isWebUrl(file?.url) ? [{ type: 'link', url: file.url, children: [label] }] : [label]
    }
    case 'dtext':
      return [text(dtextSentence(node.key, ctx.locale))]
    case 'date':
      return [text(ctx.dates.date(node.time)?.text ?? String(node.time))]
    case 'live':
      return [text(ctx.labels.live)]
    case 'emoticon': {
      const emoji = ctx.emoji ? EMOTICON_EMOJI[node.code]?.unicode : undefined
      return [text(emoji ?? node.code)]
    }
    case 'link':
      return isWebUrl(node.url) ? [{ type: 'link', url: node.url, children: [text(node.url)] }] : [text(node.url)]
    case 'deleted':
      return []
  }
}

/** `↩ @Name`, linked to the message replied to when `messageUrl` gives an http(s) URL and the reply's target is well formed. */
function replyChip(node: Reply, ctx: Context): ChatworkPhrasing {
  const label = text(`↩ ${mention(node.accountId, ctx)}`)
  const url = ctx.messageUrl !== undefined && replyIsLinked(node) ? ctx.messageUrl(node.roomId, node.messageId) : undefined
  return isWebUrl(url) ? { type: 'link', url, children: [label] } : label
}

/** A quote's header: the author in bold (unless the name is empty, which would print as `****`, a rule), then the date when known. */
function attribution(accountId: number, time: number | undefined, ctx: Context): ChatworkPhrasing[] {
  const name = displayName(accountId, ctx)
  const header: ChatworkPhrasing[] = name === '' ? [] : [strong(name)]
  if (time !== undefined) header.push(text(`${header.length > 0 ? ' · ' : ''}${ctx.dates.dateTime(time)?.text ?? String(time)}`))
  return header
}

function block(node: Extract<Content, { type: 'quote' | 'info' | 'title' | 'code' | 'hr' | 'task' }>, outer: Context): ChatworkBlock[] {
  if (outer.depth >= CHATWORK_NESTING_LIMIT && node.type !== 'code' && node.type !== 'hr') {
    const phrasing: ChatworkPhrasing[] = []
    lines(toPlainText(node, { locale: outer.locale }), phrasing, outer)
    const paragraph = trimParagraph(phrasing)
    return paragraph === undefined ? [] : [paragraph]
  }
  const ctx = { ...outer, depth: outer.depth + 1 }
  switch (node.type) {
    case 'quote':
      return [quote(node, ctx)]
    case 'info':
      return [{ type: 'blockquote', children: flow(node.children, ctx) }]
    case 'title':
      // a heading line: each paragraph of it bold, anything else in it kept as it is
      return flow(node.children, ctx).map((child) => (child.type === 'paragraph' ? { type: 'paragraph', children: [{ type: 'strong', children: child.children }] } : child))
    case 'code':
      return [code(node.value)]
    case 'hr':
      return [{ type: 'thematicBreak' }]
    case 'task':
      return [task(node, ctx)]
  }
}

function quote(node: Quote, ctx: Context): ChatworkBlockquote {
  const children = flow(node.children, ctx)
  const header = node.accountId === undefined ? [] : attribution(node.accountId, node.time, ctx)
  if (header.length > 0) children.unshift({ type: 'paragraph', children: header })
  return { type: 'blockquote', children }
}

/** Code as Chatwork shows it: without the one leading line feed it hides, and without a last line feed, which shows nothing. */
function code(value: string): MdCode {
  return { type: 'code', value: unescapeText(value).replace(/^\n/, '').replace(/\n$/, '') }
}

/**
 * A task as a GitHub task list item: its body, then the assignees and the due
 * date; these come first when the body does not start with a paragraph, since
 * a checkbox stands only before one.
 */
function task(node: Task, ctx: Context): ChatworkList {
  const content = flow(node.children, ctx)
  const due = node.limitTime === 0 ? ctx.labels.noDueDate : `${ctx.labels.due} ${ctx.dates.date(node.limitTime)?.text ?? node.limitTime}`
  const details = text(`${node.accountIds.map((id) => mention(id, ctx)).join(', ')} · ${due}`)
  const first = content[0]
  let children: ChatworkTaskItem['children']
  if (first?.type !== 'paragraph') children = [{ type: 'paragraph', children: [details] }, ...content]
  else {
    const last = content[content.length - 1]
    if (last.type === 'paragraph') last.children.push(text(' — '), details)
    else content.push({ type: 'paragraph', children: [details] })
    children = [first, ...content.slice(1)]
  }
  const item: ChatworkTaskItem = { type: 'listItem', checked: node.status === 'done', spread: false, children }
  return { type: 'list', ordered: false, spread: false, children: [item] }
}
