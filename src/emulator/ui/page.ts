/** The HTML frame every UI page shares: its stylesheets, its script, the secret its requests carry. */

/** The `name` of the meta element that holds the page's UI secret. */
export const UI_SECRET_META = 'chatwork-kit-ui-secret'

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** What {@link renderPage} takes. */
export interface PageInput {
  title: string
  /** The body's HTML (escape every value in it with {@link escapeHtml}). */
  body: string
  /** The UI secret, embedded for the page's own requests. */
  secret: string
  /** Stylesheet URLs after the UI's own (same origin: the CSP allows no other). */
  styles?: string[]
  /** Script URLs (same origin), loaded as modules. */
  scripts?: string[]
}

/**
 * A whole page: no inline script or style, which the Content-Security-Policy forbids.
 *
 * @example
 * renderPage({ title: 'Consent', body: '<main>…</main>', secret: context.secret })
 */
export function renderPage(input: PageInput): string {
  const styles = ['/ui/assets/app.css', ...(input.styles ?? [])]
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="${UI_SECRET_META}" content="${escapeHtml(input.secret)}">`,
    `<title>${escapeHtml(input.title)}</title>`,
    '<link rel="icon" href="data:,">',
    ...styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`),
    ...(input.scripts ?? []).map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`),
    '</head>',
    `<body>${input.body}</body>`,
    '</html>',
  ].join('\n')
}
