import { boxOf, expectAnnouncedBeside } from './support/checks';
import { demoInBrowser } from './support/demo';
import { open } from './support/session';

/** The first number before `label` in a text ("14 duplicates removed" → 14). */
function countBefore(text: string | null, label: string): number {
  const match = new RegExp(`(\\d+) ${label}`).exec(text ?? '');
  if (!match) throw new Error(`no "${label}" count in: ${text}`);
  return Number(match[1]);
}

/**
 * Issue 17, item 4: counters and lists follow the decisions made on the page, and every message
 * is announced and shown beside the button that caused it, not under the page title.
 */
describe('feedback is current and shown where the reviewer acted', () => {
  const run = demoInBrowser(['owner']);

  it('deciding a cluster updates the counters and takes it off the waiting list; the message sits by the cluster', async () => {
    const page = run.as.owner.page;
    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}/dedup`, 'Duplicates');
    const summary = page.locator('#dedup-summary');
    // the counters are drawn after the heading, once the clusters are read: wait for them
    await summary.getByText(/\d+ waiting for review/).waitFor();
    const waiting = countBefore(await summary.textContent(), 'waiting for review');
    const removed = countBefore(await summary.textContent(), 'duplicates removed');
    expect(waiting).toBeGreaterThan(1);
    const waitingCards = page.locator('.cluster', { has: page.locator('.badge', { hasText: /^review$/ }) });
    expect(await waitingCards.count()).toBe(waiting);

    const card = waitingCards.first();
    const id = await card.getAttribute('data-cluster-id');
    const merge = card.getByRole('button', { name: 'Merge' });
    await merge.scrollIntoViewIfNeeded();
    const where = await boxOf(merge);
    await merge.click();
    await summary.getByText(`${waiting - 1} waiting for review`).waitFor();
    expect(countBefore(await summary.textContent(), 'duplicates removed')).toBe(removed + 1);
    expect(await waitingCards.count()).toBe(waiting - 1);
    await expectAnnouncedBeside(page, page.getByText(`Merged: cluster ${id}.`), where);

    // the undo stays at hand, and puts the cluster back on the waiting list
    await page.getByRole('button', { name: `Undo the merge of cluster ${id}` }).click();
    await summary.getByText(`${waiting} waiting for review`).waitFor();
    expect(await waitingCards.count()).toBe(waiting);
  });

  it('resolving a conflict updates the count and says so where the conflict was', async () => {
    const page = run.as.owner.page;
    await open(
      page,
      run.demo.server.url,
      `/projects/${run.demo.projectId}/conflicts`,
      'Conflicts: Title/abstract',
    );
    const count = page.getByText(/record\(s\) where the reviewers disagree/);
    const before = countBefore(await count.textContent(), 'record\\(s\\) where the reviewers disagree');
    expect(before).toBeGreaterThan(1);

    // a refusal is said beside the Resolve button
    const first = page.locator('.conflict').first();
    const resolve = first.getByRole('button', { name: 'Resolve' });
    await resolve.scrollIntoViewIfNeeded();
    await resolve.click();
    await expectAnnouncedBeside(page, first.getByText('Choose include or exclude.'), resolve);

    const recordId = await first.getAttribute('data-record-id');
    await first.getByLabel('Include').check();
    await first.getByLabel(/^Reason/).selectOption('__other');
    await first.getByLabel('Other reason').fill('Learners are the population');
    const where = await boxOf(resolve);
    await resolve.click();
    await page.getByText(`${before - 1} record(s) where the reviewers disagree.`).waitFor();
    await expectAnnouncedBeside(page, page.getByText(`Resolved record ${recordId}: include.`), where, 200);
    expect(await page.locator('.conflict').count()).toBe(before - 1);
  });

  it('saving the settings says so beside the save button', async () => {
    const page = run.as.owner.page;
    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}/settings`, 'Settings');
    const save = page.getByRole('button', { name: 'Save screening settings' });
    await save.scrollIntoViewIfNeeded();
    await save.click();
    await expectAnnouncedBeside(page, page.getByText('Screening settings saved.'), save);
  });

  it('adding an unknown member says why beside the form', async () => {
    const page = run.as.owner.page;
    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}/settings`, 'Settings');
    await page.getByLabel('Username').fill('nobody-here');
    const add = page.getByRole('button', { name: 'Add member' });
    await add.scrollIntoViewIfNeeded();
    await add.click();
    await expectAnnouncedBeside(page, page.getByText(/Member nobody-here not saved: .*nobody-here/), add);
  });
});
