/**
 * Writes GitHub-flavoured Markdown text so that every character of the text
 * reads back as that character and nothing else. The rules escape each
 * character that could start Markdown or GFM syntax where it stands, and
 * write the white space and line feeds that Markdown would drop or read as
 * structure as character references. Which characters count where:
 *
 * - everywhere: `\`, `` ` ``, `*`, `[`, `<`, `~`; `]` inside a link's
 *   text; `_` unless between two letters or digits (where it opens and closes
 *   nothing); `&` before a letter, digit or `#` (an entity); `!` at the end
 *   of a text (before a link, it would make an image); `@`, `.` and `:`
 *   where they would make an email, `www.` or `http://` autolink literal;
 * - at the start of a line: `#`, `>`, `-`, `+`, `=`, `:`, `|` (headings,
 *   quotes, list items, rules, setext underlines, table delimiter rows, which
 *   all start with `|`, `:` or `-`, so no table can form), digits before
 *   `.` or `)` (ordered lists), and a space or tab (which Markdown strips, and
 *   four of which start indented code);
 * - at the end of a line: a space or tab (stripped, and two make a hard break);
 * - a line feed that would leave a blank line (which ends a paragraph), before
 *   or after it.
 */

/** A character as a numeric character reference, which Markdown reads as that character and never as syntax. */
export function characterReference(char: string): string {
  return `&#x${char.codePointAt(0)!.toString(16).toUpperCase()};`
}

/** How the writer treats each ASCII character in text (0: as itself). */
const enum Kind {
  Plain,
  /** Escaped wherever it stands (outside code), as `\c`. */
  Always,
  /** Escaped where its neighbours make it syntax (see {@link escapesHere}). */
  Neighbours,
  LineEnding,
}

const KINDS = /* @__PURE__ */ kinds()

function kinds(): Uint8Array {
  const table = new Uint8Array(128)
  for (const char of '\\`*[<~') table[char.charCodeAt(0)] = Kind.Always
  for (const char of ']_&@.:!') table[char.charCodeAt(0)] = Kind.Neighbours
  table[10] = table[13] = Kind.LineEnding
  return table
}

/** Escaped at the start of a line, where it would start a block (`|`, `:` and `-` start every table delimiter row, so no table can form). */
const AT_LINE_START = '#>-+=:|'
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
/** Characters of an email address's local part and domain (GFM autolink literals). */
const EMAIL_CHAR = /[\w+.-]/
const ENTITY_START = /[A-Za-z0-9#]/
const SPACE_OR_TAB = /[ \t]/
const WHITE_SPACE = /\s/u

/**
 * The Markdown being written: the output so far and where the writer stands
 * in it (at the start of a line, inside which container prefixes).
 */
export class MarkdownWriter {
  /** The Markdown written so far. */
  out = ''
  /** What each line inside the current containers starts with (`> `, two spaces for a list item's content). */
  prefix = ''
  /** Whether nothing but the prefix (or a list marker) is written on the current line. */
  private lineStart = true
  /** The last character written, as it stands in the output (an escape's character, a reference's `;`). */
  private last = ''
  /** The text written since the last syntax: what a GFM reader sees as one text run for autolink literals. */
  private run = ''
  /**
   * What the next text must not start with: after an opening delimiter, white
   * space (which would stop it from opening); after a closing one that stands
   * after punctuation, anything but white space or punctuation (which would
   * stop it from closing). Such a first character is written as a reference.
   */
  private guard: '' | 'space' | 'word' = ''
  /** Whether more of the paragraph follows the text being written (a link, a strong): its last line is then not blank. */
  followed = false

  /** Writes Markdown syntax as it is. */
  syntax(markdown: string): void {
    if (markdown === '') return
    this.out += markdown
    this.last = markdown[markdown.length - 1]
    this.lineStart = false
    this.run = ''
    this.guard = ''
  }

  /** Ends the current line with `ending`, and starts the next one with `prefix` (default: the current prefix). */
  newLine(prefix = this.prefix, ending = '\n'): void {
    this.out += ending + prefix
    this.last = '\n'
    this.lineStart = true
    this.run = ''
    this.guard = ''
  }

  /** Writes a list marker (or other line opener) after which the line still counts as starting. */
  opener(markdown: string): void {
    this.syntax(markdown)
    this.lineStart = true
  }

  /** Whether anything but the prefix was written on the current line. */
  get lineHasContent(): boolean {
    return !this.lineStart
  }

  /** The last character written (empty at the start of the output). */
  get lastChar(): string {
    return this.last
  }

  /** Where the next character goes, to find what a construct started with later (see {@link rewrite}). */
  get position(): number {
    return this.out.length
  }

  /** Replaces the one character (or surrogate pair) at `position` with `replacement`. */
  rewrite(position: number, replacement: string): void {
    const char = String.fromCodePoint(this.out.codePointAt(position)!)
    const atEnd = position + char.length === this.out.length
    this.out = this.out.slice(0, position) + replacement + this.out.slice(position + char.length)
    if (atEnd) this.last = replacement[replacement.length - 1]
  }

  /** The character (whole code point) that starts at `position`, or '' at the end. */
  charAt(position: number): string {
    const code = this.out.codePointAt(position)
    return code === undefined ? '' : String.fromCodePoint(code)
  }

  /** The character (whole code point) that ends at `position` (exclusive), or '' at the start. */
  charBefore(position: number): string {
    if (position === 0) return ''
    const low = this.out.charCodeAt(position - 1)
    const isPair = low >= 0xdc00 && low <= 0xdfff && position >= 2
    return this.out.slice(isPair ? position - 2 : position - 1, position)
  }

  /** Sets what the next text must not start with (see {@link guard}), right after writing a delimiter. */
  guardNext(guard: 'space' | 'word'): void {
    this.guard = guard
  }

  /**
   * Writes a space or tab that ends the current line as a reference, since
   * Markdown strips it (and two spaces make a hard break).
   */
  keepTrailingSpace(): void {
    if (this.lineStart || !SPACE_OR_TAB.test(this.last)) return
    this.rewrite(this.out.length - 1, characterReference(this.last))
  }

  /** Writes text, escaped so that it reads back as exactly this text; `inLabel` for a link's or image's text, where `]` ends the label. */
  text(value: string, inLabel = false): void {
    const length = value.length
    if (length === 0) return
    let out = ''
    /** Where the text not yet copied to `out` starts. */
    let from = 0
    /** Where the last character reference ended, since the last character written is then its `;`. */
    let referenceEnd = -1
    let lineStart = this.lineStart
    let i = 0
    const first = String.fromCodePoint(value.codePointAt(0)!)
    if (this.guard === 'space' ? WHITE_SPACE.test(first) : this.guard === 'word' && !isPunctuationOrSpace(first)) {
      out = characterReference(first)
      from = i = referenceEnd = first.length
      lineStart = false
    }
    this.guard = ''
    for (; i < length; i++) {
      const code = value.charCodeAt(i)
      if (lineStart && code !== 10 && code !== 13) {
        lineStart = false
        if (code === 32 || code === 9) {
          out += value.slice(from, i) + characterReference(value[i])
          from = referenceEnd = i + 1
          continue
        }
        if (AT_LINE_START.includes(value[i])) {
          out += value.slice(from, i) + '\\'
          from = i
          continue
        }
        if (code >= 48 && code <= 57) {
          // an ordered list marker: digits, then `.` or `)`
          let end = i + 1
          while (end < length && value.charCodeAt(end) >= 48 && value.charCodeAt(end) <= 57) end++
          if (value[end] === '.' || value[end] === ')') {
            out += value.slice(from, end) + '\\'
            from = end
            i = end
          }
          continue
        }
      }
      const kind = code < 128 ? KINDS[code] : Kind.Plain
      if (kind === Kind.Plain) continue
      if (kind === Kind.LineEnding) {
        const ending = code === 13 && value.charCodeAt(i + 1) === 10 ? '\r\n' : value[i]
        // a space or tab at the end of a line is stripped (and two make a hard break)
        if (!lineStart && i > from && (value[i - 1] === ' ' || value[i - 1] === '\t')) {
          out += value.slice(from, i - 1) + characterReference(value[i - 1])
          from = i
        } else if (i === 0 && !lineStart) this.keepTrailingSpace()
        out += value.slice(from, i)
        const lastLine = i + ending.length === length
        if (lineStart || (lineWouldBeBlank(value, i + ending.length) && !(lastLine && this.followed))) {
          // a blank line would end the paragraph: the line ending as references keeps the text whole
          out += ending === '\r\n' ? '&#xD;&#xA;' : characterReference(ending)
          lineStart = false
          referenceEnd = i + ending.length
        } else {
          out += ending + this.prefix
          lineStart = true
        }
        i += ending.length - 1
        from = i + 1
        continue
      }
      const last = i === 0 ? this.last : i === referenceEnd ? ';' : value[i - 1]
      if (kind === Kind.Always || escapesHere(value, i, last, inLabel, this.run)) {
        out += value.slice(from, i) + '\\'
        from = i
      }
    }
    out += value.slice(from)
    this.out += out
    this.last = referenceEnd === length ? ';' : out === '' ? this.last : out[out.length - 1]
    this.lineStart = lineStart
    this.run = (this.run + value).slice(-3)
  }
}

/** Whether the line starting at `from` holds nothing but spaces and tabs up to the next line ending or the end of the text. */
function lineWouldBeBlank(value: string, from: number): boolean {
  for (let i = from; i < value.length; i++) {
    const char = value[i]
    if (char === '\n' || char === '\r') return true
    if (char !== ' ' && char !== '\t') return false
  }
  return true
}

/** Whether the character at `i` (`]`, `_`, `&`, `@`, `.`, `!` or `:`) is syntax where it stands: `last` is the character written before it, `run` the text before this text. */
function escapesHere(value: string, i: number, last: string, inLabel: boolean, run: string): boolean {
  const next = value[i + 1] ?? ''
  switch (value[i]) {
    case ']':
      return inLabel
    case '_':
      return !(LETTER_OR_DIGIT.test(last) && LETTER_OR_DIGIT.test(next))
    case '&':
      return ENTITY_START.test(next)
    case '@':
      return EMAIL_CHAR.test(last) && EMAIL_CHAR.test(next)
    case '.':
      return /www$/i.test(i >= 3 ? value.slice(i - 3, i) : run + value.slice(0, i))
    case '!':
      // before a link, it would make an image
      return i === value.length - 1
    default:
      // `:`
      return /[ps]$/i.test(i >= 1 ? value[i - 1] : run) && next === '/'
  }
}

/** Whether a delimiter can stand next to `char` whatever it is: white space, ASCII punctuation, or nothing. */
export function isPunctuationOrSpace(char: string): boolean {
  return char === '' || /^[\s!-/:-@[-`{-~]$/.test(char)
}
