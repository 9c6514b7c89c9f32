import { readFile } from 'node:fs/promises'
import peggy from 'peggy'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a build-time peggy plugin written in plain JavaScript, without types
import * as compactErrors from '../../grammar/compact-errors.js'

const CHATWORK_GRAMMAR = await readFile(new URL('../../grammar/chatwork.peggy', import.meta.url), 'utf8')

/** Generates an ES module parser from `grammar` with the plugin, as `npm run grammar` does. */
function generate(grammar: string, allowedStartRules: string[]): string {
  return peggy.generate(grammar, { output: 'source', format: 'es', allowedStartRules, plugins: [compactErrors] })
}

/** Loads generated ES module code. */
async function load(code: string): Promise<{ parse: (input: string, options?: object) => unknown; SyntaxError: typeof SyntaxError }> {
  return import(`data:text/javascript,${encodeURIComponent(code)}`)
}

describe('the compact-errors grammar plugin', () => {
  it('leaves no failure reporting in the chatwork parser, which still parses', async () => {
    const code = generate(CHATWORK_GRAMMAR, ['Body', 'Inline'])
    for (const gone of ['format(sources)', 'buildMessage', 'peg$fail', 'peg$e0', 'peg$computeLocation', 'function location(', 'peg$library', 'peg$silentFails']) {
      expect(code).not.toContain(gone)
    }
    const { parse } = await load(code)
    // actions that find no tag: the text before `[` and from it are skipped runs
    const actions = { tag: () => null, closer: () => null }
    expect(parse('plain [text]', { startRule: 'Body', actions })).toEqual([null, null])
  })

  it('throws a SyntaxError with the offset where parsing stopped, should the parser fail', async () => {
    const { parse, SyntaxError: ParserSyntaxError } = await load(generate('start "greeting" = "hello"', ['start']))
    expect(parse('hello')).toBe('hello')
    let thrown: unknown
    try {
      parse('help')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ParserSyntaxError)
    expect(thrown).toBeInstanceOf(SyntaxError)
    expect((thrown as Error).message).toBe('Unexpected input at offset 0.')
  })

  it('refuses a start rule that is not named, since it records failures', () => {
    expect(() => generate('start = "hello"', ['start'])).toThrow(/start rule start is not named/)
  })

  it('refuses a grammar whose actions ask for locations', () => {
    expect(() => generate('start "greeting" = "hello" { return location() }', ['start'])).toThrow(/location\(\) is still called/)
  })

  it('fails the build when peggy emits something else', () => {
    const config = { passes: { generate: [] as ((ast: object, options: object) => void)[] } }
    compactErrors.use(config)
    const ast = { rules: [{ name: 'start', expression: { type: 'named' } }], code: { toString: () => 'function peg$parse(input) {}' } }
    expect(() => config.passes.generate[0](ast, { allowedStartRules: ['start'] })).toThrow(/error class has changed/)
  })
})
