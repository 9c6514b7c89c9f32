/**
 * A stylesheet that makes `toHtml` output look like a message in Chatwork's
 * web client. Every rule is scoped to a `cw-` class, so it can be added to
 * any page; override the custom properties (`--cw-accent` …) on
 * `.cw-message` or an ancestor to change the colours.
 *
 * @example
 * const page = `<style>${CHATWORK_CSS}</style>${toHtml(body)}`
 */
export const CHATWORK_CSS = `.cw-message {
  --cw-text: #333;
  --cw-muted: #6b7280;
  --cw-border: #d6dbe1;
  --cw-accent: #1d7fd1;
  --cw-to: #16a34a;
  --cw-reply: #1d7fd1;
  --cw-toall: #dc6b10;
  --cw-surface: #f5f7f9;
  --cw-code: #f3f4f6;
  color: var(--cw-text);
  font: 14px/1.6 -apple-system, BlinkMacSystemFont, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", Meiryo, sans-serif;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}
.cw-message a { color: var(--cw-accent); text-decoration: none; }
.cw-message a:hover { text-decoration: underline; }
.cw-to, .cw-reply, .cw-toall, .cw-piconname, .cw-qtmeta {
  display: inline-flex; align-items: center; gap: 4px; vertical-align: middle; white-space: nowrap;
}
.cw-badge {
  display: inline-block; padding: 0 5px; border-radius: 3px; color: #fff;
  font-size: 11px; font-weight: 700; line-height: 17px;
}
.cw-to .cw-badge { background: var(--cw-to); }
.cw-reply .cw-badge { background: var(--cw-reply); }
.cw-toall .cw-badge { background: var(--cw-toall); }
.cw-avatar {
  display: inline-block; width: 20px; height: 20px; border-radius: 4px; vertical-align: middle;
  background: #c9d1da; object-fit: cover;
}
.cw-quote, .cw-qtmeta .cw-avatar, .cw-quote-header .cw-avatar { flex: none; }
.cw-name { font-weight: 700; }
.cw-quote {
  display: block; margin: 4px 0; padding: 6px 10px 6px 12px;
  border-left: 4px solid var(--cw-border); background: var(--cw-surface); border-radius: 0 4px 4px 0;
}
.cw-quote-header { display: flex; align-items: center; gap: 6px; margin-bottom: 2px; white-space: nowrap; }
.cw-quote-header .cw-time, .cw-qtmeta .cw-time { color: var(--cw-muted); font-size: 12px; }
.cw-info, .cw-task {
  display: inline-block; box-sizing: border-box; width: 100%; vertical-align: top; margin: 4px 0;
  padding: 8px 12px; border: 1px solid var(--cw-border); border-radius: 4px; background: #fff;
}
.cw-title { display: inline-block; box-sizing: border-box; width: 100%; min-height: 1.6em; font-weight: 700; }
.cw-info > .cw-title { margin-bottom: 4px; padding-bottom: 4px; border-bottom: 1px solid var(--cw-border); }
.cw-title::before {
  content: "i"; display: inline-block; width: 16px; height: 16px; margin-right: 6px; border-radius: 50%;
  background: var(--cw-accent); color: #fff; font: italic 700 11px/16px Georgia, serif; text-align: center; vertical-align: 1px;
}
.cw-hr { margin: 6px 0; border: 0; border-top: 1px solid var(--cw-border); }
.cw-code {
  display: block; margin: 4px 0; padding: 8px 10px; border-radius: 4px; background: var(--cw-code);
  white-space: pre; overflow-x: auto; font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
.cw-code code { font: inherit; }
.cw-preview { display: inline-block; max-width: 100%; vertical-align: top; border-radius: 4px; }
span.cw-preview { min-width: 40px; min-height: 20px; background: var(--cw-surface); border: 1px dashed var(--cw-border); }
.cw-download { display: inline-flex; gap: 6px; align-items: baseline; }
.cw-download::before { content: "\\2193"; font-weight: 700; }
.cw-file-size { color: var(--cw-muted); font-size: 12px; }
.cw-file-size::before { content: "("; }
.cw-file-size::after { content: ")"; }
.cw-task { border-left: 4px solid var(--cw-accent); }
.cw-task-done { border-left-color: var(--cw-muted); }
.cw-task-done > .cw-task-body { color: var(--cw-muted); text-decoration: line-through; }
.cw-task-meta { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; margin-top: 6px; color: var(--cw-muted); font-size: 12px; white-space: nowrap; }
.cw-task-assignees { display: inline-flex; gap: 8px; color: var(--cw-text); }
.cw-task-status { padding: 0 6px; border-radius: 3px; background: var(--cw-surface); border: 1px solid var(--cw-border); }
.cw-task-done .cw-task-status { background: var(--cw-muted); border-color: var(--cw-muted); color: #fff; }
.cw-date { font-weight: 700; }
.cw-live {
  display: inline-block; padding: 2px 10px; border-radius: 4px; background: var(--cw-accent); color: #fff; font-weight: 700;
}
.cw-emoticon { display: inline-block; vertical-align: middle; }
img.cw-emoticon { width: 20px; height: 20px; }
span.cw-emoticon { padding: 0 2px; border-radius: 3px; background: #fff4c2; color: #7a5b00; font-size: 12px; }
.cw-deleted { display: none; }
`
