/**
 * Whether `url` is an absolute `http:` or `https:` URL, the only kinds a
 * renderer turns into a link or an image source (Chatwork links nothing else,
 * spec §6; `javascript:` and `data:` must never reach an href).
 *
 * @example
 * isWebUrl('https://example.com/') // true
 * isWebUrl('javascript:alert(1)') // false
 */
export function isWebUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false
  // the scheme as a browser reads it: leading C0 controls and spaces are stripped, tabs and newlines removed
  const scheme = /^[\u0000-\u0020]*([A-Za-z][A-Za-z0-9+.\-\t\n\r]*):/.exec(url)?.[1].replace(/[\t\n\r]/g, '').toLowerCase()
  return (scheme === 'http' || scheme === 'https') && URL.canParse(url)
}
