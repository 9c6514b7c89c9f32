/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser
 * download cannot work here). The flags keep a headless Chromium from
 * reaching for the network, which this machine does not have; each launch
 * gets a fresh profile, removed on close.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

/** Where Debian's `chromium` package puts the browser (.ci/run installs it when missing). */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** The flags of every launch. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/**
 * A browser with a fresh profile; `close()` quits it and removes the profile.
 *
 * @example
 * const browser = await launchChromium()
 * const page = await browser.context.newPage()
 * await browser.close()
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium (.ci/run does it on CI)`)
  const profile = await mkdtemp(join(tmpdir(), 'chatwork-kit-chromium-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } })
  return {
    context,
    close: async () => {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}
