import { describe, expect, it } from 'vitest'
// @ts-expect-error: a build-time peggy plugin written in plain JavaScript, without types
import { use } from '../grammar/compact-errors.js'
import { SyntaxError as GrammarSyntaxError } from '../src/generated/grammar.js'

type Pass = (ast: { code: { toString(): string } }) => void

/** The pass the plugin adds to peggy's generate stage. */
function compactErrorsPass(): Pass {
  const config = { passes: { generate: [] as Pass[] } }
  use(config)
  return config.passes.generate[0]
}

/** A stand-in for peggy's SourceNode: a string that can be rebuilt. */
class Code {
  constructor(
    _line: null,
    _column: null,
    _source: null,
    readonly text: string,
  ) {}
  toString(): string {
    return this.text
  }
}

describe('the compact-errors grammar plugin', () => {
  it('replaces the message formatter of the generated error class, keeping the class', () => {
    const generated = 'class peg$SyntaxError extends SyntaxError {\n  constructor() {}\n\n  format(sources) {\n    return 1;\n  }\n}\n\nfunction peg$parse(input) {}'
    const ast = { code: new Code(null, null, null, generated) }
    compactErrorsPass()(ast)
    const code = ast.code.toString()
    expect(code).not.toContain('format(sources)')
    expect(code).toContain('static buildMessage(expected, found)')
    expect(code).toMatch(/^class peg\$SyntaxError extends SyntaxError \{\n {2}constructor\(\) \{\}\n/)
    expect(code.endsWith('\n}\n\nfunction peg$parse(input) {}')).toBe(true)
  })

  it('fails the build when peggy emits something else', () => {
    const ast = { code: new Code(null, null, null, 'function peg$parse(input) {}') }
    expect(() => compactErrorsPass()(ast)).toThrow(/compact-errors/)
  })

  it('leaves a working error class in the generated parser', () => {
    const error = new GrammarSyntaxError(GrammarSyntaxError.buildMessage([], '['), [], '[', undefined as never)
    expect(error.message).toBe('Unexpected "[".')
    expect(error.name).toBe('SyntaxError')
  })
})
