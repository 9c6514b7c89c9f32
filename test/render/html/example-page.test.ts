import { readFile } from 'node:fs/promises'
import { fromHtml } from 'hast-util-from-html'
import { describe, expect, it } from 'vitest'
import { renderPage } from '../../../examples/render-page.ts'

describe('examples/render.html', () => {
  it('is what examples/render-page.ts makes (run it after changing the renderer or the stylesheet)', async () => {
    expect(await readFile(new URL('../../../examples/render.html', import.meta.url), 'utf8')).toBe(renderPage())
  })

  it('is a well-formed HTML document', () => {
    const messages: string[] = []
    fromHtml(renderPage(), { onerror: (error) => void messages.push(error.message) })
    expect(messages).toEqual([])
  })
})
