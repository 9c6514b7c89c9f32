import { toPlainText, type Download } from '../../markup/index.ts'
import { checkLookup, lookUp, type Lookup } from './lookup.ts'

/** What a renderer knows of an uploaded file. */
export interface FileInfo {
  /** The file name, shown instead of the name written in `[download]`. */
  name?: string
  /** An `http:` or `https:` URL where the file is downloaded. */
  url?: string
  /** An `http:` or `https:` URL of an image of the file, for `[preview]`. */
  previewUrl?: string
}

/** Files known to the caller: a map by file id, or a function of the id (returning undefined when unknown). */
export type Files = Lookup<FileInfo>

/**
 * The file `fileId` in `files`, or undefined when it is unknown; a value that
 * is not an object of optional strings throws a TypeError naming the id.
 *
 * @example
 * resolveFile(new Map([[5, { name: 'a.png' }]]), 5) // { name: 'a.png' }
 */
export function resolveFile(files: Files | undefined, fileId: number): FileInfo | undefined {
  const found = lookUp(files, fileId)
  if (found === undefined) return undefined
  if (typeof found !== 'object' || (['name', 'url', 'previewUrl'] as const).some((key) => found[key] !== undefined && typeof found[key] !== 'string')) {
    throw new TypeError(`files: file ${fileId} must be { name?: string, url?: string, previewUrl?: string }`)
  }
  return found
}

/**
 * Checks the `files` option itself.
 *
 * @example
 * checkFiles(new Map()) // fine
 */
export function checkFiles(files: unknown): asserts files is Files | undefined {
  checkLookup(files, 'files must be a Map of file id to { name?, url?, previewUrl? } or a function of the file id')
}

/** A download's file name and size, as its content conventionally writes them: `file.zip (247.60 KB)`. */
export interface DownloadLabel {
  name: string
  /** The size as written (`247.60 KB`), when the content ends with one in parentheses. */
  size?: string
}

const SIZE = /^([\s\S]*?)\s*\((\d[\d.,]*\s*(?:[KMGTP]i?)?B)\)\s*$/

/** Nodes a download label is read from; any other (a mention, a block) makes the content more than a label. */
const LABEL_NODES = new Set(['text', 'link', 'emoticon'])

/**
 * Whether a `[download]`'s content is a label (text, links, emoticons), as
 * Chatwork writes it. Content with a mention or a block is more than that:
 * a renderer must show it as it is, since {@link downloadLabel} reads only
 * its text and would lose the rest.
 *
 * @example
 * hasDownloadLabel(parse('[download:1]a.zip (2 KB)[/download]').children[0] as Download) // true
 * hasDownloadLabel(parse('[download:1][To:2][/download]').children[0] as Download) // false
 */
export function hasDownloadLabel(node: Download): boolean {
  return node.children.every((child) => LABEL_NODES.has(child.type))
}

/**
 * The name and size of a `[download]`: the name from `file` when known, else
 * from the content's text; the size from the content.
 *
 * @example
 * downloadLabel(parse('[download:1]a.zip (2 KB)[/download]').children[0] as Download) // { name: 'a.zip', size: '2 KB' }
 */
export function downloadLabel(node: Download, file?: FileInfo): DownloadLabel {
  const content = toPlainText({ type: 'root', children: node.children })
  const match = SIZE.exec(content)
  const written = match ? match[1] : content.trim()
  const name = file?.name ?? written
  return match ? { name, size: match[2] } : { name }
}
