import type { Content, Emoticon, Link, Text } from './nodes.ts'

/** A node other than text, links and emoticons: a tag or a block. */
export type Tag = Exclude<Content, Text | Link | Emoticon>

/**
 * The canonical markup of a tag or block with no source spelling: the whole
 * tag, or the opener of a block (with its header, or its content for code).
 * Shared by {@link compose} and the builder; the printer's form of the same nodes.
 *
 * @example
 * openMarkup({ type: 'reply', accountId: 1, roomId: 2, messageId: '3' }) // '[rp aid=1 to=2-3]'
 */
export function openMarkup(node: Tag): string {
  switch (node.type) {
    case 'to':
      return `[To:${node.accountId}]`
    case 'quote':
      return node.accountId === undefined ? '[qt]' : '[qt]' + qtmeta(node.accountId, node.time)
    case 'code':
      return '[code]' + node.value
    case 'reply':
      return `[rp aid=${node.accountId} to=${node.roomId}-${node.messageId}]`
    case 'qtmeta':
      return qtmeta(node.accountId, node.time)
    case 'picon':
    case 'pname':
    case 'piconname':
      return `[${node.type}:${node.accountId}]`
    case 'preview':
      return `[preview id=${node.fileId}${node.height === undefined ? '' : ' ht=' + node.height}]`
    case 'download':
      return `[download:${node.fileId}]`
    case 'task':
      return `[task aid=${node.accountIds.join(',')} st=${node.status} lt=${node.limitTime}${node.limitType === undefined ? '' : ' ltype=' + node.limitType}]`
    case 'dtext':
      return `[dtext:${node.key}]`
    case 'date':
      return `[date:${node.time}]`
    case 'live':
      return `[live id=${node.id} rid=${node.roomId}]`
    default:
      // toall, hr and deleted, and the openers of info and title
      return `[${node.type}]`
  }
}

/** The canonical `[qtmeta]` of a quote's header. */
export function qtmeta(accountId: number, time: number | undefined): string {
  return time === undefined ? `[qtmeta aid=${accountId}]` : `[qtmeta aid=${accountId} time=${time}]`
}

/**
 * What the printer writes after a node's children: the closer of a block with
 * no source spelling, and the line feed that `lineFeed` repeats.
 *
 * @example
 * closeMarkup({ type: 'code', value: 'x', lineFeed: true }) // '[/code]\n'
 */
export function closeMarkup(node: Content): string {
  switch (node.type) {
    case 'quote':
      return node.lineFeed ? '[/qt]\n' : '[/qt]'
    case 'code':
      return node.lineFeed ? '[/code]\n' : '[/code]'
    case 'info':
    case 'title':
    case 'download':
    case 'task':
      return `[/${node.type}]`
    default:
      return ''
  }
}
