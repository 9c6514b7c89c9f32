/** The emulator's web pages: the router and page frame any page uses, the UI's own routes, and the playground. */
export { UiRouter, MAX_UI_REQUEST_BYTES, type UiContext, type UiReply, type UiRoute } from './router.ts'
export { renderPage, escapeHtml, UI_SECRET_META, type PageInput } from './page.ts'
export { createUiSecret, UI_CONTENT_SECURITY_POLICY, UI_SECRET_FIELD, UI_SECRET_HEADER, UI_SECRET_QUERY } from './security.ts'
export { emulatorUiRoutes, UI_HEARTBEAT_MS, type EmulatorUiDeps } from './emulator-routes.ts'
export { appRoutes, APP_STYLES_ROUTE, type UiMode } from './app-page.ts'
export { oauthConsentRoutes } from './consent.ts'
export { startPlayground, type Playground } from './playground.ts'
export { bundleUiAssets, loadUiAssets, UI_ASSETS_DIR } from './assets.ts'
