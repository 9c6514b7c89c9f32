/** A small helper to make DOM elements: the app needs no view library for its few, simple views. */
import type { Nodes as HastNode } from 'hast'
import { toDom } from 'hast-util-to-dom'
import { toHast, type HtmlOptions } from '../../../render/html/index.ts'

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

/**
 * Shows a message body as the HTML renderer does (toHast). The DOM is built
 * from the tree, not parsed from HTML, because the page's
 * Content-Security-Policy refuses inline style attributes, and a preview's
 * height is one (the renderer's only one): it is set through the CSSOM
 * instead, which the policy allows.
 *
 * @example
 * renderBody(element, '[preview id=1 ht=120]', {})
 */
export function renderBody(element: Element, body: string, options: HtmlOptions): void {
  const tree = toHast(body, options)
  const styles = new Map<HastNode, string>()
  const pending: HastNode[] = [tree]
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.type === 'element' && typeof node.properties.style === 'string') {
      styles.set(node, node.properties.style)
      delete node.properties.style
    }
    if ('children' in node) for (const child of node.children) pending.push(child)
  }
  const afterTransform = (node: HastNode, made: Node) => {
    const style = styles.get(node)
    if (style !== undefined) (made as HTMLElement).style.cssText = style
  }
  element.replaceChildren(toDom(tree, { fragment: true, afterTransform }))
}
