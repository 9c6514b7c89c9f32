/**
 * Markdown for the fromMarkdown laws: lines of every block construct
 * (headings, lists, task items, quotes, fences, tables, rules, HTML,
 * definitions, footnotes) holding inline constructs (emphasis, code spans,
 * links, images, autolinks, handles) and text that tries to become Chatwork
 * markup (the builder's hostile strings).
 */
import fc from 'fast-check'
import { hostile } from './builder-arbitraries.ts'

/** Inline Markdown and the text around it. */
const inline: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostile },
  { weight: 3, arbitrary: fc.constantFrom('word', 'two words', '山田さん', '@taro', '@all', '@taroko', 'a@taro.example', '\u3000', '😀', '&amp;', '&#91;To:1]', '\\[', '\\*', ' ', '  ') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '*em*', '**strong**', '***both***', '_u_', '~~del~~', '`code`', '``a ` b``', '`[To:1]`', '[link](https://example.com/a_b)', '[[toall]](http://x.y)', '[](https://e.x)',
      '![alt](https://example.com/i.png)', '<https://example.com/>', 'www.example.com', 'https://x.y/(a)', '<me@example.com>', '<b>html</b>', '<!-- c -->', '[ref]', '[ref][]', '![ref]', '[^1]', '[x]', 'line  \nbreak', 'soft\nbreak', 'back\\\nslash',
    ),
  },
)

const text: fc.Arbitrary<string> = fc.array(inline, { minLength: 1, maxLength: 5 }).map((pieces) => pieces.join(''))

/** One block construct. */
const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.option(text, { nil: '' })).map(([level, value]) => `${'#'.repeat(level)} ${value}`) },
  { weight: 1, arbitrary: text.map((value) => `${value}\n===`) },
  { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom('- ', '* ', '1. ', '2) ', '- [ ] ', '- [x] ', '  - ', '    1. ', '      - [X] '), text), { minLength: 1, maxLength: 4 }).map((items) => items.map(([marker, value]) => marker + value).join('\n')) },
  { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom('> ', '>> ', '> > ', '>'), fc.option(text, { nil: '' })), { minLength: 1, maxLength: 3 }).map((lines) => lines.map(([marker, value]) => marker + value).join('\n')) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('```', '~~~', '````', '```js'), fc.option(hostile, { nil: '' }), fc.boolean()).map(([fence, value, closed]) => `${fence}\n${value}${closed ? `\n${fence.replace(/js$/, '')}` : ''}`) },
  { weight: 1, arbitrary: hostile.map((value) => `    ${value.replace(/\n/g, '\n    ')}`) },
  { weight: 2, arbitrary: fc.array(fc.array(fc.option(inline, { nil: '' }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((rows) => [rows[0], rows[0].map(() => '---'), ...rows.slice(1)].map((cells) => `| ${cells.map((cell) => cell.replace(/\n/g, ' ').replace(/\|/g, '\\|')).join(' | ')} |`).join('\n')) },
  { weight: 1, arbitrary: fc.constantFrom('---', '***', '___', '<div>\n[toall]\n</div>', '[ref]: https://example.com/ref', '[^1]: foot [To:1]', '<details>', '') },
)

/**
 * Markdown documents: blocks separated by blank lines, line feeds or nothing,
 * so that constructs also run into each other.
 *
 * @example
 * fc.assert(fc.property(markdownish, (md) => lint(stringify(fromMarkdown(md))).length === 0))
 */
export const markdownish: fc.Arbitrary<string> = fc
  .array(fc.tuple(block, fc.constantFrom('\n\n', '\n', '', '\n\n\n', '\r\n')), { maxLength: 8 })
  .map((blocks) => blocks.map(([value, separator]) => value + separator).join(''))
