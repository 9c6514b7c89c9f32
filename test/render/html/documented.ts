/** What the README documents of `toHtml` output: the only elements, attributes (as hast property names) and classes it may contain. */
export const ELEMENTS = new Set(['div', 'span', 'a', 'img', 'blockquote', 'pre', 'code', 'hr', 'time'])

export const ATTRIBUTES = new Set(['className', 'href', 'target', 'rel', 'src', 'alt', 'title', 'style', 'dateTime'])

export const CLASSES = new Set(
  'cw-message cw-to cw-toall cw-reply cw-badge cw-avatar cw-name cw-quote cw-quote-header cw-quote-body cw-time cw-qtmeta cw-info cw-title cw-hr cw-code cw-piconname cw-preview cw-download cw-file-name cw-file-size cw-task cw-task-open cw-task-done cw-task-body cw-task-meta cw-task-assignees cw-task-due cw-task-no-due cw-task-status cw-deleted cw-date cw-live cw-emoticon cw-link'.split(
    ' ',
  ),
)
