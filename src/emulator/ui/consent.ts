/**
 * The OAuth consent page at `/packages/oauth2/login.php` (spec §8.2): the
 * authorization request checked as the emulator checks it everywhere, then
 * a page asking an emulator account (chosen there) to Allow or Deny; the
 * answer is a redirect to the client. A request that cannot be redirected (a
 * wrong client or redirect URI) gets an error page instead.
 */
import { ChatworkOAuthError } from '../../errors.ts'
import { answerAuthorization, AUTHORIZATION_PATH, readAuthorization } from '../routes/oauth.ts'
import type { EmulatorState, PendingAuthorization } from '../state/index.ts'
import { APP_STYLES_ROUTE } from './app-page.ts'
import { escapeHtml, renderPage } from './page.ts'
import type { UiContext, UiReply, UiRoute } from './router.ts'
import { UI_CONTENT_SECURITY_POLICY, UI_SECRET_FIELD } from './security.ts'

/** The consent form's own fields, beside the authorization request's parameters it carries. */
const ACCOUNT_FIELD = 'account_id'
const DECISION_FIELD = 'decision'
const OWN_FIELDS = new Set([ACCOUNT_FIELD, DECISION_FIELD, UI_SECRET_FIELD])

function errorPage(context: UiContext, error: ChatworkOAuthError): UiReply {
  const body = `<main class="consent error"><h1>Authorization error</h1><p><code>${escapeHtml(error.error)}</code>: ${escapeHtml(error.description ?? '')}</p></main>`
  return { status: 400, html: renderPage({ title: 'Authorization error', body, secret: context.secret }) }
}

/** The reply of `answer`, or the error page of the ChatworkOAuthError it throws (a request that cannot be redirected). */
function orErrorPage(context: UiContext, answer: () => UiReply): UiReply {
  try {
    return answer()
  } catch (error) {
    if (error instanceof ChatworkOAuthError) return errorPage(context, error)
    throw error
  }
}

/**
 * Where the page's form may send the browser: the emulator, and the client's
 * redirect URI, since the Allow and Deny answers redirect there (Chromium
 * holds a form's redirects to `form-action` too).
 */
function formTarget(redirectUri: string): string {
  const url = new URL(redirectUri)
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol
}

function consentPage(context: UiContext, state: EmulatorState, pending: PendingAuthorization, mainAccountId: number): UiReply {
  const policy = UI_CONTENT_SECURITY_POLICY.replace("form-action 'self'", `form-action 'self' ${formTarget(pending.redirectUri)}`)
  context.response.setHeader('content-security-policy', policy)
  const carried = [...context.url.searchParams].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
  const accounts = [...state.accounts.values()].map(
    (account) => `<option value="${account.account_id}"${account.account_id === mainAccountId ? ' selected' : ''}>${escapeHtml(account.name)} (${account.account_id})</option>`,
  )
  const body = [
    '<main class="consent">',
    `<h1>Authorize <code>${escapeHtml(pending.client.clientId)}</code></h1>`,
    `<p>This ${pending.client.type} app asks to act for you in Chatwork with these scopes:</p>`,
    `<ul class="scopes">${pending.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('')}</ul>`,
    `<p>Allowing sends you back to <code>${escapeHtml(pending.redirectUri)}</code>.</p>`,
    `<form method="post" action="${AUTHORIZATION_PATH}">`,
    ...carried,
    `<input type="hidden" name="${UI_SECRET_FIELD}" value="${escapeHtml(context.secret)}">`,
    `<label>Sign in as <select name="${ACCOUNT_FIELD}">${accounts.join('')}</select></label>`,
    '<div class="actions">',
    `<button type="submit" class="primary" name="${DECISION_FIELD}" value="allow">Allow</button>`,
    `<button type="submit" class="secondary" name="${DECISION_FIELD}" value="deny">Deny</button>`,
    '</div>',
    '</form>',
    '</main>',
  ].join('\n')
  return { html: renderPage({ title: 'Authorize an app', body, secret: context.secret }) }
}

/**
 * The consent page's routes: the page (GET) and its answer (POST, with the UI secret).
 *
 * @example
 * pages.add(oauthConsentRoutes({ state, mainAccountId }))
 */
export function oauthConsentRoutes(deps: { state: EmulatorState; mainAccountId: number }): UiRoute[] {
  const { state } = deps
  return [
    APP_STYLES_ROUTE,
    {
      method: 'GET',
      path: AUTHORIZATION_PATH,
      handle: (context) =>
        orErrorPage(context, () => {
          const outcome = readAuthorization(state, context.url.searchParams)
          return 'refused' in outcome ? { status: 302, redirect: outcome.refused } : consentPage(context, state, outcome.pending, deps.mainAccountId)
        }),
    },
    {
      method: 'POST',
      path: AUTHORIZATION_PATH,
      handle: (context) => {
        const form = context.form()
        const request = new URLSearchParams([...form].filter(([name]) => !OWN_FIELDS.has(name)))
        const accountId = Number(form.get(ACCOUNT_FIELD))
        // checked again: the form's fields are the browser's to change
        return orErrorPage(context, () => {
          const outcome = readAuthorization(state, request)
          if ('refused' in outcome) return { status: 303, redirect: outcome.refused }
          if (!state.accounts.has(accountId)) return errorPage(context, new ChatworkOAuthError({ error: 'invalid_request', description: 'Choose an emulator account' }))
          return { status: 303, redirect: answerAuthorization(state, outcome.pending, accountId, form.get(DECISION_FIELD) === 'allow') }
        })
      },
    },
  ]
}
