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

/**
 * The tags of the elements that stick out past the right edge of the window (none when the
 * page fits); what a box inside the window clips (a zoomed drawing panning in it) is not out.
 */
export async function overflowing(page: Page): Promise<string[]> {
  return (await page.evaluate(
    `[...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((e) => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= window.innerWidth + 1) return false;
        }
        return true;
      })
      .map((e) => e.tagName + (e.className && typeof e.className === 'string' ? '.' + e.className : ''))`,
  )) as string[];
}

/**
 * Tables that scroll sideways inside the page (a table, or a box holding one, wider than it
 * shows), by tag and class. A zoomed drawing that pans in its box is no table.
 */
export async function scrollingSideways(page: Page): Promise<string[]> {
  return (await page.evaluate(
    `[...document.querySelectorAll('#content *')]
      .filter((e) => e.matches('table') || e.querySelector('table'))
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
      .map((e) => e.tagName + (typeof e.className === 'string' && e.className ? '.' + e.className : ''))`,
  )) as string[];
}

/**
 * Waits until `condition` (a JavaScript expression) holds in the page, checking it every frame.
 * Playwright's waitForFunction compiles its predicate with eval when it has to poll, which
 * Sift's Content-Security-Policy refuses; this evaluates one promise through the debugger instead.
 */
export async function waitUntil(page: Page, condition: string, timeoutMs = 10_000): Promise<void> {
  await page.evaluate(`new Promise((resolve, reject) => {
    const give = setTimeout(() => reject(new Error(${JSON.stringify(`still false after ${timeoutMs} ms: ${condition}`)})), ${timeoutMs});
    const check = () => {
      if (${condition}) {
        clearTimeout(give);
        resolve(true);
      } else requestAnimationFrame(check);
    };
    check();
  })`);
}

/** The element the locator finds has the keyboard focus (Playwright's own assertion is not Jest's). */
export async function expectFocused(locator: Locator): Promise<void> {
  const focused = await locator.evaluate(
    (el: unknown) =>
      el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
  );
  expect(focused).toBe(true);
}
