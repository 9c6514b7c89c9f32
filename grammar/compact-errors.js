// A peggy plugin that drops the generated parser's error reporting, which
// chatwork.peggy never uses but every import of the parser (the client's
// `message.tree` included) would carry: about 1 KB of its 5 KB, min+gz.
//
// - Both start rules match every string, so the parser never throws its
//   SyntaxError. The class and its fields stay; its message formatter
//   (escaping, expectation lists, source excerpts) becomes one line.
// - Both start rules are named (`Body "message"`), which silences failure
//   recording inside them, so the expectation constants and the calls that
//   record them are dead code. This is checked, not assumed.
//
// The build fails, rather than emit a broken parser, if a peggy upgrade
// changes the code this looks for. (The generated .d.ts still declares
// `format()`; nothing in src/ calls it.)

const FORMATTER_START = '\n  format(sources) {'
const CLASS_END = '\n}\n\nfunction peg$parse('
const EXPECTATION = /^ {2}const peg\$e\d+ = .*;\n/gm
const RECORD_FAILURE = /if \(peg\$silentFails === 0\) \{ peg\$fail\(peg\$e\d+\); \}/g

const COMPACT_FORMATTER = `
  static buildMessage(expected, found) {
    return "Unexpected " + (found === null ? "end of input" : JSON.stringify(found)) + ".";
  }`

function fail(reason) {
  throw new Error(`compact-errors: ${reason}; update grammar/compact-errors.js`)
}

function compactErrors(ast, options) {
  for (const name of options.allowedStartRules) {
    const rule = ast.rules.find((r) => r.name === name)
    if (rule?.expression.type !== 'named') fail(`start rule ${name} is not named, so it records failures`)
  }
  let code = ast.code.toString()
  const start = code.indexOf(FORMATTER_START)
  const end = code.indexOf(CLASS_END, start)
  if (start === -1 || end === -1) fail('the generated error class has changed')
  code = code.slice(0, start) + COMPACT_FORMATTER + code.slice(end)
  code = code.replace(EXPECTATION, '').replace(RECORD_FAILURE, '')
  if (/peg\$e\d/.test(code)) fail('expectations are used in a way this does not know')
  ast.code = new ast.code.constructor(null, null, null, code)
}

export function use(config) {
  config.passes.generate.push(compactErrors)
}
