import fc from 'fast-check'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { describe, expect, it } from 'vitest'
import { toHast, toHtml, type HtmlOptions } from 'chatwork-kit/html'
import { markupish } from '../../helpers/arbitraries.ts'
import { factoryRoot } from '../../helpers/builder-arbitraries.ts'
import { ATTRIBUTES, CLASSES, ELEMENTS } from './documented.ts'

const runs = { numRuns: 1000 }

/** Strings an attacker would put in a body or in account and file data. */
const hostileString = fc.oneof(
  fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)", ' JaVaScRiPt:alert(1)', 'java\nscript:x', 'data:text/html,<b>', '&lt;&#x3C;', '</div><style>*{}</style>', "' onmouseover='x", '\u0000', '<!--', ']]>'),
  fc.string(),
  fc.string({ unit: 'binary' }),
)

const body = fc.oneof(
  markupish,
  fc.array(fc.oneof(markupish, hostileString), { maxLength: 6 }).map((parts) => parts.join('')),
  fc.constantFrom('[code]</code></pre><script>x</script>[/code]', '[download:1]<b onclick=x>a</b> (1 KB)[/download]', 'https://x.com/"onmouseover="alert(1)', 'http://a/<svg>'),
)

const options: fc.Arbitrary<HtmlOptions> = fc.record(
  {
    accounts: hostileString.chain((name) => hostileString.map((avatarUrl) => (() => ({ name, avatarUrl })) as HtmlOptions['accounts'])),
    files: fc.record({ name: hostileString, url: hostileString, previewUrl: hostileString }).map((file) => () => file),
    messageUrl: hostileString.map((url) => () => url),
    emoticonUrl: hostileString.map((url) => () => url),
    linkTarget: fc.constantFrom('_blank', '_self', 'preview-pane'),
    linkRel: fc.constantFrom('', 'noopener', 'noopener noreferrer ugc'),
    locale: fc.constantFrom('en' as const, 'ja' as const),
  },
  { requiredKeys: [] },
)

/** Every element of a parsed fragment, the root's children down. */
function elements(tree: Root): Element[] {
  const found: Element[] = []
  const pending = [...tree.children]
  while (pending.length > 0) {
    const node = pending.pop()!
    if (node.type !== 'element') continue
    found.push(node)
    pending.push(...node.children)
  }
  return found
}

/** A URL's scheme as a browser reads it: leading controls and spaces skipped, tabs and line feeds ignored. */
const schemeOf = (url: string) => /^[a-z][a-z0-9+.-]*(?=:)/i.exec(url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, ''))?.[0].toLowerCase()

/** What is wrong with one element of the output, by the documented set. */
function problems(element: Element): string[] {
  const found: string[] = []
  if (!ELEMENTS.has(element.tagName)) found.push(`element <${element.tagName}>`)
  for (const [key, value] of Object.entries(element.properties)) {
    if (!ATTRIBUTES.has(key)) found.push(`attribute ${key} on <${element.tagName}>`)
    // names and titles may say anything; what must never hold a script is a URL
    if ((key === 'href' || key === 'src') && schemeOf(String(value)) === 'javascript') found.push(`javascript: URL in ${key}`)
  }
  for (const name of (element.properties.className as string[] | undefined) ?? []) if (!CLASSES.has(name)) found.push(`class ${name}`)
  for (const key of ['href', 'src'] as const) {
    const url = element.properties[key]
    if (url !== undefined && !/^https?:\/\//i.test(String(url))) found.push(`${key}=${String(url)}`)
  }
  const style = element.properties.style
  if (style !== undefined && !(element.properties.className as string[]).includes('cw-preview')) found.push(`style on <${element.tagName}>`)
  if (style !== undefined && !/^height:\d+px$/.test(String(style))) found.push(`style ${String(style)}`)
  return found
}

describe('toHtml: safety, checked by a real HTML parser (parse5, through hast-util-from-html)', () => {
  it('has no element, attribute, class or URL outside the documented set, for any body and any option values', () => {
    fc.assert(
      fc.property(body, options, (input, opts) => {
        const parsed = fromHtml(toHtml(input, opts), { fragment: true })
        expect(parsed.children).toHaveLength(1)
        expect(elements(parsed).flatMap(problems)).toEqual([])
      }),
      runs,
    )
  })

  it('refuses a linkTarget or linkRel that is not a name or link types, whatever it holds', () => {
    fc.assert(
      fc.property(hostileString.filter((s) => !/^[\w-]+$/.test(s)), (value) => {
        expect(() => toHtml('https://x.com', { linkTarget: value })).toThrow(TypeError)
      }),
    )
    fc.assert(
      fc.property(hostileString.filter((s) => !/^[\s]*([A-Za-z][\w-]*\s*)*$/.test(s)), (value) => {
        expect(() => toHtml('https://x.com', { linkRel: value })).toThrow(TypeError)
      }),
    )
  })

  it('holds for trees made by the factories too', () => {
    fc.assert(
      fc.property(factoryRoot, options, (tree, opts) => {
        expect(elements(fromHtml(toHtml(tree, opts), { fragment: true })).flatMap(problems)).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('reads back as the same text: nothing of the body is lost or turned into markup', () => {
    const textOf = (tree: Root | Element): string => {
      let out = ''
      const pending: (Root | Element | Root['children'][number])[] = [tree]
      while (pending.length > 0) {
        const node = pending.pop()!
        if (node.type === 'text') out += node.value
        else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i])
      }
      return out
    }
    fc.assert(
      fc.property(body, (input) => {
        // parse5 normalises CR and drops NUL in text, as the HTML standard says; compare what survives that
        const normalise = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\u0000/g, '')
        expect(normalise(textOf(fromHtml(toHtml(input), { fragment: true })))).toBe(normalise(textOf(toHast(input))))
      }),
      runs,
    )
  })
})
