/** `chatwork-kit/oauth`: Chatwork's OAuth 2.0 (spec §8): the authorization URL with PKCE, the redirect, the token endpoint, and a token source that refreshes itself. */
export { createAuthorizationRequest, type AuthorizationRequest, type AuthorizationRequestInput } from './authorization-request.ts'
export { handleRedirect } from './redirect.ts'
export { exchangeCode, refreshTokens, DEFAULT_ACCESS_TOKEN_LIFETIME_MS, type OAuthTokens, type TokenRequestOptions, type ExchangeCodeInput, type RefreshTokensInput } from './tokens.ts'
export { createTokenSource, DEFAULT_REFRESH_BEFORE_MS, type TokenSourceOptions, type TokenSourceRequest, type OAuthTokenSource } from './token-source.ts'
export { OAUTH_SCOPES, checkScopes } from './scopes.ts'
export { codeChallengeOf, randomUrlSafe } from './pkce.ts'
export { DEFAULT_AUTHORIZATION_ENDPOINT, DEFAULT_TOKEN_ENDPOINT } from './endpoints.ts'
export { ChatworkOAuthError } from '../errors.ts'
