import fc from 'fast-check'

const TAG_NAMES = ['To', 'to', 'TO', 'toall', 'rp', 'Rp', 'qt', 'QT', 'qtmeta', 'info', 'INFO', 'Info', 'title', 'hr', 'code', 'CODE', 'picon', 'pname', 'piconname', 'preview', 'download', 'task', 'dtext', 'deleted', 'date', 'live', 'foo', '返信', '引用']

/** Pieces that make tags, near-tags and the text around them likely. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('[', ']', '/', ':', '=', '-', ' ', '\n', '\r', '(', ')', ';', '8', '|', '*', '^', 'h', 'ttp://', 'https://x.com/', '\u200B') },
  { weight: 4, arbitrary: fc.constantFrom(...TAG_NAMES) },
  { weight: 3, arbitrary: fc.constantFrom('aid=', 'to=', 'time=', 'id=', 'ht=', 'st=open', 'lt=0', ' aid=1', ' to=2-3', '1', '42', '1928374655918273645', '0', 'abc', '"1"') },
  { weight: 3, arbitrary: fc.constantFrom('[To:1]', '[toall]', '[qt]', '[/qt]', '[info]', '[/info]', '[title]', '[/title]', '[code]', '[/code]', '[hr]', '[qtmeta aid=1 time=2]', '[rp aid=1 to=2-3]', '[task aid=1 st=done lt=0]', '[/task]', '[download:5]', '[/download]', '[deleted]', ':)', ']:)', '(^^;)', '(F)') },
  { weight: 2, arbitrary: fc.constantFrom('山田', 'さん', 'テスト', '　', '😀', 'a', 'Z') },
  { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
)

/**
 * Message bodies biased toward markup: brackets, slashes, colons, equals
 * signs, dashes, tag names in mixed case, digits, CJK and line breaks.
 *
 * @example
 * fc.assert(fc.property(markupish, (body) => typeof parse(body) === 'object'))
 */
export const markupish: fc.Arbitrary<string> = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''))

/** Openers and closers of blocks in several spellings, near-tags of blocks, and a little text. */
const blockPiece = fc.constantFrom(
  ...['info', 'INFO', 'Info', 'qt', 'QT', 'code', 'CODE', 'Code', 'title', 'TITLE'].flatMap((name) => [`[${name}]`, `[/${name}]`]),
  ...['[info ]', '[ info]', '[/info ]', '[title ]', '[code a="1"]', '[info foo]', '[infp]', '[/infp]', '[titel]', '[/titel]', '[引用]', '[/引用]', '[Quote aid=1]', '[/Quote]'],
  ...['[task aid="1" st=open lt=0]', '[/task]', '[qtmeta aid="1" time=2]', '[To: 1]', '[rp aid=1 to=2:3]', '[To:1]', 'a', 'b', '\n'],
)

/**
 * Bodies made of block tags only: mixed-case pairs around code, crossed and
 * unclosed blocks, and near-tags whose fix renames or creates a block tag,
 * which is where a fix can change what pairs with what.
 *
 * @example
 * fc.assert(fc.property(blockish, (body) => errors(fixMarkup(body)) <= errors(body)))
 */
export const blockish: fc.Arbitrary<string> = fc.array(blockPiece, { maxLength: 14 }).map((pieces) => pieces.join(''))

/** The forms of spec §10 that are not Chatwork tags, mentions in code, and previews without a height. */
const lookalikePiece = fc.constantFrom(
  ...['[cc:1]', '[CC]', '[url]', '[/url]', '[/To]', '[/qtmeta]', '[reply time=1 to=2-3]', '[reply aid=1 to=2-3]', '[/reply]', '[task:1]', '[quote]', '[/quote]'],
  ...['[code]', '[/code]', '[To:1]', '[toall]', '[rp aid=1 to=2-3]', '[preview id=1]', '[preview id=1 ht=2]', '[qt]', '[/qt]', '\u200B', 'a', '\n'],
)

/**
 * Bodies of tag-like forms that are not Chatwork's, of mentions that may
 * land in code, and of previews with and without a height.
 *
 * @example
 * fc.assert(fc.property(lookalikes, (body) => lint(body).every((d) => d.code in LINT_RULES)))
 */
export const lookalikes: fc.Arbitrary<string> = fc.array(lookalikePiece, { maxLength: 14 }).map((pieces) => pieces.join(''))
