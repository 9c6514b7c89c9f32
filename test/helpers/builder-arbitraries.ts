/**
 * Adversarial inputs for the builder, the factories, the template and the
 * escaping: strings biased toward `[ ] / : = -`, tag names in mixed case,
 * U+200B, digits, CJK and line feeds; and builders made of every operation.
 */
import fc from 'fast-check'
import {
  code,
  EMOTICONS,
  hr,
  info,
  message,
  parse,
  picon,
  piconname,
  pname,
  preview,
  quote,
  reply,
  root,
  text,
  title,
  to,
  toAll,
  type Content,
  type MessageBuilder,
  type MessageContent,
  type Node,
  type Root,
} from 'chatwork-kit/markup'

const TAG_NAMES = ['to', 'toall', 'rp', 'qt', 'qtmeta', 'info', 'title', 'hr', 'code', 'picon', 'pname', 'piconname', 'preview', 'download', 'task', 'dtext', 'deleted', 'date', 'live']

/** A tag name with each letter in either case. */
const mixedCaseName = fc
  .tuple(fc.constantFrom(...TAG_NAMES), fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }))
  .map(([name, upper]) => [...name].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join(''))

/** Whole tags, half tags and near-tags. */
const tagish = fc.oneof(
  fc.constantFrom('[toall]', '[To:1]', '[TO:1]', '[rp aid=1 to=2-3]', '[/info][toall]', '[qt]', '[/qt]', '[/title]', '[code]', '[/code]', '[/CODE]', '[info]', '[hr]', '[qtmeta aid=1 time=2]', '[preview id=1 ht=2]', '[deleted]', '[[To:1]]', '[[', ']]', '[To:', ':1]', '[/', 'info]'),
  mixedCaseName.map((name) => `[${name}]`),
  mixedCaseName.map((name) => `[/${name}]`),
  mixedCaseName.map((name) => `[${name}:12]`),
  mixedCaseName.map((name) => `[${name} aid=1 to=2-3 id=4 st=open lt=0]`),
  mixedCaseName.map((name) => `[${name}`),
  mixedCaseName,
)

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('[', ']', '/', ':', '=', '-', ' ', '\n', '\n\n', '\u200B', '[\u200B', '(', ')', ';', '8', '|', '^', '*', 'h', 'p', 'D') },
  { weight: 5, arbitrary: tagish },
  { weight: 2, arbitrary: fc.constantFrom('0', '1', '42', '1928374655918273645', ':)', ']:)', '(F)', '(^^;)', '8-)', ':p', 'http://x.com/', 'https://a.jp/(b)c', 'http://', '山田', 'さん', 'テスト', '　', '😀') },
  { weight: 1, arbitrary: fc.string({ maxLength: 4, unit: 'binary' }) },
)

/** Caller text that tries hard to become markup. */
export const hostile: fc.Arbitrary<string> = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''))

/** Text dense in links and emoticons: schemes, URL characters, parentheses and every emoticon code. */
export const inlineText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('http://', 'https://', 'h', 'ttp', 's', '://', 'x.com', '/', '_', '-', '.', '!', '~', "'", '?', '=', '&', '%', '#', '{', '}', '@', '$', ',', '+', '*', '(', ')', ':', ';', '8', '|', ']', '^', 'p', 'D', 'o', 'f', 'F', 'a', '0', ' ', '\n', '\t', '　', 'é', '"', '<'),
      fc.constantFrom(...EMOTICONS.map((e) => e.code), '(think)', '(yes)', '(abcdefghijklm)'),
    ),
    { maxLength: 16 },
  )
  .map((pieces) => pieces.join(''))

/** Any string at all, hostile or not. */
export const anyText: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: hostile }, { weight: 1, arbitrary: inlineText }, { weight: 1, arbitrary: fc.string({ unit: 'binary' }) })

export const accountId = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })
export const messageId = fc.stringMatching(/^\d{1,19}$/)
export const unixTime = fc.integer({ min: 0, max: 4_102_444_800 })
export const quoteMeta = fc.option(fc.record({ accountId, time: fc.option(unixTime, { nil: undefined }) }, { requiredKeys: ['accountId'] }), { nil: undefined })

/** Inline tags and leaves made by the factories. */
const leaf: fc.Arbitrary<Content> = fc.oneof(
  accountId.map(to),
  fc.constant(toAll()),
  fc.record({ accountId, roomId: accountId, messageId }).map(reply),
  fc.constant(hr()),
  anyText.map(code),
  anyText.map(text),
  accountId.map(picon),
  accountId.map(pname),
  accountId.map(piconname),
  fc.tuple(accountId, fc.option(accountId, { nil: undefined })).map(([id, height]) => preview(id, height)),
)

/** Trees made by the factories, children mixing nodes and strings. */
export const factoryNode: fc.Arbitrary<Content> = fc.letrec<{ node: Content; child: Content | string }>((tie) => ({
  child: fc.oneof({ depthSize: 'small' }, anyText, tie('node')),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('child'), { maxLength: 4 }).map((children) => info(...children)),
    fc.array(tie('child'), { maxLength: 4 }).map((children) => title(...children)),
    fc.tuple(quoteMeta, fc.array(tie('child'), { maxLength: 4 })).map(([meta, children]) => quote(meta, ...children)),
  ),
})).node

/** A whole message made by the factories. */
export const factoryRoot: fc.Arbitrary<Root> = fc.array(fc.oneof(anyText, factoryNode), { maxLength: 6 }).map((children) => root(...children))

/** Markup with tags, half tags and text: what `parse` gives for it is appended to builders as it is. */
export const markup: fc.Arbitrary<string> = fc.array(fc.oneof(piece, tagish, fc.constantFrom('[info]a[/info]', '[qt][qtmeta aid=1]q[/qt]\n', '[code]c[/code]\n', '[INFO]x[/INFO]', '[title]t[/title]')), { maxLength: 12 }).map((p) => p.join(''))

/** One builder operation, as data so that counterexamples print readably. */
export type Op =
  | ['text' | 'line' | 'code', string]
  | ['to', number, string | undefined]
  | ['reply', { accountId: number; roomId: number; messageId: string }, string | undefined]
  | ['toAll' | 'hr']
  | ['picon' | 'pname' | 'piconname', number]
  | ['preview', number, number | undefined]
  | ['info', ContentSpec] | ['info', ContentSpec, ContentSpec]
  | ['title', ContentSpec]
  | ['quote', { accountId: number; time?: number } | undefined, ContentSpec]
  | ['append', ContentSpec]

/** Content of a block: text, a node, a parsed tree, a nested builder, or a callback building one. */
export type ContentSpec = { text: string } | { node: Content } | { parsed: string } | { builder: Op[] } | { callback: Op[] }

export const ops: fc.Arbitrary<Op[]> = fc.letrec<{ ops: Op[]; op: Op; content: ContentSpec }>((tie) => ({
  ops: fc.array(tie('op'), { maxLength: 7 }),
  content: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyText.map((s) => ({ text: s })),
    factoryNode.map((node) => ({ node })),
    markup.map((s) => ({ parsed: s })),
    tie('ops').map((o) => ({ builder: o })),
    tie('ops').map((o) => ({ callback: o })),
  ),
  op: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom('text' as const, 'line' as const, 'code' as const), anyText),
    fc.tuple(fc.constant('to' as const), accountId, fc.option(anyText, { nil: undefined })),
    fc.tuple(fc.constant('reply' as const), fc.record({ accountId, roomId: accountId, messageId }), fc.option(anyText, { nil: undefined })),
    fc.tuple(fc.constantFrom('toAll' as const, 'hr' as const)),
    fc.tuple(fc.constantFrom('picon' as const, 'pname' as const, 'piconname' as const), accountId),
    fc.tuple(fc.constant('preview' as const), accountId, fc.option(accountId, { nil: undefined })),
    fc.tuple(fc.constant('info' as const), tie('content')),
    fc.tuple(fc.constant('info' as const), tie('content'), tie('content')),
    fc.tuple(fc.constant('title' as const), tie('content')),
    fc.tuple(fc.constant('quote' as const), quoteMeta, tie('content')),
    fc.tuple(fc.constant('append' as const), tie('content')),
  ) as fc.Arbitrary<Op>,
})).ops

function content(spec: ContentSpec): MessageContent {
  if ('text' in spec) return spec.text
  if ('node' in spec) return spec.node
  if ('parsed' in spec) return parse(spec.parsed)
  if ('builder' in spec) return build(spec.builder)
  const nested = spec.callback
  return (m: MessageBuilder) => build(nested, m)
}

/** Runs the operations on a builder. */
export function build(list: readonly Op[], start: MessageBuilder = message()): MessageBuilder {
  let b = start
  for (const op of list) {
    switch (op[0]) {
      case 'text':
      case 'line':
      case 'code':
        b = b[op[0]](op[1])
        break
      case 'to':
        b = b.to(op[1], op[2])
        break
      case 'reply':
        b = b.reply(op[1], op[2])
        break
      case 'toAll':
      case 'hr':
        b = b[op[0]]()
        break
      case 'picon':
      case 'pname':
      case 'piconname':
        b = b[op[0]](op[1])
        break
      case 'preview':
        b = b.preview(op[1], op[2])
        break
      case 'info':
        b = op.length === 3 ? b.info(content(op[1]), content(op[2])) : b.info(content(op[1]))
        break
      case 'title':
        b = b.title(content(op[1]))
        break
      case 'quote':
        b = b.quote(op[1], content(op[2]))
        break
      case 'append': {
        const value = content(op[1])
        b = b.append(typeof value === 'function' ? value(message()) : value)
        break
      }
    }
  }
  return b
}

const SPELLING = new Set(['position', 'source', 'open', 'close', 'meta'])

/** A copy of a tree without positions and source spellings, which hand-made trees do not have. */
export function strip<T extends Node>(node: T): T {
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    if (SPELLING.has(key)) continue
    copy[key] = key === 'children' ? (value as Node[]).map(strip) : value
  }
  return copy as T
}

/** The node types that hold literal text. */
export const TEXT_LEVEL = new Set(['text', 'link', 'emoticon'])
