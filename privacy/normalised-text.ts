/**
 * A message as the personal-data patterns read it, with a way back to the message as typed.
 *
 * Citizens type the same number many ways: full-width digits (NFKC), any of a dozen dashes, no-break
 * or thin spaces, line breaks between digit groups, invisible zero-width characters. Folding these
 * into plain ASCII lets a handful of simple patterns match them all. Every character of the folded
 * text remembers which characters of the original it came from, so a finding replaces exactly the
 * typed span and everything around it stays as the citizen wrote it.
 */
export interface NormalisedText {
  /** Digits, dashes, slashes, dots and "@" folded to ASCII; each run of white space is one " ". */
  readonly text: string;
  /** Where, in the original, the i-th character of `text` starts. */
  readonly starts: Int32Array;
  /** Where, in the original, the i-th character of `text` ends (exclusive). */
  readonly ends: Int32Array;
}

/** Dashes and minus signs people (and word processors) put between digit groups. */
const DASHES = /[\u2010-\u2015\u2043\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/u;
/** Slashes that are not "/" (NFKC leaves the division and fraction slashes alone). */
const SLASHES = /[\u2044\u2215\u29F8]/u;
/** Characters that show nothing; dropped so they cannot split a number. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/u;
const SPACE = /\s/u;

export function normaliseText(original: string): NormalisedText {
  const chunks: string[] = [];
  let starts: Int32Array = new Int32Array(original.length + 16);
  let ends: Int32Array = new Int32Array(original.length + 16);
  let length = 0;
  const append = (from: number, to: number) => {
    if (length === starts.length) {
      // NFKC may lengthen a character ("ﬁ" → "fi"); grow the maps when it does.
      starts = grow(starts);
      ends = grow(ends);
    }
    starts[length] = from;
    ends[length] = to;
    length += 1;
  };
  // Plain ASCII is copied a run at a time; only other characters are looked at one by one.
  let run = 0;
  let lastWasSpace = false;
  for (let index = 0; index < original.length;) {
    const code = original.charCodeAt(index);
    if ((code > 0x20 && code < 0x7f) || (code === 0x20 && !lastWasSpace)) {
      append(index, index + 1);
      index += 1;
      lastWasSpace = code === 0x20;
      continue;
    }
    chunks.push(original.slice(run, index));
    const codePoint = original.codePointAt(index) ?? code;
    const width = codePoint > 0xffff ? 2 : 1;
    const folded = fold(original.slice(index, index + width), codePoint);
    if (folded === ' ') {
      // A run of white space is one separator, however it was typed (tab, line break, two spaces).
      if (lastWasSpace) ends[length - 1] = index + width;
      else {
        chunks.push(' ');
        append(index, index + width);
      }
      lastWasSpace = true;
    } else if (folded.length > 0) {
      chunks.push(folded);
      // Per UTF-16 unit, so `text`, `starts` and `ends` stay index-aligned.
      for (let unit = 0; unit < folded.length; unit += 1) append(index, index + width);
      lastWasSpace = false;
    }
    index += width;
    run = index;
  }
  chunks.push(original.slice(run));
  return { text: chunks.join(''), starts: starts.subarray(0, length), ends: ends.subarray(0, length) };
}

function grow(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/** The original span [start, end) that the folded span [from, to) came from. */
export function originalSpan(normalised: NormalisedText, from: number, to: number): { start: number; end: number } {
  return { start: normalised.starts[from] ?? 0, end: normalised.ends[to - 1] ?? 0 };
}

function fold(char: string, codePoint: number): string {
  if (codePoint < 0x80) return codePoint === 0x20 || (codePoint >= 0x09 && codePoint <= 0x0d) ? ' ' : char;
  if (INVISIBLE.test(char)) return '';
  if (SPACE.test(char)) return ' ';
  if (DASHES.test(char)) return '-';
  if (SLASHES.test(char)) return '/';
  if (codePoint === 0x00b7 || codePoint === 0x2022 || codePoint === 0x2219) return '.';
  // Full-width ASCII ("０９", "＠"): what NFKC gives, without its cost on a long run of them.
  if (codePoint >= 0xff01 && codePoint <= 0xff5e) return String.fromCharCode(codePoint - 0xfee0);
  // NFKC folds full-width digits, "＠", "．" and the like to ASCII.
  const compatible = char.normalize('NFKC');
  return SPACE.test(compatible) ? ' ' : compatible;
}
