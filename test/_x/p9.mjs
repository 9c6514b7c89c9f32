// test/helpers/corpus.ts
import { readFileSync } from "node:fs";
var corpus = readFileSync(new URL("../fixtures/corpus.jsonl", import.meta.url), "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
var corpusBodies = corpus.map((entry) => entry.body);

// src/markup/generated/grammar.js
var INLINE_START = String.raw`https?:\/\/|:[)(Do|*p^#]|;[)(]|8-[)|]|\|-\)|\]:\)|\([^()\t\n\r ]{1,12}\)`;
var INLINE_CANDIDATE = new RegExp(INLINE_START, "g");
var BODY_CANDIDATE = new RegExp(String.raw`\[|` + INLINE_START, "g");
var NAME = /[A-Za-z]+/y;
var WORD = /[A-Za-z0-9_]+/y;
var TAG_REST = /[^[\]]*/y;
var PAREN_EMOTICON_TAIL = /[^()\t\n\r ]{1,12}\)/y;
var SHORT_EMOTICON_TAIL = /(?<=:)(?:[)(Do|*p]|\^\)|#\))|(?<=;)[)(]|(?<=8)-[)|]|(?<=\|)-\)|(?<=\]):\)/y;
var URL_CHARS = /[A-Za-z0-9\-.!~*';?:@&=+$,%#{}\/_()]+/y;
var peg$SyntaxError = class extends SyntaxError {
  constructor(message, expected, found, location) {
    super(message);
    this.expected = expected;
    this.found = found;
    this.location = location;
    this.name = "SyntaxError";
  }
};
function peg$parse(input, options) {
  options = options !== void 0 ? options : {};
  const peg$FAILED = {};
  const peg$startRuleFunctions = {
    Body: peg$parseBody,
    Inline: peg$parseInline
  };
  let peg$startRuleFunction = peg$parseBody;
  const peg$c0 = "[";
  const peg$c1 = ":";
  const peg$c2 = "]";
  const peg$c3 = "[/";
  const peg$c4 = "http";
  const peg$c5 = "s";
  const peg$c6 = "://";
  const peg$c7 = "(";
  const peg$r0 = /^[:;8|\]]/;
  function peg$f0(token) {
    return token !== null;
  }
  function peg$f1(token) {
    return token;
  }
  function peg$f2(name) {
    return scan(WORD);
  }
  function peg$f3(name, value) {
    return scan(TAG_REST);
  }
  function peg$f4(name, value, rest) {
    return actions.tag(offset(), text3(), name, value, rest);
  }
  function peg$f5(name) {
    return actions.closer(offset(), text3(), name);
  }
  function peg$f6() {
    return skipTo(BODY_CANDIDATE);
  }
  function peg$f7() {
    return null;
  }
  function peg$f8() {
    return scan(NAME);
  }
  function peg$f9() {
    return skipTo(INLINE_CANDIDATE);
  }
  function peg$f10() {
    return null;
  }
  function peg$f11() {
    return scanUrl();
  }
  function peg$f12() {
    return actions.link(offset(), text3());
  }
  function peg$f13() {
    return scan(SHORT_EMOTICON_TAIL);
  }
  function peg$f14() {
    return scan(PAREN_EMOTICON_TAIL);
  }
  function peg$f15(code) {
    return actions.isEmoticon(code);
  }
  function peg$f16(code) {
    return actions.emoticon(offset(), code);
  }
  let peg$currPos = options.peg$currPos | 0;
  let peg$savedPos = peg$currPos;
  let peg$result;
  if (options.startRule) {
    if (!(options.startRule in peg$startRuleFunctions)) {
      throw new Error(`Can't start parsing from rule "` + options.startRule + '".');
    }
    peg$startRuleFunction = peg$startRuleFunctions[options.startRule];
  }
  function text3() {
    return input.substring(peg$savedPos, peg$currPos);
  }
  function offset() {
    return peg$savedPos;
  }
  function peg$parseBody() {
    let s0, s1;
    s0 = [];
    s1 = peg$parseTag();
    if (s1 === peg$FAILED) {
      s1 = peg$parseLink();
      if (s1 === peg$FAILED) {
        s1 = peg$parseEmoticon();
        if (s1 === peg$FAILED) {
          s1 = peg$parseSkip();
        }
      }
    }
    while (s1 !== peg$FAILED) {
      s0.push(s1);
      s1 = peg$parseTag();
      if (s1 === peg$FAILED) {
        s1 = peg$parseLink();
        if (s1 === peg$FAILED) {
          s1 = peg$parseEmoticon();
          if (s1 === peg$FAILED) {
            s1 = peg$parseSkip();
          }
        }
      }
    }
    return s0;
  }
  function peg$parseTag() {
    let s0, s1, s2;
    s0 = peg$currPos;
    s1 = peg$parseOpener();
    if (s1 === peg$FAILED) {
      s1 = peg$parseCloser();
    }
    if (s1 !== peg$FAILED) {
      peg$savedPos = peg$currPos;
      s2 = peg$f0(s1);
      if (s2) {
        s2 = void 0;
      } else {
        s2 = peg$FAILED;
      }
      if (s2 !== peg$FAILED) {
        peg$savedPos = s0;
        s0 = peg$f1(s1);
      } else {
        peg$currPos = s0;
        s0 = peg$FAILED;
      }
    } else {
      peg$currPos = s0;
      s0 = peg$FAILED;
    }
    return s0;
  }
  function peg$parseOpener() {
    let s0, s1, s2, s3, s4, s5, s6;
    s0 = peg$currPos;
    if (input.charCodeAt(peg$currPos) === 91) {
      s1 = peg$c0;
      peg$currPos++;
    } else {
      s1 = peg$FAILED;
    }
    if (s1 !== peg$FAILED) {
      s2 = peg$parseName();
      if (s2 !== peg$FAILED) {
        s3 = peg$currPos;
        if (input.charCodeAt(peg$currPos) === 58) {
          s4 = peg$c1;
          peg$currPos++;
        } else {
          s4 = peg$FAILED;
        }
        if (s4 !== peg$FAILED) {
          s5 = peg$currPos;
          peg$savedPos = peg$currPos;
          s6 = peg$f2(s2);
          if (s6) {
            s6 = void 0;
          } else {
            s6 = peg$FAILED;
          }
          if (s6 !== peg$FAILED) {
            s5 = input.substring(s5, peg$currPos);
          } else {
            s5 = s6;
          }
          if (s5 !== peg$FAILED) {
            s3 = s5;
          } else {
            peg$currPos = s3;
            s3 = peg$FAILED;
          }
        } else {
          peg$currPos = s3;
          s3 = peg$FAILED;
        }
        if (s3 === peg$FAILED) {
          s3 = null;
        }
        s4 = peg$currPos;
        peg$savedPos = peg$currPos;
        s5 = peg$f3(s2, s3);
        if (s5) {
          s5 = void 0;
        } else {
          s5 = peg$FAILED;
        }
        if (s5 !== peg$FAILED) {
          s4 = input.substring(s4, peg$currPos);
        } else {
          s4 = s5;
        }
        if (s4 !== peg$FAILED) {
          if (input.charCodeAt(peg$currPos) === 93) {
            s5 = peg$c2;
            peg$currPos++;
          } else {
            s5 = peg$FAILED;
          }
          if (s5 !== peg$FAILED) {
            peg$savedPos = s0;
            s0 = peg$f4(s2, s3, s4);
          } else {
            peg$currPos = s0;
            s0 = peg$FAILED;
          }
        } else {
          peg$currPos = s0;
          s0 = peg$FAILED;
        }
      } else {
        peg$currPos = s0;
        s0 = peg$FAILED;
      }
    } else {
      peg$currPos = s0;
      s0 = peg$FAILED;
    }
    return s0;
  }
  function peg$parseCloser() {
    let s0, s1, s2, s3;
    s0 = peg$currPos;
    if (input.substr(peg$currPos, 2) === peg$c3) {
      s1 = peg$c3;
      peg$currPos += 2;
    } else {
      s1 = peg$FAILED;
    }
    if (s1 !== peg$FAILED) {
      s2 = peg$parseName();
      if (s2 !== peg$FAILED) {
        if (input.charCodeAt(peg$currPos) === 93) {
          s3 = peg$c2;
          peg$currPos++;
        } else {
          s3 = peg$FAILED;
        }
        if (s3 !== peg$FAILED) {
          peg$savedPos = s0;
          s0 = peg$f5(s2);
        } else {
          peg$currPos = s0;
          s0 = peg$FAILED;
        }
      } else {
        peg$currPos = s0;
        s0 = peg$FAILED;
      }
    } else {
      peg$currPos = s0;
      s0 = peg$FAILED;
    }
    return s0;
  }
  function peg$parseSkip() {
    let s0, s1, s2;
    s0 = peg$currPos;
    if (input.length > peg$currPos) {
      s1 = input.charAt(peg$currPos);
      peg$currPos++;
    } else {
      s1 = peg$FAILED;
    }
    if (s1 !== peg$FAILED) {
      peg$savedPos = peg$currPos;
      s2 = peg$f6();
      if (s2) {
        s2 = void 0;
      } else {
        s2 = peg$FAILED;
      }
      if (s2 !== peg$FAILED) {
        peg$savedPos = s0;
        s0 = peg$f7();
      } else {
        peg$currPos = s0;
        s0 = peg$FAILED;
      }
    } else {
      peg$currPos = s0;
      s0 = peg$FAILED;
    }
    return s0;
  }
  function peg$parseName() {
    let s0, s1;
    s0 = peg$currPos;
    peg$savedPos = peg$currPos;
    s1 = peg$f8();
    if (s1) {
      s1 = void 0;
    } else {
      s1 = peg$FAILED;
    }
    if (s1 !== peg$FAILED) {
      s0 = input.substring(s0, peg$currPos);
    } else {
      s0 = s1;
    }
    return s0;
  }
  function peg$parseInline() {
    let s0, s1;
    s0 = [];
    s1 = peg$parseLink();
    if (s1 === peg$FAILED) {
      s1 = peg$parseEmoticon();
      if (s1 === peg$FAILED) {
        s1 = peg$parseInlineText();
      }
    }
    while (s1 !== peg$FAILED) {
      s0.push(s1);
      s1 = peg$parseLink();
      if (s1 === peg$FAILED) {
        s1 = peg$parseEmoticon();
        if (s1 === peg$FAILED) {
          s1 = peg$parseInlineText();
        }
      }
    }
    return s0;
  }
  function peg$parseInlineText() {
    let s0, s1, s2;
    s0 = peg$currPos;
    if (input.length > peg$currPos) {
      s1 = input.charAt(peg$currPos);
      peg$currPos++;
    } else {
      s1 = peg$FAILED;
    }
    if (s1 !== peg$FAILED) {
      peg$savedPos = peg$currPos;
      s2 = peg$f9();
      if (s2) {
        s2 = void 0;
      } else {
        s2 = peg$FAILED;
      }
      if (s2 !== peg$FAILED) {
        peg$savedPos = s0;
        s0 = peg$f10();
      } else {
        peg$currPos = s0;
        s0 = peg$FAILED;
      }
    } else {
      peg$currPos = s0;
      s0 = peg$FAILED;
    }
    return s0;
  }
  function peg$parseLink() {
    let s0, s1, s2, s3, s4;
    s0 = peg$currPos;
    if (input.substr(peg$currPos, 4) === peg$c4) {
      s1 = peg$c4;
      peg$currPos += 4;
    } else {
      s1 = peg$FAILED;
    }
    if (s1 !== peg$FAILED) {
      if (input.charCodeAt(peg$currPos) === 115) {
        s2 = peg$c5;
        peg$currPos++;
      } else {
        s2 = peg$FAILED;
      }
      if (s2 === peg$FAILED) {
        s2 = null;
      }
      if (input.substr(peg$currPos, 3) === peg$c6) {
        s3 = peg$c6;
        peg$currPos += 3;
      } else {
        s3 = peg$FAILED;
      }
      if (s3 !== peg$FAILED) {
        peg$savedPos = peg$currPos;
        s4 = peg$f11();
        if (s4) {
          s4 = void 0;
        } else {
          s4 = peg$FAILED;
        }
        if (s4 !== peg$FAILED) {
          peg$savedPos = s0;
          s0 = peg$f12();
        } else {
          peg$currPos = s0;
          s0 = peg$FAILED;
        }
      } else {
        peg$currPos = s0;
        s0 = peg$FAILED;
      }
    } else {
      peg$currPos = s0;
      s0 = peg$FAILED;
    }
    return s0;
  }
  function peg$parseEmoticon() {
    let s0, s1, s2, s3, s4;
    s0 = peg$currPos;
    s1 = peg$currPos;
    s2 = peg$currPos;
    s3 = input.charAt(peg$currPos);
    if (peg$r0.test(s3)) {
      peg$currPos++;
    } else {
      s3 = peg$FAILED;
    }
    if (s3 !== peg$FAILED) {
      peg$savedPos = peg$currPos;
      s4 = peg$f13();
      if (s4) {
        s4 = void 0;
      } else {
        s4 = peg$FAILED;
      }
      if (s4 !== peg$FAILED) {
        s3 = [s3, s4];
        s2 = s3;
      } else {
        peg$currPos = s2;
        s2 = peg$FAILED;
      }
    } else {
      peg$currPos = s2;
      s2 = peg$FAILED;
    }
    if (s2 === peg$FAILED) {
      s2 = peg$currPos;
      if (input.charCodeAt(peg$currPos) === 40) {
        s3 = peg$c7;
        peg$currPos++;
      } else {
        s3 = peg$FAILED;
      }
      if (s3 !== peg$FAILED) {
        peg$savedPos = peg$currPos;
        s4 = peg$f14();
        if (s4) {
          s4 = void 0;
        } else {
          s4 = peg$FAILED;
        }
        if (s4 !== peg$FAILED) {
          s3 = [s3, s4];
          s2 = s3;
        } else {
          peg$currPos = s2;
          s2 = peg$FAILED;
        }
      } else {
        peg$currPos = s2;
        s2 = peg$FAILED;
      }
    }
    if (s2 !== peg$FAILED) {
      s1 = input.substring(s1, peg$currPos);
    } else {
      s1 = s2;
    }
    if (s1 !== peg$FAILED) {
      peg$savedPos = peg$currPos;
      s2 = peg$f15(s1);
      if (s2) {
        s2 = void 0;
      } else {
        s2 = peg$FAILED;
      }
      if (s2 !== peg$FAILED) {
        peg$savedPos = s0;
        s0 = peg$f16(s1);
      } else {
        peg$currPos = s0;
        s0 = peg$FAILED;
      }
    } else {
      peg$currPos = s0;
      s0 = peg$FAILED;
    }
    return s0;
  }
  const actions = options.actions;
  function skipTo(next) {
    next.lastIndex = peg$currPos;
    const found = next.exec(input);
    peg$currPos = found === null ? input.length : found.index;
    return true;
  }
  function scan(pattern) {
    pattern.lastIndex = peg$currPos;
    if (!pattern.test(input)) return false;
    peg$currPos = pattern.lastIndex;
    return true;
  }
  function scanUrl() {
    const start = peg$currPos;
    if (!scan(URL_CHARS)) return false;
    let depth = 0;
    for (let i = start; i < peg$currPos; i++) {
      const c = input.charCodeAt(i);
      if (c === 40) depth++;
      else if (c === 41 && depth-- === 0) {
        peg$currPos = i;
        break;
      }
    }
    return peg$currPos > start;
  }
  peg$result = peg$startRuleFunction();
  const peg$success = peg$result !== peg$FAILED && peg$currPos === input.length;
  function peg$throw() {
    throw new peg$SyntaxError("Unexpected input at offset " + peg$currPos + ".", [], null, void 0);
  }
  if (peg$success) {
    return peg$result;
  } else {
    peg$throw();
  }
}

// src/markup/emoticons.ts
var CODES = ":) :( :D 8-) :o ;) ;( (sweat) :| :* :p (blush) :^) |-) (inlove) ]:) (talk) (yawn) (puke) (emo) (handshake) 8-| :#) (nod) (shake) (^^;) (whew) (clap) (bow) (roger) (flex) (dance) (:/) (devil) (*) (h) (F) (cracker) (^) (coffee) (beer) (y) (ec14) (gogo)";
var NAMES = "smile sad moreSmile lucky surprise wink tears - mumu kiss tongueout - wonder snooze love grin - - - ikemen - otaku ninmari - - wrySmile - - - - muscle - komanechi - star heart flower - cake - - yes - -";
function table(codes, names) {
  const nameList = names.split(" ");
  return codes.split(" ").map((code, i) => ({ code, name: nameList[i] === "-" ? code.slice(1, -1) : nameList[i] }));
}
var EMOTICON_CODES = /* @__PURE__ */ table(CODES, NAMES);
var EXTENDED_EMOTICON_CODES = /* @__PURE__ */ table("(think) (please) (quick) (anger) (lightbulb) (eat)", "- - - - - -");

// src/markup/location.ts
function locator(source) {
  let starts;
  let line = 0;
  return (offset) => {
    starts ??= lineStarts(source);
    const next = starts[line + 1] ?? Infinity;
    if (offset < starts[line] || offset >= next) {
      if (offset >= next && offset < (starts[line + 2] ?? Infinity)) line++;
      else line = lineOf(starts, offset);
    }
    return { line: line + 1, column: offset - starts[line] + 1, offset };
  };
}
function lineOf(starts, offset) {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = low + high + 1 >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
function lineStarts(source) {
  const starts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

// src/markup/grammar-actions.ts
var BLOCK_NAMES = /* @__PURE__ */ new Set(["qt", "info", "title", "code", "download", "task"]);
var SHAPES = {
  to: { colon: true },
  toall: { bare: true, attributes: true },
  rp: { attributes: true },
  qt: { bare: true, attributes: true },
  qtmeta: { attributes: true },
  info: { bare: true, attributes: true },
  title: { bare: true, attributes: true },
  hr: { bare: true, attributes: true },
  code: { bare: true, attributes: true },
  picon: { colon: true },
  pname: { colon: true },
  piconname: { colon: true },
  preview: { attributes: true },
  download: { colon: true },
  task: { attributes: true },
  dtext: { colon: true },
  date: { colon: true },
  live: { attributes: true }
};
var NO_ATTRIBUTES = /* @__PURE__ */ new Map();
var DIGITS = /^\d+$/;
var SPACE = /[ \t\r\n]+/;
var STARTS_WITH_SPACE = /^[ \t\r\n]/;
function id(value) {
  if (value === void 0 || !DIGITS.test(value)) return void 0;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : void 0;
}
function attributes(text3) {
  const found = /* @__PURE__ */ new Map();
  for (const item of text3.split(SPACE)) {
    const eq = item.indexOf("=");
    if (eq > 0 && !found.has(item.slice(0, eq))) found.set(item.slice(0, eq), item.slice(eq + 1));
  }
  return found.size > 0 ? found : void 0;
}
function tagNode(lower, value, rest, attrs, source) {
  if (value !== null) {
    if (lower === "dtext") return { type: "dtext", key: value, source };
    const n = id(value);
    if (n === void 0) return void 0;
    switch (lower) {
      case "to":
        return { type: "to", accountId: n, source };
      case "picon":
      case "pname":
      case "piconname":
        return { type: lower, accountId: n, source };
      case "date":
        return { type: "date", time: n, source };
      default:
        return rest === "" ? { type: "download", fileId: n, open: source, children: [] } : void 0;
    }
  }
  switch (lower) {
    case "toall":
      return { type: "toall", source };
    case "hr":
      return { type: "hr", source };
    case "rp": {
      const accountId = id(attrs.get("aid"));
      const target = /^(\d+)[-:](\d+)$/.exec(attrs.get("to") ?? "");
      const roomId = id(target?.[1]);
      if (accountId === void 0 || roomId === void 0) return void 0;
      return { type: "reply", accountId, roomId, messageId: target[2], source };
    }
    case "qtmeta": {
      const accountId = id(attrs.get("aid"));
      if (accountId === void 0) return void 0;
      const time = id(attrs.get("time"));
      return { type: "qtmeta", accountId, ...time === void 0 ? {} : { time }, source };
    }
    case "preview": {
      const fileId = id(attrs.get("id"));
      if (fileId === void 0) return void 0;
      const height = id(attrs.get("ht"));
      return { type: "preview", fileId, ...height === void 0 ? {} : { height }, source };
    }
    case "live": {
      const liveId = id(attrs.get("id"));
      const roomId = id(attrs.get("rid"));
      if (liveId === void 0 || roomId === void 0) return void 0;
      return { type: "live", id: liveId, roomId, source };
    }
    case "task":
      return taskNode(attrs, source);
    case "qt":
      return { type: "quote", open: source, children: [] };
    case "code":
      return { type: "code", value: "", open: source };
    default:
      return { type: lower, open: source, children: [] };
  }
}
function taskNode(attrs, source) {
  const accountIds = (attrs.get("aid") ?? "").split(",").map(id);
  const status = attrs.get("st");
  const limit = attrs.get("lt") ?? "";
  if (accountIds.includes(void 0) || status !== "open" && status !== "done" || !/^-?\d+$/.test(limit)) return void 0;
  const limitType = attrs.get("ltype");
  return {
    type: "task",
    accountIds,
    status,
    limitTime: Number(limit),
    ...limitType === void 0 ? {} : { limitType },
    open: source,
    children: []
  };
}
function readTagParts(name, value, rest, source) {
  const lower = name.toLowerCase();
  const shape = Object.hasOwn(SHAPES, lower) ? SHAPES[lower] : void 0;
  if (shape === void 0) return void 0;
  let attrs = NO_ATTRIBUTES;
  if (value !== null) {
    if (!shape.colon) return void 0;
  } else if (rest !== "") {
    attrs = shape.attributes && STARTS_WITH_SPACE.test(rest) ? attributes(rest) : void 0;
  } else if (!shape.bare) {
    return void 0;
  }
  return attrs && tagNode(lower, value, rest, attrs, source);
}
var STANDARD_EMOTICONS = new Map(EMOTICON_CODES.map((e) => [e.code, e]));
var GrammarActions = class {
  constructor(source, options) {
    this.source = source;
    this.positions = options.positions !== false;
    this.point = locator(source);
    this.emoticonTable = options.extendedEmoticons || options.emoticons ? new Map([...STANDARD_EMOTICONS, ...[...options.extendedEmoticons ? EXTENDED_EMOTICON_CODES : [], ...options.emoticons ?? []].map((e) => [e.code, e])]) : STANDARD_EMOTICONS;
  }
  source;
  /** Offset of the current Inline run in the whole source. */
  base = 0;
  point;
  emoticonTable;
  positions;
  /** `[name]`, `[name:value rest]` or `[name rest]`; null when it is not a valid tag. */
  tag(start, source, name, value, rest) {
    const node = readTagParts(name, value, rest, source);
    if (node === void 0) return null;
    const end = start + source.length;
    if (BLOCK_NAMES.has(node.type === "quote" ? "qt" : node.type)) return { kind: "open", node, spelling: name, start, end };
    return { kind: "node", node: this.at(node, start, end), start, end };
  }
  /** `[/name]`; null when the name is not a block. */
  closer(start, source, name) {
    if (!BLOCK_NAMES.has(name.toLowerCase())) return null;
    return { kind: "close", spelling: name, start, end: start + source.length };
  }
  link(start, url) {
    return this.inlineToken({ type: "link", url }, start, url.length);
  }
  isEmoticon(code) {
    return this.emoticonTable.has(code);
  }
  emoticon(start, code) {
    return this.inlineToken({ type: "emoticon", code, name: this.emoticonTable.get(code).name }, start, code.length);
  }
  inlineToken(node, offset, length) {
    const start = this.base + offset;
    return { kind: "inline", node: this.at(node, start, start + length), start, end: start + length };
  }
  /** Sets a node's position when positions are on. */
  at(node, start, end) {
    if (this.positions) node.position = { start: this.point(start), end: this.point(end) };
    return node;
  }
};

// src/markup/pairing.ts
function pair(tokens) {
  const match = new Int32Array(tokens.length).fill(-1);
  const open2 = /* @__PURE__ */ new Map();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === null) continue;
    if (token.kind === "open") {
      const stack = open2.get(token.spelling);
      if (stack) stack.push(i);
      else open2.set(token.spelling, [i]);
    } else if (token.kind === "close") {
      const stack = open2.get(token.spelling);
      if (!stack || stack.length === 0) continue;
      if (token.spelling.toLowerCase() === "code") {
        for (const opener2 of stack) match[opener2] = i;
        stack.length = 0;
      } else {
        match[stack.pop()] = i;
      }
    }
  }
  return match;
}

// src/markup/parse.ts
function parse(body, options = {}) {
  const actions = new GrammarActions(body, options);
  const root = actions.at({ type: "root", children: [] }, 0, body.length);
  if (body.length === 9 && body.toLowerCase() === "[deleted]") {
    root.children.push(actions.at({ type: "deleted", source: body }, 0, 9));
    return root;
  }
  const tokens = peg$parse(body, { startRule: "Body", actions });
  const match = pair(tokens);
  const frames = [{ node: root, start: 0, closer: tokens.length, contentStart: 0 }];
  let top = frames[0];
  const run = { start: 0, inline: [], hasLiteralTag: false };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === null) continue;
    if (token.kind === "inline") {
      run.inline.push(token);
    } else if (token.kind === "close") {
      if (i !== top.closer) {
        run.hasLiteralTag = true;
        continue;
      }
      flush(actions, run, token.start, top.node.children);
      const block = top.node;
      block.close = body.slice(token.start, token.end);
      frames.pop();
      run.start = finish(actions, block, top.start, token.end);
      top = frames[frames.length - 1];
      top.node.children.push(block);
    } else if (token.kind === "open") {
      const closer = match[i];
      if (closer === -1 || closer > top.closer) {
        run.hasLiteralTag = true;
        continue;
      }
      flush(actions, run, token.start, top.node.children);
      const node = token.node;
      if (node.type === "code") {
        const end = tokens[closer];
        node.value = body.slice(token.end, end.start);
        node.close = body.slice(end.start, end.end);
        run.start = finish(actions, node, token.start, end.end);
        top.node.children.push(node);
        i = closer;
      } else {
        top = { node, start: token.start, closer, contentStart: token.end };
        frames.push(top);
        run.start = token.end;
      }
    } else {
      flush(actions, run, token.start, top.node.children);
      run.start = token.end;
      const node = token.node;
      const parent = top.node;
      if (node.type === "qtmeta" && parent.type === "quote" && top.contentStart === token.start && parent.meta === void 0) {
        parent.accountId = node.accountId;
        if (node.time !== void 0) parent.time = node.time;
        parent.meta = node.source;
      } else {
        parent.children.push(node);
      }
    }
  }
  flush(actions, run, body.length, root.children);
  return root;
}
function finish(actions, block, start, closerEnd) {
  let end = closerEnd;
  if ((block.type === "quote" || block.type === "code") && actions.source.charCodeAt(end) === 10) {
    block.lineFeed = true;
    end++;
  }
  actions.at(block, start, end);
  return end;
}
function flush(actions, run, end, into) {
  const { start } = run;
  let inline = run.inline;
  if (run.hasLiteralTag) {
    actions.base = start;
    inline = peg$parse(actions.source.slice(start, end), { startRule: "Inline", actions }).filter((token) => token !== null);
    actions.base = 0;
  }
  let textStart = start;
  for (const token of inline) {
    if (textStart < token.start) into.push(text(actions, textStart, token.start));
    into.push(token.node);
    textStart = token.end;
  }
  if (textStart < end) into.push(text(actions, textStart, end));
  run.inline = [];
  run.hasLiteralTag = false;
}
function text(actions, start, end) {
  return actions.at({ type: "text", value: actions.source.slice(start, end) }, start, end);
}

// src/markup/canonical-markup.ts
function openMarkup(node) {
  switch (node.type) {
    case "to":
      return `[To:${node.accountId}]`;
    case "quote":
      return node.accountId === void 0 ? "[qt]" : "[qt]" + qtmeta(node.accountId, node.time);
    case "code":
      return "[code]" + node.value;
    case "reply":
      return `[rp aid=${node.accountId} to=${node.roomId}-${node.messageId}]`;
    case "qtmeta":
      return qtmeta(node.accountId, node.time);
    case "picon":
    case "pname":
    case "piconname":
      return `[${node.type}:${node.accountId}]`;
    case "preview":
      return `[preview id=${node.fileId}${node.height === void 0 ? "" : " ht=" + node.height}]`;
    case "download":
      return `[download:${node.fileId}]`;
    case "task":
      return `[task aid=${node.accountIds.join(",")} st=${node.status} lt=${node.limitTime}${node.limitType === void 0 ? "" : " ltype=" + node.limitType}]`;
    case "dtext":
      return `[dtext:${node.key}]`;
    case "date":
      return `[date:${node.time}]`;
    case "live":
      return `[live id=${node.id} rid=${node.roomId}]`;
    default:
      return `[${node.type}]`;
  }
}
function qtmeta(accountId, time) {
  return time === void 0 ? `[qtmeta aid=${accountId}]` : `[qtmeta aid=${accountId} time=${time}]`;
}
function closeMarkup(node) {
  switch (node.type) {
    case "quote":
      return node.lineFeed ? "[/qt]\n" : "[/qt]";
    case "code":
      return node.lineFeed ? "[/code]\n" : "[/code]";
    case "info":
    case "title":
    case "download":
    case "task":
      return `[/${node.type}]`;
    default:
      return "";
  }
}

// src/markup/escape.ts
var ESCAPE_MARK = "\u200B";
var BLOCK_TAG = String.raw`\/(?:code|qt|info|title|task|download)\]|(?:qt|info|title|task|download)[\]\s:]`;
var MENTION = String.raw`to(?:all[\]\s]|:)|rp\s`;
var NEAR_TAG = String.raw`[\p{L}/]|[ \t\u3000]+[A-Za-z]`;
var AT_END = String.raw`[ \t\u3000]*$`;
var NEEDS_MARK = new RegExp(String.raw`\[(?=${NEAR_TAG}|\u200B|${AT_END})`, "gu");
var CODE_NEEDS_MARK = new RegExp(String.raw`\[(?=${BLOCK_TAG}|${MENTION}|\u200B)`, "gi");
var TAG_START = new RegExp(String.raw`\[(?=${NEAR_TAG}|${AT_END})`, "gu");
var CODE_TAG_START = new RegExp(String.raw`\[(?=${BLOCK_TAG}|${MENTION})`, "gi");

// src/markup/node-fields.ts
var FIELDS = {
  to: ["accountId"],
  picon: ["accountId"],
  pname: ["accountId"],
  piconname: ["accountId"],
  toall: [],
  hr: [],
  info: [],
  title: [],
  reply: ["accountId", "roomId", "messageId"],
  quote: ["accountId?", "time?"],
  qtmeta: ["accountId", "time?"],
  code: ["value"],
  preview: ["fileId", "height?"],
  download: ["fileId"],
  task: ["accountIds", "status", "limitTime", "limitType?"],
  dtext: ["key"],
  date: ["time"],
  live: ["id", "roomId"]
};

// src/markup/spelling.ts
var TAG = /^\[([A-Za-z]+)(?::([A-Za-z0-9_]+))?([^[\]]*)\]$/;
function readTag(spelling) {
  const match = TAG.exec(spelling);
  return match === null ? void 0 : readTagParts(match[1], match[2] ?? null, match[3], spelling);
}
function spelledName(spelling) {
  let end = 1;
  for (let c = spelling.charCodeAt(1) | 32; c >= 97 && c <= 122; c = spelling.charCodeAt(++end) | 32) ;
  return spelling.slice(1, end);
}
var COLON_FIELDS = {
  to: "accountId",
  picon: "accountId",
  pname: "accountId",
  piconname: "accountId",
  date: "time",
  dtext: "key",
  download: "fileId"
};
var ATTRIBUTE_FIELDS = {
  reply: [
    ["aid", (node) => text2(node.accountId)],
    ["to", (node) => `${text2(node.roomId)}-${text2(node.messageId)}`]
  ],
  qtmeta: [
    ["aid", (node) => text2(node.accountId)],
    ["time", (node) => text2(node.time)]
  ],
  preview: [
    ["id", (node) => text2(node.fileId)],
    ["ht", (node) => text2(node.height)]
  ],
  live: [
    ["id", (node) => text2(node.id)],
    ["rid", (node) => text2(node.roomId)]
  ],
  task: [
    ["aid", (node) => Array.isArray(node.accountIds) ? node.accountIds.join(",") : void 0],
    ["st", (node) => text2(node.status)],
    ["lt", (node) => text2(node.limitTime)],
    ["ltype", (node) => text2(node.limitType)]
  ]
};
function text2(value) {
  return value === void 0 ? void 0 : String(value);
}
var SEPARATOR = /([ \t\r\n]+)/;
function spell(node, spelling) {
  if (spelling === void 0) return void 0;
  if (node.type === "deleted") return spelling.length === 9 && spelling.toLowerCase() === "[deleted]" ? spelling : void 0;
  if (saysAtAGlance(node, spelling)) return spelling;
  const match = TAG.exec(spelling);
  if (match === null) return void 0;
  const read = readTagParts(match[1], match[2] ?? null, match[3], spelling);
  if (read === void 0 || read.type !== node.type) return void 0;
  if (saysFields(node, read)) return spelling;
  const respelled = respell(node, read, match[1], match[2], match[3]);
  if (respelled === void 0) return void 0;
  const again = readTag(respelled);
  return again !== void 0 && again.type === node.type && saysFields(node, again) ? respelled : void 0;
}
var FIELD_NAMES = Object.fromEntries(
  Object.entries(FIELDS).map(([type, fields]) => [type, fields.map((field) => field.endsWith("?") ? field.slice(0, -1) : field)])
);
function saysAtAGlance(node, spelling) {
  const end = spelling.length - 1;
  if (end < 2 || spelling.charCodeAt(0) !== 91 || spelling.charCodeAt(end) !== 93) return false;
  const type = node.type;
  switch (type) {
    case "toall":
    case "hr":
    case "info":
    case "title":
    case "code":
      return end === type.length + 1 && isName(spelling, type);
    case "quote":
      return end === 3 && isName(spelling, "qt");
    case "to":
    case "picon":
    case "pname":
    case "piconname":
    case "date":
    case "dtext":
    case "download":
      return saysColonForm(node, type, spelling, end);
    case "reply": {
      let i = number(spelling, after(spelling, 0, "[rp aid="), node.accountId);
      i = number(spelling, after(spelling, i, " to="), node.roomId);
      i = after(spelling, after(spelling, i, "-"), node.messageId);
      return i === end;
    }
    case "qtmeta":
      return optionalNumber(spelling, number(spelling, after(spelling, 0, "[qtmeta aid="), node.accountId), " time=", node.time) === end;
    case "preview":
      return optionalNumber(spelling, number(spelling, after(spelling, 0, "[preview id="), node.fileId), " ht=", node.height) === end;
    case "live":
      return number(spelling, after(spelling, number(spelling, after(spelling, 0, "[live id="), node.id), " rid="), node.roomId) === end;
    default:
      return spelling === openMarkup(node);
  }
}
function after(spelling, i, text3) {
  return i !== -1 && typeof text3 === "string" && spelling.startsWith(text3, i) ? i + text3.length : -1;
}
function number(spelling, i, value) {
  if (i === -1 || typeof value !== "number") return -1;
  const start = i;
  let read = 0;
  for (let c = spelling.charCodeAt(i); c >= 48 && c <= 57; c = spelling.charCodeAt(++i)) read = read * 10 + c - 48;
  return i === start || i - start > 15 || read !== value || spelling.charCodeAt(start) === 48 && i - start > 1 ? -1 : i;
}
function optionalNumber(spelling, i, key, value) {
  return value === void 0 ? i : number(spelling, after(spelling, i, key), value);
}
function saysColonForm(node, type, spelling, end) {
  if (spelling.charCodeAt(type.length + 1) !== 58 || !isName(spelling, type)) return false;
  let i = type.length + 2;
  if (type === "dtext") {
    if (typeof node.key !== "string" || node.key === "" || !spelling.startsWith(node.key, i)) return false;
    i += node.key.length;
  } else {
    const start = i;
    let value = 0;
    for (let c = spelling.charCodeAt(i); c >= 48 && c <= 57; c = spelling.charCodeAt(++i)) value = value * 10 + c - 48;
    if (i === start || i - start > 15 || value !== node[COLON_FIELDS[type]]) return false;
  }
  if (i < end && isWordCharacter(spelling.charCodeAt(i))) return false;
  if (type === "download") return i === end;
  for (; i < end; i++) {
    const c = spelling.charCodeAt(i);
    if (c === 91 || c === 93) return false;
  }
  return true;
}
function isName(spelling, name) {
  for (let k = 0; k < name.length; k++) if ((spelling.charCodeAt(k + 1) | 32) !== name.charCodeAt(k)) return false;
  return true;
}
function isWordCharacter(c) {
  return c >= 48 && c <= 57 || (c | 32) >= 97 && (c | 32) <= 122 || c === 95;
}
function saysFields(node, read) {
  if (node.type === "quote" || node.type === "code") return true;
  for (const name of FIELD_NAMES[node.type] ?? []) {
    const a = node[name];
    const b = read[name];
    if (Array.isArray(a) && Array.isArray(b) ? a.length !== b.length || a.some((x, i) => x !== b[i]) : a !== b) return false;
  }
  return true;
}
function respell(node, read, name, value, rest) {
  const colon = COLON_FIELDS[node.type];
  if (colon !== void 0) return value === void 0 || node[colon] === void 0 ? void 0 : `[${name}:${String(node[colon])}${rest}]`;
  const attributes2 = ATTRIBUTE_FIELDS[node.type];
  if (attributes2 === void 0 || rest === "") return void 0;
  const parts = rest.split(SEPARATOR);
  for (const [key, say] of attributes2) {
    const wanted = say(node);
    if (wanted === say(read)) continue;
    let found = false;
    for (let i = 2; i < parts.length; i += 2) {
      if (!isKey(parts[i], key)) continue;
      if (wanted === void 0) {
        parts[i] = parts[i - 1] = "";
      } else if (!found) {
        parts[i] = `${key}=${wanted}`;
      }
      found = true;
    }
    if (!found && wanted !== void 0) {
      let last = parts.length - 1;
      while (last > 0 && parts[last] === "") last -= 2;
      parts.splice(last + 1, 0, " ", `${key}=${wanted}`);
    }
  }
  return `[${name}${parts.join("")}]`;
}
function isKey(item, key) {
  return item.length > key.length && item.charCodeAt(key.length) === 61 && item.startsWith(key);
}

// src/markup/stringify.ts
var TAG_IN_TEXT = /\[(\/?)([A-Za-z]+)(?::([A-Za-z0-9_]+))?([^[\]]*)\]/g;
var NOT_A_TAG = 0;
var INLINE_TAG = 1;
var BLOCK_TAG2 = 2;
function tokenKind(match) {
  const [spelling, slash, name, value, rest] = match;
  if (slash !== "") return value === void 0 && rest === "" && BLOCK_NAMES.has(name.toLowerCase()) ? BLOCK_TAG2 : NOT_A_TAG;
  const node = readTagParts(name, value ?? null, rest, spelling);
  if (node === void 0) return NOT_A_TAG;
  return "children" in node || node.type === "code" ? BLOCK_TAG2 : INLINE_TAG;
}
var Printing = class {
  constructor(markBlocks) {
    this.out = "";
    this.tokens = [];
    this.strayTokens = false;
    this.bracket = -1;
    this.lineFeedOwed = false;
    this.markBlocks = markBlocks;
  }
  /** Appends a block's opener, which `closer` closes; returns its token's index, for {@link closeBlock}. */
  openBlock(markup, closer) {
    this.markup(markup);
    this.tokens.push({ kind: "open", closer, own: true, closedBy: -1 });
    return this.tokens.length - 1;
  }
  /** Appends the closer of the block whose opener is token `opener`. */
  closeBlock(opener2) {
    const { closer } = this.tokens[opener2];
    this.tokens[opener2].closedBy = this.tokens.length;
    this.tokens.push({ kind: "close", closer, own: true, closedBy: -1 });
    this.markup(closer);
  }
  /**
   * Whether the message pairs as printed: every block's own opener with its
   * own closer, and no opener or closer of text or code with anything, by
   * the parser's pairing and nesting rules.
   */
  pairsAsPrinted() {
    const tokens = this.tokens;
    const match = pair(tokens.map((token) => ({ kind: token.kind, spelling: token.closer.slice(2, -1) })));
    const closers = [tokens.length];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.kind === "close") {
        if (i === closers[closers.length - 1]) closers.pop();
        continue;
      }
      const closer = match[i];
      const pairs = closer !== -1 && closer <= closers[closers.length - 1];
      if (pairs !== token.own || pairs && closer !== token.closedBy) return false;
      if (!pairs) continue;
      if (token.closer.toLowerCase() === "[/code]") i = closer;
      else closers.push(closer);
    }
    return true;
  }
  /** Appends text, a link or an emoticon: part of the current run of text. */
  text(value) {
    if (value === "") return;
    if (this.lineFeedOwed) {
      if (value.charCodeAt(0) === 10) this.out += "\n";
      this.lineFeedOwed = false;
    }
    if (this.bracket !== -1) this.markSeam(value);
    if (value.indexOf("[") !== -1) {
      value = this.markTags(value, false);
      let last = value.length - 1;
      while (value.charCodeAt(last) !== 91) last--;
      this.bracket = value.indexOf("]", last) === -1 ? this.out.length + last : -1;
    } else if (this.bracket !== -1 && value.includes("]")) {
      this.bracket = -1;
    }
    this.out += value;
  }
  /** Appends markup that is not text: a tag, an opener, a closer. */
  markup(markup) {
    this.out += markup;
    this.bracket = -1;
    this.lineFeedOwed = false;
  }
  /** Appends the line feed after a quote or a code block, or owes it. */
  lineFeed(present) {
    if (present) this.out += "\n";
    else this.lineFeedOwed = true;
  }
  /** Appends the content of a code block that `closer` ends. */
  code(value, closer) {
    if (value.includes("[")) {
      if (value.includes(closer)) value = value.split(closer).join("[" + ESCAPE_MARK + closer.slice(1));
      value = this.markTags(value, true);
    }
    this.out += value;
  }
  /** Marks the tags in `value` that must stay text; in code, only openers and closers count. */
  markTags(value, inCode) {
    let marked = "";
    let from = 0;
    TAG_IN_TEXT.lastIndex = 0;
    for (let match = TAG_IN_TEXT.exec(value); match !== null; match = TAG_IN_TEXT.exec(value)) {
      const kind = tokenKind(match);
      if (kind === NOT_A_TAG || inCode && kind === INLINE_TAG) continue;
      if (kind === BLOCK_TAG2 && !this.markBlocks) {
        this.stray(match[1] === "/", match[2]);
        continue;
      }
      marked += value.slice(from, match.index + 1) + ESCAPE_MARK;
      from = match.index + 1;
    }
    return from === 0 ? value : marked + value.slice(from);
  }
  /** Records an opener or closer left in text or code. */
  stray(closer, spelling) {
    this.tokens.push({ kind: closer ? "close" : "open", closer: `[/${spelling}]`, own: false, closedBy: -1 });
    this.strayTokens = true;
  }
  /** Marks the open `[` before `value` when the two would form a tag across the seam. */
  markSeam(value) {
    const end = value.indexOf("]");
    if (end === -1) return;
    const next = value.indexOf("[");
    if (next !== -1 && next < end) return;
    TAG_IN_TEXT.lastIndex = 0;
    const joined = this.out.slice(this.bracket) + value.slice(0, end + 1);
    const match = TAG_IN_TEXT.exec(joined);
    const token = match === null || match.index !== 0 || match[0].length !== joined.length ? NOT_A_TAG : tokenKind(match);
    if (token === NOT_A_TAG) return;
    if (token === BLOCK_TAG2 && !this.markBlocks) {
      this.stray(match[1] === "/", match[2]);
    } else {
      this.out = this.out.slice(0, this.bracket + 1) + ESCAPE_MARK + this.out.slice(this.bracket + 1);
    }
  }
};
function stringify(tree) {
  const nodes = Array.isArray(tree) ? tree : [tree];
  let out = print(nodes, false);
  if (out.strayTokens && !out.pairsAsPrinted()) out = print(nodes, true);
  return !Array.isArray(tree) && tree.type === "root" ? markDeleted(out.out, tree) : out.out;
}
function markDeleted(out, root) {
  if (out.length !== 9 || out.toLowerCase() !== "[deleted]") return out;
  return root.children.length === 1 && root.children[0].type === "deleted" ? out : "[" + ESCAPE_MARK + out.slice(1);
}
function print(nodes, markBlocks) {
  const printing = new Printing(markBlocks);
  let next = 0;
  let parent;
  let opened = -1;
  const stack = [];
  for (; ; ) {
    while (next < nodes.length) {
      const node = nodes[next++];
      switch (node.type) {
        case "text":
          printing.text(node.value);
          continue;
        case "link":
          printing.text(node.url);
          continue;
        case "emoticon":
          printing.text(node.code);
          continue;
        case "code": {
          const open2 = opener(node);
          const close2 = closerOf(node, open2);
          const token = printing.openBlock(open2 ?? "[code]", close2);
          printing.code(node.value, close2);
          printing.closeBlock(token);
          printing.lineFeed(node.lineFeed);
          continue;
        }
        case "root":
        case "quote":
        case "info":
        case "title":
        case "download":
        case "task": {
          stack.push(nodes, next, parent, opened);
          if (node.type !== "root") {
            const open2 = opener(node);
            const markup = open2 === void 0 ? openMarkup(node) : node.type === "quote" ? open2 + header(node) : open2;
            opened = printing.openBlock(markup, closerOf(node, open2));
          }
          parent = node;
          nodes = node.children;
          next = 0;
          continue;
        }
        default:
          printing.markup(spell(node, node.source) ?? openMarkup(node));
      }
    }
    if (parent !== void 0 && parent.type !== "root") {
      printing.closeBlock(opened);
      if (parent.type === "quote") printing.lineFeed(parent.lineFeed);
    }
    if (stack.length === 0) return printing;
    opened = stack.pop();
    parent = stack.pop();
    next = stack.pop();
    nodes = stack.pop();
  }
}
function opener(node) {
  return spell(node, node.open);
}
function closerOf(node, open2) {
  if (open2 === void 0) return CANONICAL_CLOSERS[node.type];
  const close2 = node.close;
  return close2 !== void 0 && closes(open2, close2) ? close2 : `[/${spelledName(open2)}]`;
}
var CANONICAL_CLOSERS = { quote: "[/qt]", info: "[/info]", title: "[/title]", code: "[/code]", download: "[/download]", task: "[/task]" };
function closes(open2, close2) {
  const end = close2.length - 1;
  if (end < 3 || close2.charCodeAt(1) !== 47 || close2.charCodeAt(end) !== 93) return false;
  for (let i = 2; i < end; i++) if (close2.charCodeAt(i) !== open2.charCodeAt(i - 1)) return false;
  const after2 = open2.charCodeAt(end - 1) | 32;
  return !(after2 >= 97 && after2 <= 122);
}
function header(quote) {
  if (quote.accountId === void 0) return "";
  const meta = { type: "qtmeta", accountId: quote.accountId, time: quote.time };
  return spell(meta, quote.meta) ?? qtmeta(quote.accountId, quote.time);
}

// bench/_old-stringify.ts
function open(node) {
  switch (node.type) {
    case "root":
      return "";
    case "text":
      return node.value;
    case "link":
      return node.url;
    case "emoticon":
      return node.code;
    case "quote":
      if (node.open === void 0 && node.meta === void 0) return openMarkup(node);
      return (node.open ?? "[qt]") + (node.meta ?? (node.accountId === void 0 ? "" : qtmeta(node.accountId, node.time)));
    case "code":
      return node.open === void 0 ? openMarkup(node) : node.open + node.value;
    case "info":
    case "title":
    case "download":
    case "task":
      return node.open ?? openMarkup(node);
    default:
      return node.source ?? openMarkup(node);
  }
}
function close(node) {
  if (node.type === "root") return "";
  if (!("close" in node) || node.close === void 0) return closeMarkup(node);
  return node.close + ("lineFeed" in node && node.lineFeed ? "\n" : "");
}
function stringify2(tree) {
  if (Array.isArray(tree)) return printAll(tree, "");
  const node = tree;
  return "children" in node ? printAll(node.children, open(node), close(node)) : open(node) + close(node);
}
function printAll(nodes, out, after2 = "") {
  let next = 0;
  const stack = [];
  for (; ; ) {
    while (next < nodes.length) {
      const node = nodes[next++];
      switch (node.type) {
        case "text":
          out += node.value;
          break;
        case "root":
        case "quote":
        case "info":
        case "title":
        case "download":
        case "task":
          out += open(node);
          stack.push(nodes, next, after2);
          nodes = node.children;
          next = 0;
          after2 = close(node);
          break;
        case "code":
          out += open(node) + close(node);
          break;
        default:
          out += open(node);
      }
    }
    out += after2;
    if (stack.length === 0) return out;
    after2 = stack.pop();
    next = stack.pop();
    nodes = stack.pop();
  }
}

// bench/_probe9.ts
var rows = corpusBodies.map((b) => {
  const tree = parse(b);
  for (let i = 0; i < 2e3; i++) {
    stringify(tree);
    stringify2(tree);
  }
  let t = performance.now();
  for (let i = 0; i < 5e3; i++) stringify(tree);
  const n = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < 5e3; i++) stringify2(tree);
  const o = performance.now() - t;
  return { b: JSON.stringify(b).slice(0, 70), len: b.length, n: n / 5e3 * 1e6, o: o / 5e3 * 1e6 };
});
rows.sort((a, b) => b.n - a.n);
var tn = 0;
var to = 0;
for (const r of rows) {
  tn += r.n;
  to += r.o;
}
console.log("total new", tn.toFixed(0), "old", to.toFixed(0));
for (const r of rows.slice(0, 15)) console.log(r.n.toFixed(0).padStart(6), r.o.toFixed(0).padStart(6), r.len, r.b);
