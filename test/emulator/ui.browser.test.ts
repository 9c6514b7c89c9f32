/**
 * The emulator's web UI in a real browser (Debian's Chromium through
 * playwright-core): the seeded timeline, lint as you type, a person's
 * mention answered live by the echo bot, the activity it caused, a
 * cross-site form refused, and a screenshot of the timeline.
 */
import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatworkClient } from 'chatwork-kit'
import { startEmulator, type Emulator } from 'chatwork-kit/testing'
import { toNodeListener } from 'chatwork-kit/webhook'
import { createEchoBot } from '../../examples/echo-bot.ts'
import { launchChromium } from '../helpers/chromium.ts'

/** Where the screenshot goes: test/artifacts (ignored by git; docs/emulator-ui.png is a copy). */
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))
const WEBHOOK_TOKEN = randomBytes(32).toString('base64')
const QUOTE = '[qt][qtmeta aid=1002 time=1735600000]Could you review the spec by Friday?[/qt]Reviewed, two comments inline.'

let emu: Emulator
let bot: Server
let browser: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let roomId: number
const pageErrors: string[] = []

beforeAll(async () => {
  emu = await startEmulator({ ui: true })
  roomId = emu.rooms().find((room) => room.name === 'Project X')!.room_id
  emu.post(roomId, QUOTE, { as: 1003 })
  // the echo bot is the main account (1001), as in test/echo-bot.test.ts
  bot = createServer(toNodeListener(createEchoBot({ client: new ChatworkClient({ baseURL: emu.baseURL, token: emu.token }), webhookToken: WEBHOOK_TOKEN })))
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve))
  emu.webhooks.add({ url: `http://127.0.0.1:${(bot.address() as AddressInfo).port}/`, token: WEBHOOK_TOKEN, events: ['mention_to_me'] })
  browser = await launchChromium()
  page = await browser.context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text())
  })
  await page.goto(`${emu.uiURL}#/room/${roomId}`)
  await page.locator('#app[data-ready="true"]').waitFor()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await emu?.close()
  await new Promise((resolve) => bot?.close(resolve))
})

const timelineMessage = (text: string) => page.locator('.timeline .message').filter({ hasText: text })

describe('the timeline', () => {
  it('renders the seeded rooms and messages: a quote, an info box with its title, code, a To chip with the name', async () => {
    await expect.poll(() => page.locator('.room-link').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Project X'), expect.stringContaining('Random')]))
    const quote = timelineMessage('Reviewed, two comments inline.')
    await expect.poll(() => quote.locator('.cw-quote').innerText()).toContain('Could you review the spec by Friday?')
    expect(await quote.locator('.cw-quote .cw-name').first().innerText()).toBe('Taro Yamada')
    const info = timelineMessage('Deployed to staging.').locator('.cw-info')
    expect(await info.locator('.cw-title').innerText()).toBe('Release v1.2')
    expect(await timelineMessage('To deploy:').locator('.cw-code').innerText()).toBe('npm run deploy -- --env=staging')
    const to = timelineMessage('Could you review the spec by Friday? (bow)').locator('.cw-to').first()
    // the name comes from the emulator's accounts by the id in [To:1001], not from the text after it
    expect(await to.locator('.cw-name').innerText()).toBe('Hanako Sato')
    expect(await to.locator('img.cw-avatar').getAttribute('src')).toMatch(/\/ui\/avatar\/1001\.svg$/)
    // names and generated avatars from the emulator's accounts
    expect(await timelineMessage('To deploy:').locator('.sender').innerText()).toBe('Taro Yamada')
    expect(await timelineMessage('To deploy:').locator('img.avatar').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    // unread and mention counts of the account viewed
    expect(await page.locator('.room-link[data-room-id]').filter({ hasText: 'Project X' }).locator('.badge.mention').innerText()).toMatch(/^@\d+$/)
  })

  it('shows a preview as high as its ht says, though the Content-Security-Policy refuses inline styles', async () => {
    emu.post(roomId, 'The chart: [preview id=4242 ht=120]', { as: 1003 })
    const preview = timelineMessage('The chart:').locator('.cw-preview')
    await expect.poll(() => preview.evaluate((element) => getComputedStyle(element).height)).toBe('120px')
  })
})

describe('compose', () => {
  it('shows a closer-case-mismatch diagnostic where the closer is, and fixing it clears it', async () => {
    const editor = page.locator('.compose-pane textarea')
    await editor.click()
    await page.keyboard.type('[INFO]x[/info]')
    const diagnostic = page.locator('.compose-pane .diagnostic[data-code="closer-case-mismatch"]')
    await diagnostic.waitFor()
    expect(await diagnostic.getAttribute('data-start')).toBe('7')
    expect(await diagnostic.getAttribute('data-end')).toBe('14')
    expect(await diagnostic.locator('.position').innerText()).toBe('1:8')
    // choosing it selects the span, from the keyboard
    await diagnostic.locator('button').focus()
    await page.keyboard.press('Enter')
    expect(await editor.evaluate((element: HTMLTextAreaElement) => element.value.slice(element.selectionStart, element.selectionEnd))).toBe('[/info]')
    await page.keyboard.type('[/INFO]')
    await expect.poll(() => diagnostic.count()).toBe(0)
    expect(await page.locator('.compose-pane .compose-preview .cw-info').innerText()).toBe('x')
    await editor.fill('')
  })

  it('escapes typed text with safe text on, so [toall] stays text', async () => {
    const editor = page.locator('.compose-pane textarea')
    await page.locator('.compose-pane input[type="checkbox"]').check()
    await editor.click()
    await page.keyboard.type('[toall] hi')
    expect(await editor.inputValue()).toBe('[\u200Btoall] hi')
    expect(await page.locator('.compose-pane .compose-preview .cw-toall').count()).toBe(0)
    await page.locator('.compose-pane input[type="checkbox"]').uncheck()
    await editor.fill('')
  })

  it('sends as a person who mentions the bot; the echo bot replies and the reply appears without a reload', async () => {
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))
    await page.locator('.compose-pane select[aria-label="Send as"]').selectOption('1002')
    await page.locator('.compose-pane select[aria-label="Insert a To mention"]').selectOption('1001')
    await page.keyboard.type('lunch at noon?')
    expect(await page.locator('.compose-pane textarea').inputValue()).toBe('[To:1001]Hanako Sato\nlunch at noon?')
    await page.keyboard.press('Control+Enter')
    await timelineMessage('lunch at noon?').first().waitFor()
    // the bot's answer: a reply chip to Taro and a quote of what he wrote
    const reply = page.locator('.timeline .message[data-account-id="1001"]').filter({ has: page.locator('.cw-reply', { hasText: 'Taro Yamada' }) }).filter({ hasText: 'lunch at noon?' })
    await reply.waitFor({ timeout: 15_000 })
    expect(await reply.locator('.cw-quote').innerText()).toContain('lunch at noon?')
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
    const sent = emu.messages(roomId).filter((message) => message.body.includes('lunch at noon?'))
    expect(sent.map((message) => message.account_id)).toEqual([1002, 1001])
  })
})

describe('screenshot', () => {
  it('saves one of the timeline after the bot answered, with a draft being linted', async () => {
    await page.locator('.compose-pane textarea').fill('[To:1002]Taro Yamada\n[info][title]Draft[/title]Preview and lint as you type[/INFO]')
    await page.locator('.compose-pane .diagnostic[data-code="closer-case-mismatch"]').waitFor()
    await page.locator('.timeline .message').last().scrollIntoViewIfNeeded()
    await mkdir(ARTIFACTS, { recursive: true })
    const png = await page.screenshot({ path: `${ARTIFACTS}emulator-ui-timeline.png`, fullPage: true })
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(png.byteLength).toBeGreaterThan(10_000)
    await page.locator('.compose-pane textarea').fill('')
  })
})

describe('activity', () => {
  it('lists the webhook delivery and the API requests, newest first, filterable', async () => {
    await page.locator('nav[aria-label="Views"] a', { hasText: 'Activity' }).click()
    const delivery = page.locator('.activity-item.delivery').filter({ hasText: 'mention_to_me' }).first()
    await delivery.waitFor()
    expect(await delivery.locator('.status').innerText()).toBe('200')
    const post = page.locator('.activity-item.request').filter({ hasText: `POST /rooms/${roomId}/messages` })
    // the person's message sent from the UI, and the bot's reply
    await expect.poll(() => post.count()).toBeGreaterThanOrEqual(2)
    await post.first().locator('summary').click()
    const shown = await post.first().innerText()
    expect(shown).toContain('x-chatworktoken: [redacted]')
    expect(shown).not.toContain(emu.token)
    expect(shown).toMatch(/rate limit: limit \d+, remaining \d+/)
    const times = await page.locator('.activity-item').evaluateAll((items) => items.map((item) => item.querySelector('time')!.textContent))
    expect(times.length).toBeGreaterThan(2)
    await page.locator('#activity-filter').fill('mention_to_me')
    await expect.poll(() => page.locator('.activity-item.request').count()).toBe(0)
    expect(await page.locator('.activity-item.delivery').count()).toBeGreaterThan(0)
    await page.locator('#activity-filter').fill('')
  })
})

describe('security', () => {
  it('refuses a cross-site form POST that has no secret, and posts nothing', async () => {
    const before = emu.messages(roomId).length
    const evil = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' })
      response.end(
        `<form id="f" method="post" action="${emu.uiURL}ui/api/rooms/${roomId}/messages"><input name="as" value="1002"><input name="body" value="[toall] spam"></form>` +
          '<script>document.getElementById("f").submit()</script>',
      )
    })
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve))
    try {
      const other = await browser.context.newPage()
      const answered = other.waitForResponse((response) => response.url().includes('/ui/api/rooms/'))
      await other.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`)
      expect((await answered).status()).toBe(403)
      await other.close()
    } finally {
      evil.closeAllConnections()
      await new Promise((resolve) => evil.close(resolve))
    }
    expect(emu.messages(roomId)).toHaveLength(before)
  })

  it('runs without errors under its Content-Security-Policy', () => {
    expect(pageErrors).toEqual([])
  })
})
