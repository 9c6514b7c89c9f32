import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EXIT, SKIP, mentions, parse, toPlainText, visit, type Node } from 'chatwork-kit/markup'
import { markupish } from '../helpers/arbitraries.ts'

describe('visit', () => {
  const tree = parse('[To:1]a[info][To:2][qt][To:3][/qt][/info][To:4]')

  it('walks in document order, filtered by type, with index and parent', () => {
    const seen: [number, number | undefined, string | undefined][] = []
    visit(tree, 'to', (node, index, parent) => {
      seen.push([node.accountId, index, parent?.type])
    })
    expect(seen).toEqual([
      [1, 0, 'root'],
      [2, 0, 'info'],
      [3, 0, 'quote'],
      [4, 3, 'root'],
    ])
  })

  it('accepts a list of types or a predicate', () => {
    const types: string[] = []
    visit(tree, ['info', 'quote'], (node) => {
      types.push(node.type)
    })
    expect(types).toEqual(['info', 'quote'])
    let count = 0
    visit(tree, (node) => node.type === 'text', () => {
      count++
    })
    expect(count).toBe(1)
  })

  it('SKIP leaves children out and EXIT stops', () => {
    const ids: number[] = []
    visit(tree, (node) => {
      if (node.type === 'quote') return SKIP
      if (node.type === 'to') ids.push(node.accountId)
      if (node.type === 'to' && node.accountId === 2) return EXIT
    })
    expect(ids).toEqual([1, 2])
    const skipped: number[] = []
    visit(tree, (node) => {
      if (node.type === 'quote') return SKIP
      if (node.type === 'to') skipped.push(node.accountId)
    })
    expect(skipped).toEqual([1, 2, 4])
  })

  it('visits every node exactly once', () => {
    fc.assert(
      fc.property(markupish, (body) => {
        const tree = parse(body)
        const seen = new Set<Node>()
        visit(tree, (node) => {
          expect(seen.has(node)).toBe(false)
          seen.add(node)
        })
        const count = (node: Node): number => 1 + ('children' in node ? node.children.reduce((sum, child) => sum + count(child), 0) : 0)
        expect(seen.size).toBe(count(tree))
      }),
    )
  })
})

describe('mentions', () => {
  it('counts only what notifies (spec §8 example)', () => {
    expect(mentions('[To:12] A [rp aid=13 to=7-42] B [qt][qtmeta aid=14 time=1700000000][To:99][/qt] [code][To:98][/code]')).toEqual({
      toAll: false,
      accountIds: [12],
      replies: [{ accountId: 13, roomId: 7, messageId: '42' }],
    })
  })

  it('sees toall, nested blocks, and reports each account and reply once', () => {
    expect(mentions('[toall][info][To:1][title][To:2][/title][/info][To:1][rp aid=3 to=4-5][rp aid=3 to=4-5]')).toEqual({
      toAll: true,
      accountIds: [1, 2],
      replies: [{ accountId: 3, roomId: 4, messageId: '5' }],
    })
  })

  it('ignores malformed mentions and accepts a tree', () => {
    expect(mentions(parse('[To:abc][To: 1][toal][qt][toall][/qt]'))).toEqual({ toAll: false, accountIds: [], replies: [] })
  })
})

describe('toPlainText', () => {
  it.each([
    ['[To:1] Hi [info][title]Weather[/title]Sunny :)[/info]', ' Hi \nWeather\nSunny :)'],
    ['[qt][qtmeta aid=1 time=2]x[/qt]\nafter', 'x\nafter'],
    ['[info]a[/info]\nb', 'a\nb'],
    ['a[hr]b', 'a\nb'],
    ['[code]\nls -l\n[/code]\nnext', 'ls -l\nnext'],
    ['[code][To:1][/code]', '[To:1]'],
    ['[rp aid=1 to=2-3]Bob, ok[picon:1][preview id=1 ht=2]', 'Bob, ok'],
    ['a[dtext:no_such_key]b', 'a[dtext:no_such_key]b'],
    ['[deleted]', ''],
    ['[date:0]', '1970-01-01'],
    ['[date:8640000000001]', '8640000000001'],
    ['[To:1 x', '[To:1 x'],
  ])('%j', (body, expected) => {
    expect(toPlainText(body)).toBe(expected)
  })

  it('expands dtext in the locale and names accounts on request', () => {
    const body = '[info][title][dtext:chatroom_groupchat_created][/title][dtext:chatroom_member_is][piconname:367][dtext:chatroom_added][/info]'
    expect(toPlainText(body)).toBe('New group chat created.\n joined the group.')
    expect(toPlainText(body, { locale: 'ja', accountName: (id) => (id === 367 ? '山田' : undefined) })).toBe('新しくグループチャットを作成しました。\nメンバー「山田」を追加しました。')
  })

  it.each([
    ['[To:1] 山田さん [toall]', '[To] 山田さん [toall]'],
    ['[rp aid=1 to=2-3]Bob, ok', '[RE]Bob, ok'],
    ['[qt][qtmeta aid=1 time=2]quoted[/qt]after', '"quotedafter'],
    ['[info][title]Weather[/title]Sunny :)[/info]', '[Weather:Sunny :)]'],
    ['a[hr]b', 'a --- b'],
    ['see [code]npm test[/code]', 'see [Code]'],
    ['[picon:1][preview id=1 ht=2][download:3]a.txt (1 KB)[/download]', ''],
    ['[task aid=1 st=open lt=0]Review[/task]', '[Review]'],
    ['[dtext:task_added][date:0][live id=1 rid=2]', 'Task assigned.1970-01-01[ChatWork Live]'],
    ['[\u200Btoall]', '[toall]'],
  ])('in the web client\'s form: %j', (body, expected) => {
    expect(toPlainText(body, { form: 'client' })).toBe(expected)
  })

  it('names accounts in the web client\'s form too, and takes any depth', () => {
    expect(toPlainText('[piconname:367]', { form: 'client', accountName: () => '山田' })).toBe('山田')
    const depth = 100_000
    expect(toPlainText('[info]'.repeat(depth) + 'x' + '[/info]'.repeat(depth), { form: 'client' })).toBe('['.repeat(depth) + 'x' + ']'.repeat(depth))
  })

  it('removes the invisible marks of escapeText', () => {
    expect(toPlainText('[\u200Btoall] and [\u200B/info]')).toBe('[toall] and [/info]')
  })

  it('never throws and keeps all literal text', () => {
    fc.assert(
      fc.property(fc.string(), (body) => {
        if (!/[[:;(|\]8h]/.test(body)) expect(toPlainText(body)).toBe(body.replaceAll('[\u200B', '['))
        toPlainText(body)
      }),
    )
  })
})
