/** An emoticon code as written in text, and Chatwork's internal name for it. */
export interface EmoticonCode {
  code: string
  name: string
}

// Kept as two compact lists, in the same order: this table is part of every
// bundle that parses or builds messages. A name `-` is the code without its
// parentheses. The tables are built in calls marked pure, so that bundles
// which never read one (the builder's never reads the extended one) drop it.
const CODES = ':) :( :D 8-) :o ;) ;( (sweat) :| :* :p (blush) :^) |-) (inlove) ]:) (talk) (yawn) (puke) (emo) (handshake) 8-| :#) (nod) (shake) (^^;) (whew) (clap) (bow) (roger) (flex) (dance) (:/) (devil) (*) (h) (F) (cracker) (^) (coffee) (beer) (y) (ec14) (gogo)'
const NAMES = 'smile sad moreSmile lucky surprise wink tears - mumu kiss tongueout - wonder snooze love grin - - - ikemen - otaku ninmari - - wrySmile - - - - muscle - komanechi - star heart flower - cake - - yes - -'

function table(codes: string, names: string): EmoticonCode[] {
  const nameList = names.split(' ')
  return codes.split(' ').map((code, i) => ({ code, name: nameList[i] === '-' ? code.slice(1, -1) : nameList[i] }))
}

/**
 * The emoticons of Chatwork's web client (2017 build), including the two
 * secret ones not offered in the picker, `(ec14)` and `(gogo)`. Their labels
 * are in `EMOTICONS` (src/emoticon-labels.ts).
 *
 * @example
 * EMOTICON_CODES.find((e) => e.code === ':)')?.name // 'smile'
 */
export const EMOTICON_CODES: readonly EmoticonCode[] = /* @__PURE__ */ table(CODES, NAMES)

/**
 * Six codes that many recent bots add to the table. Unverified against
 * Chatwork, so the parser recognises them only with `extendedEmoticons: true`.
 *
 * @example
 * parse('(think)', { extendedEmoticons: true }).children[0].type // 'emoticon'
 */
export const EXTENDED_EMOTICON_CODES: readonly EmoticonCode[] = /* @__PURE__ */ table('(think) (please) (quick) (anger) (lightbulb) (eat)', '- - - - - -')
