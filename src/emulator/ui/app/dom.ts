/** A small helper to make DOM elements: the app needs no view library for its few, simple views. */

type Child = Node | string | null | undefined | false
type Attributes = Record<string, string | number | boolean | undefined | ((event: Event) => void)>

/**
 * Makes an element: attributes (`on…` ones become listeners, `false`/undefined are left out) and children.
 *
 * @example
 * h('button', { type: 'button', onclick: () => send() }, 'Send')
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue
    if (typeof value === 'function') element.addEventListener(name.slice(2), value)
    else element.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child)
  return element
}

/** Replaces an element's children: each argument a child or a list of them (appended one by one, so a list of any length is fine). */
export function replaceChildren(parent: Element, ...children: (Child | readonly Child[])[]): void {
  parent.replaceChildren()
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) parent.append(child)
}

/** Sets HTML made by the toHtml renderer, whose output escapes every text and attribute. */
export function setRenderedHtml(element: Element, html: string): void {
  element.innerHTML = html
}
