/**
 * JSON text read with exact message ids: a `message_id` that arrives as a
 * bare number (real ones exceed 2^53, where a double loses digits) becomes
 * the decimal string of its digits as written. Node 20 gives a JSON.parse
 * reviver no source text, so the digits are quoted in the text before it is
 * parsed.
 */

/** A cheap test for the slow path: some `message_id` whose value is not a string. */
const BARE_MESSAGE_ID = /"message_id"\s*:\s*[^\s"]/
/** Each JSON string, with the number after it when it is a key; in valid JSON, matches begin only where strings begin. */
const STRING_THEN_NUMBER = /"(?:[^"\\]|\\.)*"(?:(\s*:\s*)(\d+)(?![\d.eE]))?/g

/**
 * Parses JSON text (throwing a `SyntaxError` as `JSON.parse` does), keeping
 * every `message_id` given as a bare integer as its exact decimal string.
 *
 * @example
 * parseJsonExactIds('{"message_id":1928374655918273645}') // { message_id: '1928374655918273645' }
 */
export function parseJsonExactIds(text: string): unknown {
  const data: unknown = JSON.parse(text)
  // Rewritten only once the text is known to be valid JSON, where the strings are found exactly and in linear time.
  if (!BARE_MESSAGE_ID.test(text)) return data
  return JSON.parse(
    text.replace(STRING_THEN_NUMBER, (match, colon: string | undefined, digits: string | undefined) =>
      digits !== undefined && match.startsWith('"message_id"') && match.length === 12 + colon!.length + digits.length ? `"message_id"${colon}"${digits}"` : match,
    ),
  )
}
