import { describe, expect, it } from 'vitest'
// @ts-expect-error: a build-time peggy plugin written in plain JavaScript, without types
import { use } from '../grammar/compact-errors.js'
import { SyntaxError as GrammarSyntaxError } from '../src/generated/grammar.js'

interface Ast {
  rules: { name: string; expression: { type: string } }[]
  code: { toString(): string }
}
type Pass = (ast: Ast, options: { allowedStartRules: string[] }) => void

const NAMED_START = { allowedStartRules: ['Body'] }

/** A grammar AST whose start rule is named (or not), holding `code`. */
function grammar(generated: string, startType = 'named'): Ast {
  return { rules: [{ name: 'Body', expression: { type: startType } }], code: new Code(null, null, null, generated) }
}

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

/** The shape of what peggy generates, reduced to what the plugin looks for. */
const GENERATED = [
  'class peg$SyntaxError extends SyntaxError {',
  '  constructor() {}',
  '',
  '  format(sources) {',
  '    return 1;',
  '  }',
  '}',
  '',
  'function peg$parse(input) {',
  '  const peg$c0 = "[";',
  '  const peg$e0 = peg$literalExpectation("[", false);',
  '  if (input.charCodeAt(peg$currPos) === 91) { peg$currPos++; } else { s1 = peg$FAILED; if (peg$silentFails === 0) { peg$fail(peg$e0); } }',
  '}',
].join('\n')

describe('the compact-errors grammar plugin', () => {
  it('replaces the message formatter of the generated error class, keeping the class', () => {
    const ast = grammar(GENERATED)
    compactErrorsPass()(ast, NAMED_START)
    const code = ast.code.toString()
    expect(code).not.toContain('format(sources)')
    expect(code).toContain('static buildMessage(expected, found)')
    expect(code).toMatch(/^class peg\$SyntaxError extends SyntaxError \{\n {2}constructor\(\) \{\}\n/)
    expect(code).toContain('\n}\n\nfunction peg$parse(input) {\n  const peg$c0 = "[";\n')
  })

  it('drops the expectations, which a named start rule never records', () => {
    const ast = grammar(GENERATED)
    compactErrorsPass()(ast, NAMED_START)
    const code = ast.code.toString()
    expect(code).not.toMatch(/peg\$e\d/)
    expect(code).toContain('if (input.charCodeAt(peg$currPos) === 91) { peg$currPos++; } else { s1 = peg$FAILED;  }')
  })

  it('refuses a start rule that is not named, since it records failures', () => {
    expect(() => compactErrorsPass()(grammar(GENERATED, 'choice'), NAMED_START)).toThrow(/Body is not named/)
  })

  it('fails the build when peggy emits something else', () => {
    expect(() => compactErrorsPass()(grammar('function peg$parse(input) {}'), NAMED_START)).toThrow(/error class has changed/)
    const unknownUse = GENERATED.replace('peg$fail(peg$e0);', 'peg$fail(peg$e0, 1);')
    expect(() => compactErrorsPass()(grammar(unknownUse), NAMED_START)).toThrow(/expectations are used/)
  })

  it('leaves a working error class in the generated parser', () => {
    const error = new GrammarSyntaxError(GrammarSyntaxError.buildMessage([], '['), [], '[', undefined as never)
    expect(error.message).toBe('Unexpected "[".')
    expect(error.name).toBe('SyntaxError')
  })
})
