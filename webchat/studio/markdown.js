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

/** Markdown as a document fragment. */
export function renderMarkdown(/** @type {string} */ markdown) {
  const fragment = document.createDocumentFragment();
  for (const block of markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    if (lines.length === 0) continue;
    const bullets = lines.every((line) => /^\s*[-*] /.test(line));
    const numbers = lines.every((line) => /^\s*\d+\. /.test(line));
    if (bullets || numbers) {
      const items = lines.map((line) => el('li', {}, inline(line.replace(/^\s*(?:[-*]|\d+\.) /, ''))));
      fragment.appendChild(el(bullets ? 'ul' : 'ol', {}, items));
      continue;
    }
    /** @type {(Node | string)[]} */
    const parts = [];
    lines.forEach((line, index) => {
      if (index > 0) parts.push(el('br'));
      parts.push(...inline(line));
    });
    fragment.appendChild(el('p', {}, parts));
  }
  return fragment;
}
