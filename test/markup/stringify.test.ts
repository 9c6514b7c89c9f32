import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ESCAPE_MARK as Z, parse, quote, stringify, text, to, type Content, type Root } from 'chatwork-kit/markup'
import { blockish, markupish } from '../helpers/arbitraries.ts'
import { apply, edit, nodesOf, said, seamy, tagsSaid } from '../helpers/semantic.ts'

/** Parses `body`, changes its first node of `type` with `change`, and prints the tree. */
function edited<T extends Content['type']>(body: string, type: T, change: (node: Extract<Content, { type: T }>) => void): string {
  const tree = parse(body)
  const found = nodesOf(tree).find(({ node }) => node.type === type)
  if (found === undefined) throw new Error(`no ${type} in ${body}`)
  change(found.node as Extract<Content, { type: T }>)
  return stringify(tree)
}

/** Parses `body`, removes every node of the types given, and prints the tree. */
function without(body: string, ...types: string[]): string {
  const tree = parse(body)
  for (const { node, parent } of nodesOf(tree).reverse()) if (types.includes(node.type)) parent.children.splice(parent.children.indexOf(node), 1)
  return stringify(tree)
}

describe('stringify: edited nodes print their new values', () => {
  it('prints a node whose fields still match its spelling as written', () => {
    for (const body of ['[TO:1]', '[rp to=2-3 aid=1]', '[rp   aid=1   to=2:3 x=y ]', '[qtmeta aid=01 time=2 foo=bar]', '[To:12 3]', '[INFO a=b]x[/INFO]', '[qt][qtmeta  aid=1]q[/qt]\n', '[CODE lang=js]x[/CODE]', '[DELETED]']) {
      const tree = parse(body)
      expect(stringify(tree)).toBe(body)
      expect(stringify(structuredClone(tree))).toBe(body)
    }
  })

  it('writes changed ids into the old spelling: name case, attribute order and extra attributes kept', () => {
    expect(edited('[TO:1] hi', 'to', (n) => (n.accountId = 5))).toBe('[TO:5] hi')
    expect(edited('[To:12 3]', 'to', (n) => (n.accountId = 7))).toBe('[To:7 3]')
    expect(edited('[Picon:1]', 'picon', (n) => (n.accountId = 70))).toBe('[Picon:70]')
    expect(edited('[rp to=2-3 aid=1 x=y]', 'reply', (n) => (n.messageId = '1928374655918273645'))).toBe('[rp to=2-1928374655918273645 aid=1 x=y]')
    expect(edited('[rp to=2:3 aid=1]', 'reply', (n) => (n.accountId = 9))).toBe('[rp to=2:3 aid=9]')
    expect(edited('[Rp  aid=1  to=2-3 ]', 'reply', (n) => (n.roomId = 8))).toBe('[Rp  aid=1  to=8-3 ]')
    expect(edited('[qtmeta aid=1 foo=bar]', 'qtmeta', (n) => (n.time = 1700000000))).toBe('[qtmeta aid=1 foo=bar time=1700000000]')
    expect(edited('[qtmeta aid=1 time=2 time=3]', 'qtmeta', (n) => delete n.time)).toBe('[qtmeta aid=1]')
    expect(edited('[preview id=1 ht=100]', 'preview', (n) => delete n.height)).toBe('[preview id=1]')
    expect(edited('[preview ht=abc id=1]', 'preview', (n) => (n.height = 50))).toBe('[preview ht=50 id=1]')
    expect(edited('[dtext:file_uploaded]', 'dtext', (n) => (n.key = 'task_added'))).toBe('[dtext:task_added]')
    expect(edited('[date:1]', 'date', (n) => (n.time = 2))).toBe('[date:2]')
    expect(edited('[live rid=2 id=1]', 'live', (n) => (n.id = 3))).toBe('[live rid=2 id=3]')
    expect(edited('[download:1]f.zip[/download]', 'download', (n) => (n.fileId = 2))).toBe('[download:2]f.zip[/download]')
    expect(edited('[task aid=1 st=open lt=0]x[/task]', 'task', (n) => (n.status = 'done'))).toBe('[task aid=1 st=done lt=0]x[/task]')
    expect(edited('[task lt=0 aid=1 st=open]x[/task]', 'task', (n) => (n.accountIds = [1, 2]))).toBe('[task lt=0 aid=1,2 st=open]x[/task]')
  })

  it('edits the folded [qtmeta] of a quote, and adds or drops the header', () => {
    expect(edited('[QT][qtmeta time=2 aid=1]q[/QT]', 'quote', (n) => (n.accountId = 5))).toBe('[QT][qtmeta time=2 aid=5]q[/QT]')
    expect(edited('[qt][qtmeta aid=1 time=2]q[/qt]', 'quote', (n) => delete n.time)).toBe('[qt][qtmeta aid=1]q[/qt]')
    expect(edited('[qt][qtmeta aid=1 time=2]q[/qt]', 'quote', (n) => (delete n.accountId, delete n.time))).toBe('[qt]q[/qt]')
    expect(edited('[QT]q[/QT]', 'quote', (n) => ((n.accountId = 3), (n.time = 4)))).toBe('[QT][qtmeta aid=3 time=4]q[/QT]')
  })

  it('falls back to canonical markup where the old spelling cannot say the node', () => {
    // the type changed, so the spelling says another tag
    expect(edited('[TO:1]', 'to', (n) => ((n as unknown as Content).type = 'picon'))).toBe('[picon:1]')
    // a spelling that is no tag at all
    expect(edited('[To:1]', 'to', (n) => (n.source = 'hello'))).toBe('[To:1]')
    expect(edited('[INFO]x[/INFO]', 'info', (n) => (n.open = '[qt]'))).toBe('[info]x[/info]')
    // the closer always repeats the opener as printed
    expect(edited('[INFO]x[/INFO]', 'info', (n) => (n.close = '[/info]'))).toBe('[INFO]x[/INFO]')
  })

  it('prints a code block whose content was changed without letting it end early', () => {
    expect(edited('[code]x[/code]', 'code', (n) => (n.value = 'a[/code]b'))).toBe(`[code]a[${Z}/code]b[/code]`)
    expect(edited('[CODE]x[/CODE]', 'code', (n) => (n.value = '[/code]'))).toBe('[CODE][/code][/CODE]')
    expect(parse(edited('[info][code]x[/code][/info]', 'code', (n) => (n.value = '[/info]'))).children[0]).toMatchObject({ type: 'info', children: [{ type: 'code' }] })
  })

  it('prints text as text: a tag in a changed text value gets the escape mark', () => {
    expect(edited('hi', 'text', (n) => (n.value = '[toall] hi'))).toBe(`[${Z}toall] hi`)
    expect(edited('[info]x[/info]', 'text', (n) => (n.value = 'a[/info]b'))).toBe(`[info]a[${Z}/info]b[/info]`)
    // an opener that stays text where it stands prints as written
    expect(edited('[info]x[/info]', 'text', (n) => (n.value = 'a[qt]b'))).toBe('[info]a[qt]b[/info]')
  })

  it('prints the line feed that Chatwork swallows after a quote or code when the text after it starts with one', () => {
    const quoted = parse('[qt]a[/qt]b')
    quoted.children[1] = { type: 'text', value: '\nb' }
    expect(stringify(quoted)).toBe('[qt]a[/qt]\n\nb')
    const tree: Root = { type: 'root', children: [{ type: 'code', value: 'x' }, { type: 'text', value: '\ny' }] }
    expect(stringify(tree)).toBe('[code]x[/code]\n\ny')
  })

  it('prints hand-made nodes spliced into a parsed tree as canonical markup', () => {
    const tree = parse('[INFO]a[/INFO]')
    const block = tree.children[0] as Extract<Content, { type: 'info' }>
    block.children.push(to(1), quote({ accountId: 2 }, 'q'), text('[hr]'))
    expect(stringify(tree)).toBe(`[INFO]a[To:1][qt][qtmeta aid=2]q[/qt][${Z}hr][/INFO]`)
  })
})

describe('stringify: removing nodes never creates tags (issue 21, item 11)', () => {
  it('escapes the seam where text on both sides of a removed node would form a tag', () => {
    expect(without('[[toall]toall] hi', 'toall')).toBe(`[${Z}toall] hi`)
    expect(without('[[To:1]To:2]', 'to')).toBe(`[${Z}To:2]`)
    expect(parse(without('[in[toall]fo]x[/info]', 'toall')).children.map((node) => node.type)).toEqual(['text'])
    expect(without('[To:1[hr]]', 'hr')).toBe(`[${Z}To:1]`)
    // an emoticon or a link that completes the tag is text too
    const grin = parse('[To:1 x[hr]]:)')
    grin.children.splice(1, 1)
    expect(parse(stringify(grin)).children.map((node) => node.type)).toEqual(['text', 'emoticon'])
  })

  it('keeps apart an opener and a closer that a removed node kept from pairing', () => {
    const printed = without('[info]x[code][info][/code][/info]', 'code')
    expect(parse(printed).children.map((node) => node.type)).toEqual(['text'])
    expect(printed.replaceAll(Z, '')).toBe('[info]x[/info]')
  })

  it('marks a whole body that became [deleted]', () => {
    expect(without('[del[hr]eted]', 'hr')).toBe(`[${Z}deleted]`)
    expect(stringify({ type: 'root', children: [{ type: 'text', value: '[DELETED]' }] })).toBe(`[${Z}DELETED]`)
    expect(stringify({ type: 'root', children: [{ type: 'deleted' }] })).toBe('[deleted]')
  })

  it('law: for any parsed tree with any nodes removed, the printed markup has no tag the tree does not have', () => {
    fc.assert(
      fc.property(fc.oneof(markupish, blockish, seamy), fc.array(fc.boolean(), { maxLength: 60 }), (body, removed) => {
        const tree = parse(body)
        nodesOf(tree)
          .filter((_, i) => removed[i % Math.max(removed.length, 1)] === true)
          .reverse()
          .forEach(({ node, parent }) => parent.children.includes(node) && parent.children.splice(parent.children.indexOf(node), 1))
        const back = tagsSaid(parse(stringify(tree)).children)
        const kept = tagsSaid(tree.children)
        for (const tag of back) expect(kept).toContain(tag)
        expect(back).toEqual(kept)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('stringify: edit laws', () => {
  it('for every parsed tree and every edit of ids, times, values and children, parse(stringify(edited)) says what the edited tree says', () => {
    fc.assert(
      fc.property(fc.oneof(markupish, blockish, seamy), fc.array(edit, { maxLength: 6 }), (body, edits) => {
        const tree = parse(body)
        for (const change of structuredClone(edits)) apply(tree, change)
        const printed = stringify(tree)
        expect(said(parse(printed).children)).toEqual(said(tree.children))
      }),
      { numRuns: 3000 },
    )
  })

  it('an unedited tree prints byte for byte, also after a deep copy (no hidden state)', () => {
    fc.assert(
      fc.property(fc.oneof(markupish, blockish), (body) => {
        expect(stringify(structuredClone(parse(body)))).toBe(body)
      }),
      { numRuns: 1000 },
    )
  })

  it('prints a tree whose getter prints another tree while it is printed', () => {
    const inner = parse('[info][qt]q[/qt] [toall][/info]')
    const outer: Root = { type: 'root', children: [{ type: 'text', value: 'a[info]' }, { type: 'info', children: [] }] }
    Object.defineProperty(outer.children[1], 'children', { get: () => [{ type: 'text', value: stringify(inner) }] })
    // the text pairs with itself, so every opener and closer in text gets the mark
    expect(stringify(outer)).toBe(`a[${Z}info][info][${Z}info][${Z}qt]q[${Z}/qt] [${Z}toall][${Z}/info][/info]`)
    expect(stringify(inner)).toBe('[info][qt]q[/qt] [toall][/info]')
  })

  it('prints and checks trees nested 100,000 deep without overflowing the stack', () => {
    // the text opener would pair with the first closer: the printer must notice, and mark it
    let tree: Content = { type: 'text', value: '[info]' }
    for (let i = 0; i < 100_000; i++) tree = { type: 'info', children: [tree] }
    expect(stringify(tree)).toBe('[info]'.repeat(100_000) + `[${Z}info]` + '[/info]'.repeat(100_000))
  })
})
