import { EMOTICON_CODES, type EmoticonCode } from './emoticons.ts'

/** An emoticon with its label in English and Japanese. */
export interface EmoticonInfo extends EmoticonCode {
  en: string
  ja: string
}

// Labels in the order of EMOTICON_CODES. Built in calls marked pure: the
// package build may put this module in the same chunk as the builder, whose
// bundles must not keep the labels.
const EN = /* @__PURE__ */ 'Smile|Sad|Laugh|Nice!|Shocked!|Wink|Cry|Worry|Hmm...|Kiss!|Goofy|Blush|Whaaat?|Sleeepy|Love|Grin|Talk|Yawn|Bleh!|Emo|Handshake|Nerd|Heh, heh, heh|Nod|Shake|Wry Grin|Whew!|Clap|Bow|Roger!|Muscle|Dance!|Rock!|Devil|Star|Heart|Flower|Firecracker|Cake|Coffee|Beer|Yes|EC14|Go Go!'.split('|')
const JA = /* @__PURE__ */ '笑顔|悲しい|もっとスマイル|やったね|びっくり|ウィンク|ウェ～ん|汗|むむ|チュ！|べー|恥ずかしい|何なに|眠い|恋してます|ニヤッ|話す|あくび|ゲーッ|イケメン|握手|オタク|ニンマリ|うんうん|いやいや|苦笑い|やれやれ|拍手|おじぎ|了解！|筋肉モリモリ|ダンス|コマネチ|悪魔|星|ハート|花|クラッカー|ケーキ|コーヒー|ビール|はい|EC14|いけいけ！'.split('|')

/**
 * The emoticons of Chatwork's web client with their labels, as its picker
 * shows them. Kept apart from the codes so that parsing and building
 * messages does not carry the labels.
 *
 * @example
 * EMOTICONS.find((e) => e.code === '(coffee)')?.ja // 'コーヒー'
 */
export const EMOTICONS: readonly EmoticonInfo[] = /* @__PURE__ */ EMOTICON_CODES.map((emoticon, i) => ({ ...emoticon, en: EN[i], ja: JA[i] }))
