// A peggy plugin that drops the generated parser's failure reporting, which
// chatwork.peggy never uses but every import of the parser (the client's
// `message.tree` included) would carry: about 1.5 KB of its 5 KB, min+gz,
// and a sixth of the functions each call of the parser creates.
//
// - Both start rules match every string, so the parser never fails. Should
//   it (a bug), it throws its SyntaxError with the offset where it stopped,
//   instead of peggy's list of expectations and source excerpt.
// - Both start rules are named (`Body "message"`), which silences failure
//   recording inside them, so the expectation constants, the calls that
//   record them and the silencing itself are dead code. This is checked, not
//   assumed.
// - No action asks for location(), range(), expected() or error().
// - Library mode (`options.peg$library`, for grammars that import others) is
//   not used.
//
// The build fails, rather than emit a broken parser, if a peggy upgrade or a
// grammar change breaks any of this. (The generated .d.ts still declares
// `format()` and `buildMessage()`; nothing in src/ calls them.)

const CLASS_START = 'class peg$SyntaxError extends SyntaxError {'
const CLASS_END = '\n}\n\nfunction peg$parse('
const COMPACT_CLASS = `class peg$SyntaxError extends SyntaxError {
  constructor(message, expected, found, location) {
    super(message);
    this.expected = expected;
    this.found = found;
    this.location = location;
    this.name = "SyntaxError";
  }`

/** Inner functions of `peg$parse` that only report failures, or give actions locations. */
const FAILURE_REPORTING = [
  'range',
  'location',
  'expected',
  'error',
  'peg$getUnicode',
  'peg$literalExpectation',
  'peg$classExpectation',
  'peg$anyExpectation',
  'peg$endExpectation',
  'peg$otherExpectation',
  'peg$computePosDetails',
  'peg$computeLocation',
  'peg$fail',
  'peg$buildSimpleError',
  'peg$buildStructuredError',
  'peg$throw',
]

const COMPACT_THROW = `
  function peg$throw() {
    throw new peg$SyntaxError("Unexpected input at offset " + peg$currPos + ".", [], null, undefined);
  }
`

/** State that only the removed code reads. */
const UNUSED_STATE = ['peg$source', 'peg$posDetailsCache', 'peg$maxFailPos', 'peg$maxFailExpected', 'peg$silentFails']

const LIBRARY_MODE = /\n {2}if \(options\.peg\$library\) \{\n.*?\n {2}\}\n/s

const EXPECTATION = /^ {2}const peg\$e\d+ = .*;\n/gm
const SILENCE = /^ {4}peg\$silentFails(?:\+\+|--);\n/gm
const RECORD_FAILURE = /if \(peg\$silentFails === 0\) \{ peg\$fail\(peg\$e\d+\); \}/g

function fail(reason) {
  throw new Error(`compact-errors: ${reason}; update grammar/compact-errors.js`)
}

const escape = (name) => name.replaceAll('$', '\\$')

function removeFunction(code, name) {
  const declaration = new RegExp(`\\n {2}function ${escape(name)}\\([^)]*\\) \\{\\n.*?\\n {2}\\}\\n`, 's')
  if (!declaration.test(code)) fail(`the generated parser has no function ${name}`)
  return code.replace(declaration, '\n')
}

function compactErrors(ast, options) {
  for (const name of options.allowedStartRules) {
    const rule = ast.rules.find((r) => r.name === name)
    if (rule?.expression.type !== 'named') fail(`start rule ${name} is not named, so it records failures`)
  }
  let code = ast.code.toString()
  const start = code.indexOf(CLASS_START)
  const end = code.indexOf(CLASS_END, start)
  if (start === -1 || end === -1) fail('the generated error class has changed')
  code = code.slice(0, start) + COMPACT_CLASS + code.slice(end)
  code = code.replace(EXPECTATION, '').replace(RECORD_FAILURE, '').replace(SILENCE, '')
  for (const name of FAILURE_REPORTING) code = removeFunction(code, name)
  const called = new RegExp(`(?<![\\w$.])(${FAILURE_REPORTING.map(escape).join('|')})\\(`).exec(code)
  if (called !== null && called[1] !== 'peg$throw') fail(`${called[1]}() is still called`)
  if (/peg\$e\d/.test(code)) fail('expectations are used in a way this does not know')
  if (!LIBRARY_MODE.test(code)) fail('the library mode of peg$parse has changed')
  code = code.replace(LIBRARY_MODE, '\n')
  for (const name of UNUSED_STATE) {
    const declaration = new RegExp(`^ {2}(?:const|let) ${escape(name)} = .*;\\n`, 'm')
    if (!declaration.test(code)) fail(`the generated parser has no ${name}`)
    code = code.replace(declaration, '')
    if (new RegExp(`(?<![\\w$])${escape(name)}(?![\\w$])`).test(code)) fail(`${name} is still read`)
  }
  const tail = code.indexOf('\n  if (peg$success) {')
  if (tail === -1) fail('the end of peg$parse has changed')
  code = code.slice(0, tail) + COMPACT_THROW + code.slice(tail + 1)
  ast.code = new ast.code.constructor(null, null, null, code)
}

export function use(config) {
  config.passes.generate.push(compactErrors)
}
