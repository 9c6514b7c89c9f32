/** The web app's page and the files it loads, shared by the emulator's UI and the playground. */
import { CHATWORK_CSS } from '../../render/html/index.ts'
import { loadUiAssets } from './assets.ts'
import { escapeHtml, renderPage } from './page.ts'
import type { UiRoute } from './router.ts'

/** What the app shows: the whole emulator, or only the compose/preview/tree/lint pane. */
export type UiMode = 'emulator' | 'playground'

/** How long browsers may keep the bundle: it changes only with the package. */
const ASSET_CACHE_SECONDS = 300

/**
 * The stylesheet every page loads (see `renderPage`), also for pages served without the app (the OAuth consent page).
 *
 * @example
 * router.add([APP_STYLES_ROUTE, consentPage])
 */
export const APP_STYLES_ROUTE: UiRoute = {
  method: 'GET',
  path: '/ui/assets/app.css',
  handle: async () => ({ content: (await loadUiAssets())['app.css'], contentType: 'text/css; charset=utf-8', cacheSeconds: ASSET_CACHE_SECONDS }),
}

/**
 * The app's page at `path` and its files under `/ui/assets/`.
 *
 * @example
 * router.add(appRoutes('/', 'playground'))
 */
export function appRoutes(path: string, mode: UiMode): UiRoute[] {
  const title = mode === 'playground' ? 'Chatwork markup playground' : 'Chatwork emulator'
  return [
    {
      method: 'GET',
      path,
      handle: ({ secret }) => ({
        html: renderPage({
          title,
          secret,
          styles: ['/ui/assets/chatwork.css'],
          scripts: ['/ui/assets/app.js'],
          body: `<div id="app" data-mode="${mode}"><noscript>${escapeHtml(title)} needs JavaScript.</noscript></div>`,
        }),
      }),
    },
    { method: 'GET', path: '/ui/assets/chatwork.css', handle: () => ({ content: CHATWORK_CSS, contentType: 'text/css; charset=utf-8', cacheSeconds: ASSET_CACHE_SECONDS }) },
    APP_STYLES_ROUTE,
    { method: 'GET', path: '/ui/assets/app.js', handle: async () => ({ content: (await loadUiAssets())['app.js'], contentType: 'text/javascript; charset=utf-8', cacheSeconds: ASSET_CACHE_SECONDS }) },
  ]
}
