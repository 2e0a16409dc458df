// @ts-check
/**
 * Problems and plain-language advice shown at the field they are about: listed under it, tied to
 * it with aria-describedby, the field marked aria-invalid. What belongs to no field on the page is
 * listed at the top of the file, with its line.
 */
import { $, el, nextId } from '../console/dom.js';
import { BAND_NAMES } from './formats.js';

/** @typedef {import('./api-types').FieldPath} FieldPath */
/** @typedef {import('./api-types').PlainLanguage} PlainLanguage */
/** @typedef {import('./api-types').Problem} Problem */

/** @typedef {{ field: FieldPath, control: HTMLElement, problems: HTMLElement, meter: HTMLElement | null }} Registered */

export class FieldFeedback {
  constructor(/** @type {string} */ path) {
    this.path = path;
    /** @type {Map<string, Registered>} */
    this.fields = new Map();
    /** What was rendered last, for fields registered since (a row just added). */
    /** @type {{ problems: readonly Problem[], plainLanguage: readonly PlainLanguage[] }} */
    this.last = { problems: [], plainLanguage: [] };
  }

  /** Renders the last problems again: after rows of a list were built anew. */
  refresh() {
    this.render(this.last.problems, this.last.plainLanguage);
  }

  /**
   * A field on the page: its problems (and, for answers, the plain-language meter) go into `box`.
   * @param {FieldPath} field
   * @param {HTMLElement} control
   * @param {HTMLElement} box
   * @param {boolean} meter
   */
  register(field, control, box, meter) {
    const problems = el('ul', { class: 'field-problems', id: nextId('problems') });
    box.appendChild(problems);
    /** @type {HTMLElement | null} */
    let meterNode = null;
    if (meter) {
      meterNode = el('div', { class: 'meter', id: nextId('meter') });
      box.appendChild(meterNode);
    }
    const described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    described.push(problems.id);
    if (meterNode) described.push(meterNode.id);
    control.setAttribute('aria-describedby', described.join(' '));
    this.fields.set(JSON.stringify(field), { field, control, problems, meter: meterNode });
  }

  /**
   * Forgets the fields under `prefix` (not `prefix` itself): rows of a list that is built anew
   * after a row is added or removed, so their positions change.
   * @param {FieldPath} prefix
   */
  forgetUnder(prefix) {
    const start = JSON.stringify(prefix).slice(0, -1) + ',';
    for (const key of [...this.fields.keys()]) if (key.startsWith(start)) this.fields.delete(key);
  }

  /** The registered field a path belongs to: itself, or the nearest registered parent. */
  owner(/** @type {FieldPath | undefined} */ field) {
    if (!field) return undefined;
    for (let length = field.length; length > 0; length -= 1) {
      const found = this.fields.get(JSON.stringify(field.slice(0, length)));
      if (found) return found;
    }
    return undefined;
  }

  /** @param {readonly Problem[]} problems @param {readonly PlainLanguage[]} plainLanguage */
  render(problems, plainLanguage) {
    this.last = { problems, plainLanguage };
    /** @type {Map<Registered, string[]>} */
    const byField = new Map();
    /** @type {string[]} */
    const rest = [];
    for (const problem of problems) {
      if (problem.file !== this.path) continue;
      const owner = this.owner(problem.field);
      if (owner) byField.set(owner, [...(byField.get(owner) ?? []), problem.message]);
      else rest.push(problem.line ? `Linje ${problem.line}: ${problem.message}` : problem.message);
    }
    // A control can stand for more than one field (a time and its span): invalid if any of them is.
    /** @type {Set<HTMLElement>} */
    const invalid = new Set();
    for (const registered of this.fields.values()) {
      const messages = byField.get(registered) ?? [];
      registered.problems.replaceChildren(...messages.map((message) => el('li', { text: message })));
      if (messages.length > 0) invalid.add(registered.control);
      registered.meter?.replaceChildren();
    }
    for (const registered of this.fields.values()) {
      if (invalid.has(registered.control)) registered.control.setAttribute('aria-invalid', 'true');
      else registered.control.removeAttribute('aria-invalid');
    }
    for (const report of plainLanguage) {
      if (report.file !== this.path) continue;
      const meter = this.fields.get(JSON.stringify(report.field))?.meter;
      if (meter) meter.replaceChildren(...meterNodes(report));
    }
    $('file-problems').hidden = rest.length === 0;
    $('file-problems-list').replaceChildren(...rest.map((message) => el('li', { text: message })));
  }
}

/** "Læsbarhed: LIX 34, middel. Længste sætning: 21 ord." and the advice. */
function meterNodes(/** @type {PlainLanguage} */ report) {
  /** @type {Node[]} */
  const nodes = [
    el('p', { class: 'meter-line' }, [
      `Læsbarhed: LIX ${Math.round(report.lix)}, `,
      el('span', { class: `band band-${report.band}`, text: BAND_NAMES[report.band] ?? report.band }),
      `. Længste sætning: ${report.longestSentenceWords} ord.`,
    ]),
  ];
  if (report.advice.length > 0) {
    nodes.push(
      el(
        'ul',
        { class: 'advice' },
        report.advice.map((advice) => el('li', { text: advice })),
      ),
    );
  }
  return nodes;
}
