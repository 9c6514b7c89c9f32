/** Chatwork's OAuth endpoints (spec §8.2, §8.3). */

/**
 * Where the user's browser is sent to authorize an app.
 *
 * @example
 * createAuthorizationRequest({ clientId, scope: 'rooms.all:read', authorizationEndpoint: DEFAULT_AUTHORIZATION_ENDPOINT })
 */
export const DEFAULT_AUTHORIZATION_ENDPOINT = 'https://www.chatwork.com/packages/oauth2/login.php'

/**
 * Where codes and refresh tokens are exchanged for tokens.
 *
 * @example
 * exchangeCode({ clientId, clientSecret, code, tokenEndpoint: DEFAULT_TOKEN_ENDPOINT })
 */
export const DEFAULT_TOKEN_ENDPOINT = 'https://oauth.chatwork.com/token'
