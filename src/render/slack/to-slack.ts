import type { Content, Info, Node, Quote, Task } from '../../markup/index.ts'
import { downloadLabel, dtextSentence, hasDownloadLabel, isWebUrl, lookUp, replyIsLinked, resolveAccount, resolveFile, toTree } from '../common/index.ts'
import { SLACK_MAX_NESTING, slackContext, type SlackContext, type SlackOptions } from './options.ts'

/**
 * A Chatwork message as Slack mrkdwn text, for forwarding to Slack (the
 * `text` of `chat.postMessage`, or a `mrkdwn` text object). `&`, `<` and `>`
 * are escaped everywhere, so nothing in the body becomes a Slack link or
 * mention; mentions come only from `users` (Chatwork id → Slack user id) and
 * are `@Name` otherwise; `[toall]` is the text `@all` unless `toAll` says
 * otherwise. Quotes become `>` lines under their author; info a bold title
 * line and a `>` body; code a ``` block with nothing inside converted;
 * links `<url>`; emoticons Slack `:names:` ({@link SLACK_EMOTICONS}), or
 * their code; dates Slack date tokens, which Slack shows in each reader's
 * time zone; each block on lines of its own.
 *
 * @example
 * toSlack('[To:1] Hi (coffee) [info][title]Deploy[/title]done[/info]', { users: new Map([[1, 'U024BE7LH']]) })
 * // '<@U024BE7LH> Hi :coffee: \n*Deploy*\n> done'
 */
export function toSlack(treeOrBody: Node | string, options?: SlackOptions): string {
  const tree = toTree(treeOrBody)
  const context = slackContext(options)
  const out = new Lines()
  if (tree.type === 'root') renderChildren(tree.children, context, 0, out)
  else renderNode(tree, context, 0, out)
  return out.text
}

/** Text being written, where a block starts and ends on lines of its own. */
class Lines {
  text = ''
  /** A block just ended: the next text starts on a new line. */
  private breakDue = false

  inline(value: string): void {
    if (value === '') return
    if (this.breakDue && !this.text.endsWith('\n') && !value.startsWith('\n')) this.text += '\n'
    this.breakDue = false
    this.text += value
  }

  /** A block's lines (no trailing line feed), on lines of their own. */
  block(value: string): void {
    if (this.text !== '' && !this.text.endsWith('\n')) this.text += '\n'
    this.text += value
    this.breakDue = true
  }
}

/** Escapes what Slack reads as markup in text: `&`, `<` and `>`. */
function escape(text: string): string {
  return /[&<>]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text
}

function renderChildren(children: readonly Content[], context: SlackContext, depth: number, out: Lines): void {
  for (const child of children) renderNode(child, context, depth, out)
}

function renderNode(node: Content, context: SlackContext, depth: number, out: Lines): void {
  if ('children' in node && depth >= SLACK_MAX_NESTING) {
    renderFlat(node, context, out)
    return
  }
  switch (node.type) {
    case 'text':
      out.inline(escape(node.value))
      return
    case 'to':
      out.inline(mention(node.accountId, context))
      return
    case 'toall':
      out.inline(context.toAll)
      return
    case 'reply': {
      const url = replyIsLinked(node) ? context.messageUrl?.(node.roomId, node.messageId) : undefined
      out.inline(`${isWebUrl(url) ? `<${linkTarget(url)}|↩>` : '↩'} ${mention(node.accountId, context)}`)
      return
    }
    case 'quote':
      out.block(quote(node, context, depth))
      return
    case 'qtmeta':
      out.inline(attribution(node.accountId, node.time, context))
      return
    case 'info':
      out.block(info(node, context, depth))
      return
    case 'title': {
      const lines = bold(inner(node.children, context, depth + 1))
      if (lines !== '') out.block(lines)
      return
    }
    case 'hr':
      out.block(RULE)
      return
    case 'code':
      out.block(codeBlock(node.value))
      return
    case 'picon':
      return
    case 'pname':
    case 'piconname':
      out.inline(escape(name(node.accountId, context)))
      return
    case 'preview': {
      const file = resolveFile(context.files, node.fileId)
      const url = isWebUrl(file?.previewUrl) ? file.previewUrl : file?.url
      if (isWebUrl(url)) out.inline(`<${linkTarget(url)}|${linkText(file?.name ?? url)}>`)
      return
    }
    case 'download': {
      const file = resolveFile(context.files, node.fileId)
      // content with mentions or blocks is shown as it is, not as a link's text
      if (!hasDownloadLabel(node)) {
        renderChildren(node.children, context, depth + 1, out)
        return
      }
      const label = downloadLabel(node, file)
      const size = label.size === undefined ? '' : ` (${escape(label.size)})`
      out.inline(isWebUrl(file?.url) ? `<${linkTarget(file.url)}|${linkText(label.name)}>${size}` : `${escape(label.name)}${size}`)
      return
    }
    case 'task':
      out.block(task(node, context, depth))
      return
    case 'dtext':
      out.inline(escape(dtextSentence(node.key, context.locale)))
      return
    case 'deleted':
      return
    case 'date':
      out.inline(slackDate(node.time, false, context))
      return
    case 'live':
      out.inline('[ChatWork Live]')
      return
    case 'emoticon': {
      const emoji = Object.hasOwn(context.emoticons, node.code) ? context.emoticons[node.code] : undefined
      out.inline(emoji === undefined ? escape(node.code) : `:${emoji}:`)
      return
    }
    case 'link':
      // a tree made by hand may hold any string here: only web URLs become links
      out.inline(isWebUrl(node.url) ? `<${linkTarget(node.url)}>` : escape(node.url))
      return
    default:
      unknownNode(node)
  }
}

/** A block past {@link SLACK_MAX_NESTING}: its content without frames, walked with a stack of its own. */
function renderFlat(node: Content, context: SlackContext, out: Lines): void {
  const pending: Content[] = [node]
  while (pending.length > 0) {
    const next = pending.pop()!
    if ('children' in next) for (let i = next.children.length - 1; i >= 0; i--) pending.push(next.children[i])
    else renderNode(next, context, 0, out)
  }
}

/** The text of some children, without a trailing line feed. */
function inner(children: readonly Content[], context: SlackContext, depth: number): string {
  const out = new Lines()
  renderChildren(children, context, depth, out)
  return out.text.endsWith('\n') ? out.text.slice(0, -1) : out.text
}

const RULE = '──────────'

/** Each non-empty line in bold (Slack's `*…*` needs no space inside the stars). */
function bold(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `*${line}*`)
    .join('\n')
}

function quoteLines(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n')
}

function quote(node: Quote, context: SlackContext, depth: number): string {
  const body = inner(node.children, context, depth + 1)
  const lines = node.accountId === undefined ? [] : [attribution(node.accountId, node.time, context)]
  if (body !== '' || lines.length === 0) lines.push(body)
  return quoteLines(lines.join('\n'))
}

/** The header of a quote: the author in bold, and the date when known. */
function attribution(accountId: number, time: number | undefined, context: SlackContext): string {
  const author = `*${escape(name(accountId, context))}*`
  return time === undefined ? author : `${author} ${slackDate(time, true, context)}`
}

function info(node: Info, context: SlackContext, depth: number): string {
  const [first, ...rest] = node.children
  const titled = first?.type === 'title'
  const heading = titled ? bold(inner(first.children, context, depth + 2)) : ''
  const body = inner(titled ? rest : node.children, context, depth + 1)
  return [heading, body === '' ? '' : quoteLines(body)].filter((part) => part !== '').join('\n')
}

function task(node: Task, context: SlackContext, depth: number): string {
  const { labels } = context
  const assignees = node.accountIds.map((id) => mention(id, context)).join(' ')
  const due = node.limitTime === 0 ? labels.noDueDate : `${labels.due}: ${slackDate(node.limitTime, node.limitType === 'time', context)}`
  const body = inner(node.children, context, depth + 1)
  return `${node.status === 'done' ? '☑' : '☐'} ${body}\n${assignees} · ${due} · ${node.status === 'done' ? labels.done : labels.open}`
}

/**
 * A ``` block. Nothing inside is converted but for what Slack needs: `&`,
 * `<` and `>` escaped, and a zero-width space between backticks, since
 * three in a row would end the block early.
 */
function codeBlock(value: string): string {
  let shown = value.startsWith('\n') ? value.slice(1) : value
  // the closing fence goes on a line of its own: a final line feed is already there
  if (shown.endsWith('\n')) shown = shown.slice(0, -1)
  return `\`\`\`\n${escape(shown).replace(/`(?=`)/g, '`\u200B')}\n\`\`\``
}

/** An account's name, or `#id` when it is unknown. */
function name(accountId: number, context: SlackContext): string {
  return resolveAccount(context.accounts, accountId)?.name ?? `#${accountId}`
}

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/

function mention(accountId: number, context: SlackContext): string {
  const user = lookUp(context.users, accountId)
  if (user !== undefined) {
    if (typeof user !== 'string' || !SLACK_USER.test(user)) throw new TypeError(`users: the Slack user id of account ${accountId} must look like U024BE7LH, got ${JSON.stringify(user)}`)
    return `<@${user}>`
  }
  return `@${escape(resolveAccount(context.accounts, accountId)?.name ?? String(accountId))}`
}

/** A URL as the target of a Slack link: escaped, and `|`, which would end it, percent-encoded. */
function linkTarget(url: string): string {
  return escape(url).replace(/\|/g, '%7C')
}

/** The text of a Slack link: escaped, and `|` and line feeds, which Slack does not keep there, made harmless. */
function linkText(text: string): string {
  return escape(text).replace(/\|/g, '¦').replace(/[\r\n]+/g, ' ')
}

/**
 * A Slack date token, shown in the reader's time zone and language, with
 * the date in the options' locale and time zone as the fallback text; a
 * time past the calendar is its number.
 */
function slackDate(unix: number, withTime: boolean, context: SlackContext): string {
  const formatted = withTime ? context.dates.dateTime(unix) : context.dates.date(unix)
  if (formatted === undefined) return String(unix)
  return `<!date^${unix}^${withTime ? '{date_short_pretty} {time}' : '{date_short_pretty}'}|${linkText(formatted.text)}>`
}

/** A node of a type the tree does not have: a hand-made tree's mistake, refused rather than dropped. */
function unknownNode(node: never): never {
  throw new TypeError(`cannot render a node of type ${JSON.stringify((node as { type?: unknown }).type)}`)
}
