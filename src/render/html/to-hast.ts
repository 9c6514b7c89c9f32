import type { Element, ElementContent, Properties, Root as HastRoot } from 'hast'
import { EMOTICONS, type Content, type Download, type Node, type Preview, type Quote, type Reply, type Task } from '../../markup/index.ts'
import { downloadLabel, dtextSentence, hasDownloadLabel, isWebUrl, replyIsLinked, resolveAccount, resolveFile, toTree, type FormattedDate } from '../common/index.ts'
import { htmlContext, MAX_NESTING, type HtmlContext, type HtmlOptions } from './options.ts'

/**
 * A Chatwork message as a hast tree (the syntax-tree ecosystem's HTML tree,
 * so it plugs into rehype), shown as Chatwork's web client shows it (markup
 * spec §4): one `div.cw-message` whose text keeps its line breaks (the
 * stylesheet sets `white-space: pre-wrap`), To and reply chips, quote boxes
 * with their headers, info boxes, code verbatim in `pre > code`, tasks as
 * panels, `[dtext]` as its sentence, dates in the locale and time zone,
 * emoticons, and links for `http:` and `https:` URLs only. Every class name
 * starts with `cw-` (see `CHATWORK_CSS` and the README for the list); the
 * only inline style is a preview's height. Text and attributes are values of
 * the tree, so nothing in the body or the options can become markup.
 *
 * @example
 * toHast('[To:1] Hi', { accounts: new Map([[1, { name: 'Taro' }]]) })
 * // root{ div.cw-message{ span.cw-to{ span.cw-badge "To", span.cw-avatar, span.cw-name "Taro" }, " Hi" } }
 */
export function toHast(treeOrBody: Node | string, options?: HtmlOptions): HastRoot {
  const tree = toTree(treeOrBody)
  const context = htmlContext(options)
  const message = element('div', ['cw-message'], {}, [])
  if (tree.type === 'root') renderChildren(tree.children, context, 0, message.children)
  else renderNode(tree, context, 0, message.children)
  return { type: 'root', children: [message] }
}

function element(tagName: string, className: string[], properties: Properties, children: ElementContent[]): Element {
  // the class first, as people write it
  return { type: 'element', tagName, properties: className.length === 0 ? properties : { className, ...properties }, children }
}

function textNode(value: string): ElementContent {
  return { type: 'text', value }
}

function renderChildren(children: readonly Content[], context: HtmlContext, depth: number, into: ElementContent[]): void {
  for (const child of children) renderNode(child, context, depth, into)
}

function renderNode(node: Content, context: HtmlContext, depth: number, into: ElementContent[]): void {
  if ('children' in node && depth >= MAX_NESTING) {
    renderFlat(node, context, into)
    return
  }
  switch (node.type) {
    case 'text':
      if (node.value !== '') into.push(textNode(node.value))
      return
    case 'to':
      into.push(chip('span', 'cw-to', context.labels.to, node.accountId, {}, context))
      return
    case 'toall':
      into.push(element('span', ['cw-toall'], {}, [element('span', ['cw-badge'], {}, [textNode(context.labels.toAll)])]))
      return
    case 'reply':
      into.push(replyChip(node, context))
      return
    case 'quote':
      into.push(quoteBox(node, context, depth))
      return
    case 'qtmeta':
      into.push(element('span', ['cw-qtmeta'], {}, quoteHeader(node, context)))
      return
    case 'info':
      into.push(block('div', 'cw-info', node.children, context, depth))
      return
    case 'title':
      into.push(block('div', 'cw-title', node.children, context, depth))
      return
    case 'hr':
      into.push(element('hr', ['cw-hr'], {}, []))
      return
    case 'code': {
      // Chatwork does not show the one line feed that starts the content
      const value = node.value.startsWith('\n') ? node.value.slice(1) : node.value
      into.push(element('pre', ['cw-code'], {}, [element('code', [], {}, value === '' ? [] : [textNode(value)])]))
      return
    }
    case 'picon': {
      const account = resolveAccount(context.accounts, node.accountId)
      into.push(avatar(account?.name ?? `#${node.accountId}`, account?.avatarUrl, true))
      return
    }
    case 'pname':
      into.push(accountName(node.accountId, context))
      return
    case 'piconname':
      into.push(piconname(node.accountId, context))
      return
    case 'preview':
      into.push(preview(node, context))
      return
    case 'download':
      into.push(download(node, context, depth))
      return
    case 'task':
      into.push(taskPanel(node, context, depth))
      return
    case 'dtext': {
      const sentence = dtextSentence(node.key, context.locale)
      if (sentence !== '') into.push(textNode(sentence))
      return
    }
    case 'deleted':
      into.push(element('span', ['cw-deleted'], {}, []))
      return
    case 'date':
      into.push(time('cw-date', context.dates.date(node.time), node.time))
      return
    case 'live':
      into.push(element('span', ['cw-live'], {}, [textNode(context.labels.live)]))
      return
    case 'emoticon':
      into.push(emoticon(node.code, node.name, context))
      return
    case 'link':
      // a tree made by hand may hold any string here: only web URLs become links
      into.push(isWebUrl(node.url) ? element('a', ['cw-link'], linkProperties(node.url, context), [textNode(node.url)]) : textNode(node.url))
      return
    default:
      unknownNode(node)
  }
}

/**
 * A block past {@link MAX_NESTING}: its content without frames, walked with
 * a stack of its own so that no depth of nesting can exhaust the call stack.
 */
function renderFlat(node: Content, context: HtmlContext, into: ElementContent[]): void {
  const pending: Content[] = [node]
  while (pending.length > 0) {
    const next = pending.pop()!
    if ('children' in next) {
      for (let i = next.children.length - 1; i >= 0; i--) pending.push(next.children[i])
    } else {
      renderNode(next, context, 0, into)
    }
  }
}

function block(tagName: string, className: string, children: readonly Content[], context: HtmlContext, depth: number): Element {
  const out = element(tagName, [className], {}, [])
  renderChildren(children, context, depth + 1, out.children)
  return out
}

function linkProperties(href: string, context: HtmlContext): Properties {
  const properties: Properties = { href }
  if (context.linkTarget !== undefined) properties.target = context.linkTarget
  if (context.linkRel !== undefined) properties.rel = context.linkRel
  return properties
}

function avatar(name: string, url: string | undefined, alone: boolean): Element {
  // beside a visible name, the image says nothing more to a screen reader
  if (isWebUrl(url)) return element('img', ['cw-avatar'], { src: url, alt: alone ? name : '' }, [])
  return element('span', ['cw-avatar'], alone ? { title: name } : {}, [])
}

function accountName(accountId: number, context: HtmlContext): Element {
  const account = resolveAccount(context.accounts, accountId)
  return element('span', ['cw-name'], {}, [textNode(account?.name ?? `#${accountId}`)])
}

function piconname(accountId: number, context: HtmlContext): Element {
  const account = resolveAccount(context.accounts, accountId)
  const name = account?.name ?? `#${accountId}`
  return element('span', ['cw-piconname'], {}, [avatar(name, account?.avatarUrl, false), element('span', ['cw-name'], {}, [textNode(name)])])
}

/** A To or reply chip: the badge, the avatar and the name. */
function chip(tagName: string, className: string, badge: string, accountId: number, properties: Properties, context: HtmlContext): Element {
  const account = resolveAccount(context.accounts, accountId)
  const name = account?.name ?? `#${accountId}`
  return element(tagName, [className], properties, [
    element('span', ['cw-badge'], {}, [textNode(badge)]),
    avatar(name, account?.avatarUrl, false),
    element('span', ['cw-name'], {}, [textNode(name)]),
  ])
}

function replyChip(node: Reply, context: HtmlContext): Element {
  const url = replyIsLinked(node) ? context.messageUrl?.(node.roomId, node.messageId) : undefined
  if (isWebUrl(url)) return chip('a', 'cw-reply', context.labels.reply, node.accountId, linkProperties(url, context), context)
  return chip('span', 'cw-reply', context.labels.reply, node.accountId, {}, context)
}

/** Avatar, name and, when `time` is given, the date and time of a quoted message. */
function quoteHeader(meta: { accountId: number; time?: number }, context: HtmlContext): ElementContent[] {
  const account = resolveAccount(context.accounts, meta.accountId)
  const name = account?.name ?? `#${meta.accountId}`
  const header: ElementContent[] = [avatar(name, account?.avatarUrl, false), element('span', ['cw-name'], {}, [textNode(name)])]
  if (meta.time !== undefined) header.push(time('cw-time', context.dates.dateTime(meta.time), meta.time))
  return header
}

function quoteBox(node: Quote, context: HtmlContext, depth: number): Element {
  const box = element('blockquote', ['cw-quote'], {}, [])
  if (node.accountId !== undefined) {
    box.children.push(element('div', ['cw-quote-header'], {}, quoteHeader({ accountId: node.accountId, time: node.time }, context)))
  }
  box.children.push(block('div', 'cw-quote-body', node.children, context, depth))
  return box
}

function time(className: string, formatted: FormattedDate | undefined, unix: number): Element {
  // a time past the calendar has no date: show its number, as written
  if (formatted === undefined) return element('time', [className], {}, [textNode(String(unix))])
  return element('time', [className], { dateTime: formatted.iso }, [textNode(formatted.text)])
}

function preview(node: Preview, context: HtmlContext): Element {
  const file = resolveFile(context.files, node.fileId)
  const properties: Properties = {}
  if (node.height !== undefined) properties.style = `height:${node.height}px`
  if (isWebUrl(file?.previewUrl)) return element('img', ['cw-preview'], { src: file.previewUrl, alt: file.name ?? '', ...properties }, [])
  if (file?.name !== undefined) properties.title = file.name
  return element('span', ['cw-preview'], properties, [])
}

function download(node: Download, context: HtmlContext, depth: number): Element {
  const file = resolveFile(context.files, node.fileId)
  // content with mentions or blocks is shown as it is, not inside a link (links do not nest)
  if (!hasDownloadLabel(node)) return block('span', 'cw-download', node.children, context, depth)
  const label = downloadLabel(node, file)
  const children: ElementContent[] = [element('span', ['cw-file-name'], {}, [textNode(label.name)])]
  if (label.size !== undefined) children.push(element('span', ['cw-file-size'], {}, [textNode(label.size)]))
  if (isWebUrl(file?.url)) return element('a', ['cw-download'], linkProperties(file.url, context), children)
  return element('span', ['cw-download'], {}, children)
}

function taskPanel(node: Task, context: HtmlContext, depth: number): Element {
  const { labels } = context
  const assignees = element('span', ['cw-task-assignees'], {}, node.accountIds.map((id) => piconname(id, context)))
  const due =
    node.limitTime === 0
      ? element('span', ['cw-task-due', 'cw-task-no-due'], {}, [textNode(labels.noDueDate)])
      : element('span', ['cw-task-due'], {}, [
          textNode(`${labels.due}: `),
          time('cw-time', node.limitType === 'time' ? context.dates.dateTime(node.limitTime) : context.dates.date(node.limitTime), node.limitTime),
        ])
  const status = element('span', ['cw-task-status'], {}, [textNode(node.status === 'done' ? labels.done : labels.open)])
  return element('div', ['cw-task', node.status === 'done' ? 'cw-task-done' : 'cw-task-open'], {}, [
    block('div', 'cw-task-body', node.children, context, depth),
    element('div', ['cw-task-meta'], {}, [assignees, due, status]),
  ])
}

let emoticonLabels: Map<string, { en: string; ja: string }> | undefined

function emoticon(code: string, name: string, context: HtmlContext): Element {
  emoticonLabels ??= new Map(EMOTICONS.map((e) => [e.code, e]))
  const label = emoticonLabels.get(code)?.[context.locale] ?? name
  const url = context.emoticonUrl?.(code, name)
  if (isWebUrl(url)) return element('img', ['cw-emoticon'], { src: url, alt: code, title: label }, [])
  return element('span', ['cw-emoticon'], { title: label }, [textNode(code)])
}

/** A node of a type the tree does not have: a hand-made tree's mistake, refused rather than dropped. */
function unknownNode(node: never): never {
  throw new TypeError(`cannot render a node of type ${JSON.stringify((node as { type?: unknown }).type)}`)
}
