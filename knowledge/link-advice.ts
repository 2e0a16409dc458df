/**
 * Advice on a link an editor adds to an answer, in Danish for the editor, beyond what the schema
 * already refuses (web-address.ts: https or a profile placeholder). A link's text must say where it
 * goes (WCAG 2.4.4, "Link Purpose"), and the content guide asks for the page itself, not a home page.
 */
export interface LinkForAdvice {
  readonly title: string;
  readonly url: string;
}

const MEANINGLESS_TITLES = new Set(['her', 'klik her', 'link', 'læs mere', 'mere', 'click here', 'here', 'read more']);

export function linkAdvice(link: LinkForAdvice): string[] {
  const advice: string[] = [];
  const title = link.title.trim().toLowerCase();
  if (MEANINGLESS_TITLES.has(title))
    advice.push(`Linkteksten "${link.title}" siger ikke, hvor linket fører hen. Skriv fx "Bestil pas på borger.dk".`);
  if (/^https?:\/\//.test(title)) advice.push('Skriv en linktekst med ord, ikke selve adressen.');
  if (isHomePage(link.url))
    advice.push('Linket går til en forside. Link hellere direkte til den side, der handler om emnet.');
  return advice;
}

function isHomePage(url: string): boolean {
  if (url.startsWith('{{')) return false; // the profile's own pages are chosen by the municipality
  try {
    const parsed = new URL(url);
    return (parsed.pathname === '/' || parsed.pathname === '') && parsed.search === '' && parsed.hash === '';
  } catch {
    // Not an address at all: the schema reports that; there is no page to advise on.
    return false;
  }
}
