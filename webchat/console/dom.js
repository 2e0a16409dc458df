// @ts-check
/** Finding and making elements. Text always goes in as textContent, never as HTML. */

/**
 * The element with this id, checked to be of the expected kind (a missing element is a bug in
 * index.html, said at once rather than as "cannot read properties of null" later).
 * @template {HTMLElement} [E=HTMLElement]
 * @param {string} id
 * @param {new () => E} [kind]
 * @returns {E}
 */
export function $(id, kind) {
  const node = document.getElementById(id);
  if (!(node instanceof (kind ?? HTMLElement))) throw new Error(`#${id} is missing from the page`);
  return /** @type {E} */ (node);
}

/**
 * A new element. `text` becomes its textContent; other attributes are set unless undefined, null or false.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Readonly<Record<string, string | boolean | null | undefined>>} [attrs]
 * @param {readonly (Node | string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'text') node.textContent = String(value ?? '');
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

const ids = { last: 0 };

/** A unique id for aria-describedby and friends: "queue-title-7". */
export function nextId(/** @type {string} */ prefix) {
  ids.last += 1;
  return `${prefix}-${ids.last}`;
}

/** An element inside `root` that createX put there; missing means the two functions disagree. */
export function part(/** @type {ParentNode} */ root, /** @type {string} */ selector) {
  const node = root.querySelector(selector);
  if (!(node instanceof HTMLElement)) throw new Error(`${selector} is missing`);
  return node;
}

/** Does nothing: for promises whose failure needs no handling (said where it is used). */
export function ignore() {
  // nothing to do
}
