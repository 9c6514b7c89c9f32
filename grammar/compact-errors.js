// A peggy plugin that shortens the generated parser's error reporting.
//
// Both start rules of chatwork.peggy match every string, so the parser never
// throws its SyntaxError; yet peggy emits a message formatter (escaping,
// expectation lists, source excerpts) that is a third of the parser's bundle,
// and every import of the parser (the client's `message.tree` included)
// carries it. This keeps the error class and its fields, and replaces the
// formatter with a one-line message. It fails the build, rather than emit a
// broken parser, if a peggy upgrade changes the code it looks for. (The
// generated .d.ts still declares `format()`; nothing in src/ calls it.)

const FORMATTER_START = '\n  format(sources) {'
const CLASS_END = '\n}\n\nfunction peg$parse('

const COMPACT_FORMATTER = `
  static buildMessage(expected, found) {
    return "Unexpected " + (found === null ? "end of input" : JSON.stringify(found)) + ".";
  }`

function compactErrors(ast) {
  const code = ast.code.toString()
  const start = code.indexOf(FORMATTER_START)
  const end = code.indexOf(CLASS_END, start)
  if (start === -1 || end === -1) throw new Error('compact-errors: the generated error class has changed; update grammar/compact-errors.js')
  ast.code = new ast.code.constructor(null, null, null, code.slice(0, start) + COMPACT_FORMATTER + code.slice(end))
}

export function use(config) {
  config.passes.generate.push(compactErrors)
}
