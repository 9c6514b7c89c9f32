/** One emoticon: its code in text, Chatwork's internal name, and its label in English and Japanese. */
export interface EmoticonInfo {
  code: string
  name: string
  en: string
  ja: string
}

/**
 * The emoticons of Chatwork's web client (2017 build), including the two
 * secret ones not offered in the picker, `(ec14)` and `(gogo)`.
 *
 * @example
 * EMOTICONS.find((e) => e.code === ':)')?.name // 'smile'
 */
export const EMOTICONS: readonly EmoticonInfo[] = [
  { code: ':)', name: 'smile', en: 'Smile', ja: '笑顔' },
  { code: ':(', name: 'sad', en: 'Sad', ja: '悲しい' },
  { code: ':D', name: 'moreSmile', en: 'Laugh', ja: 'もっとスマイル' },
  { code: '8-)', name: 'lucky', en: 'Nice!', ja: 'やったね' },
  { code: ':o', name: 'surprise', en: 'Shocked!', ja: 'びっくり' },
  { code: ';)', name: 'wink', en: 'Wink', ja: 'ウィンク' },
  { code: ';(', name: 'tears', en: 'Cry', ja: 'ウェ～ん' },
  { code: '(sweat)', name: 'sweat', en: 'Worry', ja: '汗' },
  { code: ':|', name: 'mumu', en: 'Hmm...', ja: 'むむ' },
  { code: ':*', name: 'kiss', en: 'Kiss!', ja: 'チュ！' },
  { code: ':p', name: 'tongueout', en: 'Goofy', ja: 'べー' },
  { code: '(blush)', name: 'blush', en: 'Blush', ja: '恥ずかしい' },
  { code: ':^)', name: 'wonder', en: 'Whaaat?', ja: '何なに' },
  { code: '|-)', name: 'snooze', en: 'Sleeepy', ja: '眠い' },
  { code: '(inlove)', name: 'love', en: 'Love', ja: '恋してます' },
  { code: ']:)', name: 'grin', en: 'Grin', ja: 'ニヤッ' },
  { code: '(talk)', name: 'talk', en: 'Talk', ja: '話す' },
  { code: '(yawn)', name: 'yawn', en: 'Yawn', ja: 'あくび' },
  { code: '(puke)', name: 'puke', en: 'Bleh!', ja: 'ゲーッ' },
  { code: '(emo)', name: 'ikemen', en: 'Emo', ja: 'イケメン' },
  { code: '(handshake)', name: 'handshake', en: 'Handshake', ja: '握手' },
  { code: '8-|', name: 'otaku', en: 'Nerd', ja: 'オタク' },
  { code: ':#)', name: 'ninmari', en: 'Heh, heh, heh', ja: 'ニンマリ' },
  { code: '(nod)', name: 'nod', en: 'Nod', ja: 'うんうん' },
  { code: '(shake)', name: 'shake', en: 'Shake', ja: 'いやいや' },
  { code: '(^^;)', name: 'wrySmile', en: 'Wry Grin', ja: '苦笑い' },
  { code: '(whew)', name: 'whew', en: 'Whew!', ja: 'やれやれ' },
  { code: '(clap)', name: 'clap', en: 'Clap', ja: '拍手' },
  { code: '(bow)', name: 'bow', en: 'Bow', ja: 'おじぎ' },
  { code: '(roger)', name: 'roger', en: 'Roger!', ja: '了解！' },
  { code: '(flex)', name: 'muscle', en: 'Muscle', ja: '筋肉モリモリ' },
  { code: '(dance)', name: 'dance', en: 'Dance!', ja: 'ダンス' },
  { code: '(:/)', name: 'komanechi', en: 'Rock!', ja: 'コマネチ' },
  { code: '(devil)', name: 'devil', en: 'Devil', ja: '悪魔' },
  { code: '(*)', name: 'star', en: 'Star', ja: '星' },
  { code: '(h)', name: 'heart', en: 'Heart', ja: 'ハート' },
  { code: '(F)', name: 'flower', en: 'Flower', ja: '花' },
  { code: '(cracker)', name: 'cracker', en: 'Firecracker', ja: 'クラッカー' },
  { code: '(^)', name: 'cake', en: 'Cake', ja: 'ケーキ' },
  { code: '(coffee)', name: 'coffee', en: 'Coffee', ja: 'コーヒー' },
  { code: '(beer)', name: 'beer', en: 'Beer', ja: 'ビール' },
  { code: '(y)', name: 'yes', en: 'Yes', ja: 'はい' },
  { code: '(ec14)', name: 'ec14', en: 'EC14', ja: 'EC14' },
  { code: '(gogo)', name: 'gogo', en: 'Go Go!', ja: 'いけいけ！' },
]

/**
 * Six codes that many recent bots add to the table. Unverified against
 * Chatwork, so the parser recognises them only with `extendedEmoticons: true`.
 * Their labels are not recorded; `en` and `ja` repeat the name.
 *
 * @example
 * parse('(think)', { extendedEmoticons: true }).children[0].type // 'emoticon'
 */
export const EXTENDED_EMOTICONS: readonly EmoticonInfo[] = ['think', 'please', 'quick', 'anger', 'lightbulb', 'eat'].map(
  (name) => ({ code: `(${name})`, name, en: name, ja: name }),
)
