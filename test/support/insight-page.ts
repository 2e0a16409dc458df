import type { Page } from 'playwright-core';
import { accessibilityViolations } from './webchat-page';

/** The text of each body row's data cells (not the row's header) of a table on the insight page. */
export function tableCells(page: Page, table: string): Promise<string[][]> {
  return page
    .locator(`${table} tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.getElementsByTagName('td'), (td) => td.textContent)));
}

/** No axe violations (WCAG 2.1 A and AA) and no sideways scrolling at the page's viewport. */
export async function expectAccessibleAndFitting(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
  const widths = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    window: document.documentElement.clientWidth,
  }));
  expect(widths.content).toBeLessThanOrEqual(widths.window);
}
