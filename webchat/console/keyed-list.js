// @ts-check

/**
 * Makes `list` show `items` in order, reusing the <li> with the same key and creating or removing
 * only what changed.
 *
 * Why not simply rebuild the list on every snapshot: the queue, "Mine samtaler" and the callbacks
 * change while the agent works in them. A rebuilt list would take the keyboard focus away from the
 * button the agent is on, make screen readers lose their place and restart the waiting times'
 * text. Keeping the elements keeps all that.
 *
 * Returns true when the element with focus was removed, so the caller can put focus somewhere sensible.
 *
 * @template T
 * @param {HTMLElement} list
 * @param {readonly T[]} items
 * @param {string} attribute  the attribute that holds each <li>'s key, e.g. "data-conversation-id"
 * @param {(item: T) => string} keyOf
 * @param {(item: T) => HTMLElement} create  a new, empty <li> (update fills it in)
 * @param {(li: HTMLElement, item: T) => void} update
 * @returns {boolean}
 */
export function reconcile(list, items, attribute, keyOf, create, update) {
  const wanted = new Set(items.map(keyOf));
  /** @type {Map<string, HTMLElement>} */
  const existing = new Map();
  let lostFocus = false;
  for (const li of Array.from(list.children)) {
    const key = li.getAttribute(attribute);
    if (key !== null && wanted.has(key) && !existing.has(key) && li instanceof HTMLElement) {
      existing.set(key, li);
    } else {
      if (li.contains(document.activeElement)) lostFocus = true;
      list.removeChild(li);
    }
  }
  items.forEach((item, index) => {
    const key = keyOf(item);
    let li = existing.get(key);
    if (!li) {
      li = create(item);
      li.setAttribute(attribute, key);
    }
    update(li, item);
    const at = list.children[index];
    if (at !== li) list.insertBefore(li, at ?? null);
  });
  return lostFocus;
}
