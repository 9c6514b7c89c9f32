/**
 * The nearest common emoji of each Chatwork emoticon, keyed by the code as
 * written (`:)`, `(coffee)`): the Unicode character and the Slack short name
 * (without colons). Codes with no close counterpart are absent and renderers
 * keep them as text; never an invented match. Covers the 44 codes of the web
 * client and the six extended ones (`(think)` …).
 *
 * @example
 * EMOTICON_EMOJI[':)'] // { unicode: '🙂', slack: 'slightly_smiling_face' }
 * EMOTICON_EMOJI['(:/)'] // undefined: no counterpart, stays text
 */
export const EMOTICON_EMOJI: Readonly<Record<string, { readonly unicode: string; readonly slack: string }>> = /* @__PURE__ */ table(
  [
    ':) 🙂 slightly_smiling_face',
    ':( 🙁 slightly_frowning_face',
    ':D 😄 smile',
    '8-) 😎 sunglasses',
    ':o 😮 open_mouth',
    ';) 😉 wink',
    ';( 😢 cry',
    '(sweat) 😓 sweat',
    ':| 😐 neutral_face',
    ':* 😘 kissing_heart',
    ':p 😛 stuck_out_tongue',
    '(blush) 😊 blush',
    ':^) 😕 confused',
    '|-) 😪 sleepy',
    '(inlove) 😍 heart_eyes',
    ']:) 😏 smirk',
    '(talk) 💬 speech_balloon',
    '(yawn) 🥱 yawning_face',
    '(puke) 🤮 face_vomiting',
    '(handshake) 🤝 handshake',
    '8-| 🤓 nerd_face',
    '(^^;) 😅 sweat_smile',
    '(whew) 😌 relieved',
    '(clap) 👏 clap',
    '(bow) 🙇 bow',
    '(roger) 👌 ok_hand',
    '(flex) 💪 muscle',
    '(dance) 💃 dancer',
    '(devil) 😈 smiling_imp',
    '(*) ⭐ star',
    '(h) ❤️ heart',
    '(F) 🌸 cherry_blossom',
    '(cracker) 🎉 tada',
    '(^) 🍰 cake',
    '(coffee) ☕ coffee',
    '(beer) 🍺 beer',
    '(y) 👍 +1',
    '(think) 🤔 thinking_face',
    '(please) 🙏 pray',
    '(anger) 💢 anger',
    '(lightbulb) 💡 bulb',
    '(eat) 🍴 fork_and_knife',
  ].join('\n'),
)

function table(rows: string): Record<string, { unicode: string; slack: string }> {
  const out: Record<string, { unicode: string; slack: string }> = {}
  for (const row of rows.split('\n')) {
    const [code, unicode, slack] = row.split(' ')
    out[code] = { unicode, slack }
  }
  return out
}
