/**
 * A small Markdown printer for the mdast nodes {@link toMdast} makes. It
 * writes GFM in one pass, escaping text by construction (markdown-writer.ts),
 * which is what makes `toMarkdown` several times faster than
 * `mdast-util-to-markdown`, whose general escaping tests every unsafe pattern
 * against every text.
 */
import type { Code, Image, Text } from 'mdast'
import { characterReference, isPunctuationOrSpace, MarkdownWriter } from './markdown-writer.ts'
import type { ChatworkBlock, ChatworkBlockquote, ChatworkList, ChatworkParagraph, ChatworkPhrasing, ChatworkRoot, ChatworkStrong, TextLink } from './mdast-nodes.ts'

/**
 * GitHub-flavoured Markdown of a tree made by `toMdast`, ending in a line
 * feed ('' for an empty tree).
 *
 * @example
 * printMdast({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: '*hi*' }] }] }) // '\\*hi\\*\n'
 */
export function printMdast(root: ChatworkRoot): string {
  const writer = new Printer()
  writer.blocks(root.children)
  return writer.out === '' ? '' : writer.out + '\n'
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
/** White space as CommonMark's flanking rules see it. */
const WHITE_SPACE = /^\s$/u
/** A URL that can be written as an autolink `<url>`: no spaces, controls, angle brackets, or escapes and references (which autolinks do not read). */
const AUTOLINK = /^https?:\/\/[^\x00-\x20\x7f<>\\&]*$/i

class Printer extends MarkdownWriter {
  /** Where the last strong ended, so that a strong right after it uses the other delimiter (`****` would be one run). */
  private strongEnd = -1

  blocks(nodes: readonly ChatworkBlock[]): void {
    let bullet = ''
    nodes.forEach((node, i) => {
      if (i > 0) {
        this.newLine(this.prefix.trimEnd())
        this.newLine()
      }
      // a list right after a list would continue it: the other bullet starts a new one
      bullet = node.type === 'list' && i > 0 && nodes[i - 1].type === 'list' && bullet === '-' ? '*' : '-'
      this.block(node, bullet)
    })
  }

  private block(node: ChatworkBlock, bullet: string): void {
    switch (node.type) {
      case 'paragraph':
        this.paragraph(node)
        return
      case 'blockquote':
        this.blockquote(node)
        return
      case 'code':
        this.code(node)
        return
      case 'thematicBreak':
        this.syntax('---')
        return
      case 'list':
        this.list(node, bullet)
        return
    }
  }

  private paragraph(node: ChatworkParagraph): void {
    this.phrasing(node.children, false)
    this.keepTrailingSpace()
  }

  private blockquote(node: ChatworkBlockquote): void {
    if (node.children.length === 0) {
      this.syntax('>')
      return
    }
    const outer = this.prefix
    this.prefix = outer + '> '
    this.opener('> ')
    this.blocks(node.children)
    this.prefix = outer
  }

  /** A fenced block whose fence is longer than any backtick run inside, each line after the container prefix. */
  private code(node: Code): void {
    const runs = node.value.match(/`+/g) ?? []
    const fence = '`'.repeat(runs.reduce((longest, run) => Math.max(longest, run.length + 1), 3))
    this.syntax(fence)
    if (node.value !== '') {
      const parts = node.value.split(/(\r\n|\r|\n)/)
      for (let i = 0; i < parts.length; i += 2) {
        this.newLine(parts[i] === '' ? this.prefix.trimEnd() : this.prefix, i === 0 ? '\n' : parts[i - 1])
        this.syntax(parts[i])
      }
    }
    this.newLine()
    this.syntax(fence)
  }

  private list(node: ChatworkList, bullet: string): void {
    const outer = this.prefix
    node.children.forEach((item, i) => {
      if (i > 0) this.newLine(outer)
      this.prefix = outer + '  '
      this.opener(`${bullet} [${item.checked ? 'x' : ' '}] `)
      this.blocks(item.children)
    })
    this.prefix = outer
  }

  private phrasing(nodes: readonly ChatworkPhrasing[], inStrong: boolean): void {
    let lastShown = nodes.length - 1
    while (lastShown >= 0 && nodes[lastShown].type === 'text' && (nodes[lastShown] as Text).value === '') lastShown--
    nodes.forEach((node, i) => {
      switch (node.type) {
        case 'text':
          this.followed = i < lastShown
          this.text(node.value)
          this.followed = false
          return
        case 'break':
          // a hard break at the end shows nothing, and Markdown has no way to write one there
          if (i < lastShown) {
            this.syntax('\\')
            this.newLine()
          }
          return
        case 'strong':
          if (inStrong) this.phrasing(node.children, true)
          else this.strong(node)
          return
        case 'link':
          this.link(node)
          return
        case 'image':
          this.image(node)
      }
    })
  }

  /**
   * `**strong**`, made to open and close whatever stands around it: a space
   * at either end inside is written as a reference, and a letter or digit
   * outside that would stop a delimiter next to punctuation from counting is
   * written as a reference too (CommonMark's flanking rules).
   */
  private strong(node: ChatworkStrong): void {
    if (!shows(node)) return
    const delimiter = this.position === this.strongEnd ? '__' : '**'
    const before = this.charBefore(this.position)
    const beforeAt = this.position - before.length
    this.syntax(delimiter)
    // white space just inside a delimiter stops it from counting (and a space or tab at a line's end is stripped)
    this.guardNext('space')
    const start = this.position
    this.phrasing(node.children, true)
    const end = this.charBefore(this.position)
    if (this.lineHasContent && WHITE_SPACE.test(end)) this.rewrite(this.position - end.length, characterReference(end))
    const last = this.lastChar
    // after punctuation, an opening delimiter counts only after white space or punctuation
    const opensAfterAnything = LETTER_OR_DIGIT.test(this.charAt(start))
    this.syntax(delimiter)
    if (!opensAfterAnything && !isPunctuationOrSpace(before)) this.rewrite(beforeAt, characterReference(before))
    this.strongEnd = this.position
    if (delimiter === '__' || !LETTER_OR_DIGIT.test(last)) this.guardNext('word')
  }

  private link(node: TextLink): void {
    const label = node.children.map((child) => child.value).join('')
    if (label === node.url && AUTOLINK.test(node.url)) {
      this.syntax(`<${node.url}>`)
      return
    }
    this.syntax('[')
    this.text(label, true)
    this.syntax(`](${destination(node.url)})`)
  }

  private image(node: Image): void {
    this.syntax('![')
    this.text(node.alt ?? '', true)
    this.syntax(`](${destination(node.url)})`)
  }
}

/** Whether a strong has anything to show, so that it is not written as an empty `****` (a thematic break). */
function shows(node: ChatworkStrong): boolean {
  return node.children.some((child) => (child.type === 'text' ? child.value !== '' : child.type === 'strong' ? shows(child) : child.type !== 'break'))
}

/**
 * A link destination: bare when it can be, else in angle brackets; escapes
 * and references are read in both, so `\`, parentheses or angle brackets and
 * entity-like `&` are escaped. Tabs and line feeds are dropped, as a browser
 * drops them from a URL.
 */
function destination(url: string): string {
  const clean = url.replace(/[\t\n\r]/g, '')
  if (clean !== '' && /^[^\x00-\x20\x7f<>]*$/.test(clean)) return clean.replace(/[\\()]|&(?=[A-Za-z0-9#])/g, '\\$&')
  return `<${clean.replace(/[\\<>]|&(?=[A-Za-z0-9#])/g, '\\$&')}>`
}
