import { describe, expect, it } from 'vitest'
import { mentions, parse, stringify, toPlainText, visit } from 'chatwork-kit/markup'

const N = 100_000

/** Depth of the deepest node. */
function depth(body: string): number {
  let deepest = 0
  const depths = new Map<object, number>()
  visit(parse(body, { positions: false }), (node, _, parent) => {
    const d = parent ? depths.get(parent)! + 1 : 0
    depths.set(node, d)
    deepest = Math.max(deepest, d)
  })
  return deepest
}

describe('hostile input', () => {
  it.each(['[qt]', '[info]', '[code]', '[To:1 ', '[rp aid=1 to=', '(', 'http://x/('])('%j repeated 100,000 times parses as literal text', (unit) => {
    const body = unit.repeat(N)
    const tree = parse(body)
    expect(stringify(tree)).toBe(body)
  })

  it('100,000 nested and closed blocks parse, print and walk without overflowing the stack', () => {
    const body = '[qt]'.repeat(N) + 'x' + '[/qt]'.repeat(N) + '[info]'.repeat(N) + '[To:1]' + '[/info]'.repeat(N)
    const tree = parse(body)
    expect(stringify(tree)).toBe(body)
    expect(depth(body)).toBe(N + 1)
    expect(mentions(tree)).toEqual({ toAll: false, accountIds: [1], replies: [] })
    expect(toPlainText(tree)).toBe('x\n')
  })

  it.each(['a[hr]', '[info]x[/info]', '[code]x[/code]'])('toPlainText of %j repeated to 1 MB puts each block on its own line, in linear time', (unit) => {
    const count = Math.ceil(1_000_000 / unit.length)
    // before, each block asked the growing output whether it ended with a line feed: 67 s for a[hr]
    const lines = toPlainText(unit.repeat(count)).split('\n')
    expect(lines.filter((line) => line !== '')).toHaveLength(unit === 'a[hr]' ? count : count)
    expect(new Set(lines.filter((line) => line !== ''))).toEqual(new Set([unit === 'a[hr]' ? 'a' : 'x']))
  }, 30_000)

  it('a 1 MB body of mixed markup round-trips', () => {
    const unit = '[To:123] 山田さん :) see https://example.com/a(b)c [info][title]T[/title]body[/info]\n[qt][qtmeta aid=1 time=2]q[/qt]\n[code][/x][/code] [foo [bar] '
    const body = unit.repeat(Math.ceil(1_000_000 / unit.length))
    const tree = parse(body)
    expect(stringify(tree)).toBe(body)
    expect(tree.children.filter((n) => n.type === 'info')).toHaveLength(Math.ceil(1_000_000 / unit.length))
  })
})
