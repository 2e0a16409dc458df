// @ts-check
/**
 * The answers' Markdown as the chat widget shows it (paragraphs, "- " and "1. " lists, **bold**,
 * [links](https://…)), built as elements: answers are written by editors, so nothing goes in as HTML.
 */
import { el } from '../console/dom.js';

const INLINE = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
const SAFE_LINK = /^(?:https?:|mailto:|tel:)/i;

/** The nodes of one line: text, bold and links. */
function inline(/** @type {string} */ text) {
  /** @type {(Node | string)[]} */
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push(text.slice(last, index));
    if (match[1] !== undefined) nodes.push(el('strong', { text: match[1] }));
    else if (SAFE_LINK.test(match[3] ?? '')) {
      nodes.push(el('a', { href: match[3], target: '_blank', rel: 'noopener noreferrer', text: match[2] }));
    } else nodes.push(match[0]);
    last = index + match[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

const BULLET = /^\s*[-*] /;
const NUMBER = /^\s*\d+\. /;

/** Markdown as a document fragment. A list may follow a line of text directly ("Sådan gør du:"). */
export function renderMarkdown(/** @type {string} */ markdown) {
  const fragment = document.createDocumentFragment();
  for (const block of markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    /** @type {string[]} */
    let text = [];
    /** @type {{ numbered: boolean, items: string[] } | null} */
    let list = null;
    const endText = () => {
      if (text.length === 0) return;
      /** @type {(Node | string)[]} */
      const parts = [];
      text.forEach((line, index) => {
        if (index > 0) parts.push(el('br'));
        parts.push(...inline(line));
      });
      fragment.appendChild(el('p', {}, parts));
      text = [];
    };
    const endList = () => {
      if (!list) return;
      const items = list.items.map((item) => el('li', {}, inline(item)));
      fragment.appendChild(el(list.numbered ? 'ol' : 'ul', {}, items));
      list = null;
    };
    for (const line of lines) {
      const numbered = NUMBER.test(line);
      if (BULLET.test(line) || numbered) {
        endText();
        if (list && list.numbered !== numbered) endList();
        list ??= { numbered, items: [] };
        list.items.push(line.replace(/^\s*(?:[-*]|\d+\.) /, ''));
      } else {
        endList();
        text.push(line);
      }
    }
    endText();
    endList();
  }
  return fragment;
}
