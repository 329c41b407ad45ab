import type { Locator, Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a control is on the page right now (it must be shown). */
export async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('the element is not shown');
  return box;
}

/**
 * A message a screen reader announces (it sits in an aria-live region, a status or an alert),
 * shown on screen within `maxGap` pixels (vertically) of the control that caused it, so a
 * sighted user sees it where they acted. `near` is the control, or where it was before the
 * action removed it.
 */
export async function expectAnnouncedBeside(
  page: Page,
  message: Locator,
  near: Locator | Box,
  maxGap = 120,
): Promise<void> {
  await message.waitFor();
  const live = await message.evaluate(
    (el: { closest(selector: string): unknown }) =>
      el.closest('[aria-live]:not([aria-live="off"]), [role=status], [role=alert]') !== null,
  );
  expect(live).toBe(true);
  const control = 'boundingBox' in near ? await boxOf(near) : near;
  const said = await boxOf(message);
  const gap = Math.max(0, said.y - (control.y + control.height), control.y - (said.y + said.height));
  expect(gap).toBeLessThanOrEqual(maxGap);
  const viewport = page.viewportSize();
  if (viewport) {
    expect(said.y).toBeGreaterThanOrEqual(0);
    expect(said.y + said.height).toBeLessThanOrEqual(viewport.height);
  }
}

/** The tags of the elements that stick out past the right edge of the window (none when the page fits). */
export async function overflowing(page: Page): Promise<string[]> {
  return (await page.evaluate(
    `[...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => e.tagName + (e.className && typeof e.className === 'string' ? '.' + e.className : ''))`,
  )) as string[];
}

/** Elements that scroll sideways inside the page (a table in a scrolling box), by tag and class. */
export async function scrollingSideways(page: Page, selector = '#content *'): Promise<string[]> {
  return (await page.evaluate(
    `[...document.querySelectorAll(${JSON.stringify(selector)})]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
      .map((e) => e.tagName + (typeof e.className === 'string' && e.className ? '.' + e.className : ''))`,
  )) as string[];
}
