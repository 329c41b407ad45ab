import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Code, CodebookResponse, StudyDetail } from '../../server/api/types';
import { codingRepo } from '../../server/db/repos/coding';
import { expectAnnouncedBeside, expectFocused } from './support/checks';
import { demoInBrowser } from './support/demo';
import { open } from './support/session';

/**
 * Issue 17, item 3: the codebook is edited in the browser. Codes are renamed, moved (dragged,
 * or "moved under" another with the keyboard) and reordered; the extraction form is built
 * without writing JSON; a codebook import shows what it will change and waits for a yes.
 */
describe('the owner edits the codebook in the browser', () => {
  const run = demoInBrowser(['owner']);
  const api = (suffix: string) => `${run.demo.server.url}/api/projects/${run.demo.projectId}${suffix}`;
  const page = (): Page => run.as.owner.page;

  async function book(): Promise<CodebookResponse> {
    return (await (await page().request.get(api('/codebook'))).json()) as CodebookResponse;
  }
  const byLabel = (codes: Code[], label: string) => codes.find((c) => c.label === label)!;
  const parentLabel = (codes: Code[], label: string) => {
    const parentId = byLabel(codes, label).parentId;
    return parentId === null ? null : codes.find((c) => c.id === parentId)!.label;
  };
  /** The tree item of a code in the editor (its own row, not its sub-codes'). */
  const item = (label: string) =>
    page().locator('#code-tree [data-code-id]', {
      has: page().locator(`> .code-row .code-label:text-is("${label}")`),
    });

  async function openEditor(): Promise<void> {
    await open(page(), run.demo.server.url, `/projects/${run.demo.projectId}/coding`, 'Coding');
    await page().getByRole('link', { name: 'Edit the codebook' }).click();
    await page().getByRole('heading', { name: 'Codebook', level: 1 }).waitFor();
    await page().locator('#code-tree').waitFor();
  }

  it('renames a code; the studies coded with it keep it', async () => {
    await openEditor();
    const before = byLabel((await book()).codes, 'Digital portability');
    const applied = codingRepo(run.demo.db)
      .listApplications(run.demo.projectId)
      .filter((a) => a.codeId === before.id).length;
    expect(applied).toBeGreaterThan(0);

    const rename = item('Digital portability').getByRole('button', { name: 'Rename Digital portability' });
    await rename.click();
    const label = page().getByLabel('New label for Digital portability');
    await label.fill('Portable digital credentials');
    await label.press('Enter');
    const renamed = item('Portable digital credentials');
    await renamed.waitFor();
    await expectAnnouncedBeside(page(), renamed.getByText('Renamed.'), renamed);

    const after = byLabel((await book()).codes, 'Portable digital credentials');
    expect(after).toMatchObject({ id: before.id, code: before.code, parentId: before.parentId });
    expect(
      codingRepo(run.demo.db)
        .listApplications(run.demo.projectId)
        .filter((a) => a.codeId === before.id).length,
    ).toBe(applied);
  });

  it('moves a code under another with the keyboard alone ("Move under…"), and reorders siblings', async () => {
    await openEditor();
    const move = item('Time constraints').getByRole('button', { name: 'Move Time constraints…' });
    await move.focus();
    await page().keyboard.press('Enter');
    const under = page().getByLabel('Move Time constraints under');
    await expectFocused(under);
    await under.selectOption({ label: 'Learning ambitions' });
    await page().keyboard.press('Tab');
    await page().keyboard.press('Enter');
    const moved = item('Time constraints');
    await item('Learning ambitions').locator('> ul').getByText('Time constraints').waitFor();
    await expectAnnouncedBeside(page(), moved.getByText(/Moved under Learning ambitions/), moved);
    // focus stays with the code that moved
    await expectFocused(moved.getByRole('button', { name: 'Move Time constraints…' }));
    let codes = (await book()).codes;
    expect(parentLabel(codes, 'Time constraints')).toBe('Learning ambitions');
    // the options offered never include the code itself or its sub-codes
    await item('Learning ambitions').getByRole('button', { name: 'Move Learning ambitions…' }).click();
    const options = await page()
      .getByLabel('Move Learning ambitions under')
      .locator('option')
      .allTextContents();
    expect(options.map((o) => o.trim())).not.toContain('Time constraints');
    expect(options.map((o) => o.trim())).not.toContain('Learning ambitions');
    await page().keyboard.press('Escape');

    const siblings = (label: string) => {
      const c = byLabel(codes, label);
      return codes.filter((x) => x.parentId === c.parentId).map((x) => x.label);
    };
    const order = siblings('Up- and reskilling');
    const at = order.indexOf('Up- and reskilling');
    await item('Up- and reskilling').getByRole('button', { name: 'Move Up- and reskilling up' }).click();
    await item('Up- and reskilling').getByText('Moved up.').waitFor();
    codes = (await book()).codes;
    expect(siblings('Up- and reskilling').indexOf('Up- and reskilling')).toBe(at - 1);
  });

  it('drags a code onto another to move it there', async () => {
    await openEditor();
    const codes = (await book()).codes;
    expect(parentLabel(codes, 'Family and care duties')).toBe('Study-work-life balance');
    // the drag starts on the code before the target is scrolled to (Playwright's dragTo scrolls
    // first, and the drag would then start on whatever lies under the pointer there)
    const source = item('Family and care duties').locator('> .code-row .code-label');
    await source.hover();
    const box = (await source.boundingBox())!;
    await page().mouse.down();
    await page().mouse.move(box.x + box.width / 2 + 10, box.y + box.height / 2 + 5, { steps: 2 });
    await item('Requirements').locator('> .code-row .code-label').hover();
    await page().mouse.up();
    await item('Requirements').locator('> ul').getByText('Family and care duties').waitFor();
    expect(parentLabel((await book()).codes, 'Family and care duties')).toBe('Requirements');
  });

  it('builds the extraction form: a choice field added, its choices renamed and reordered, fields reordered and removed', async () => {
    await openEditor();
    const form = page().locator('#field-builder');
    await form.getByRole('button', { name: 'Add a field' }).click();
    const editor = page().getByRole('form', { name: 'New field' });
    await editor.getByLabel('Key').fill('funding');
    await editor.getByLabel('Label').fill('Funding');
    await editor.getByLabel('Kind').selectOption('single');
    await editor.getByRole('button', { name: 'Add a choice' }).click();
    await editor.getByLabel('Choice 1', { exact: true }).fill('Public');
    await editor.getByRole('button', { name: 'Add a choice' }).click();
    await editor.getByLabel('Choice 2', { exact: true }).fill('Employer');
    await editor.getByRole('button', { name: 'Save the field' }).click();
    await form.locator('[data-field-key="funding"]').waitFor();
    let fields = (await book()).fields;
    expect(fields.find((f) => f.key === 'funding')).toMatchObject({
      kind: 'single',
      options: ['Public', 'Employer'],
    });

    await form.getByRole('button', { name: 'Edit the field Funding' }).click();
    const edit = page().getByRole('form', { name: 'Edit the field Funding' });
    await edit.getByLabel('Choice 2', { exact: true }).fill('Employer-funded');
    await edit.getByRole('button', { name: 'Move choice 2 up' }).click();
    await edit.getByRole('button', { name: 'Add a choice' }).click();
    await edit.getByLabel('Choice 3', { exact: true }).fill('Self-funded');
    await edit.getByRole('button', { name: 'Save the field' }).click();
    await form
      .locator('[data-field-key="funding"]')
      .getByText('Employer-funded, Public, Self-funded')
      .waitFor();

    await form.getByRole('button', { name: 'Move the field Funding up' }).click();
    await form.locator('[data-field-key="funding"]').getByText('Moved up.').waitFor();
    await form.getByRole('button', { name: 'Remove the field Population' }).click();
    await form.locator('[data-field-key="population"]').waitFor({ state: 'detached' });
    fields = (await book()).fields;
    const keys = fields.map((f) => f.key);
    expect(keys).not.toContain('population');
    expect(keys.indexOf('funding')).toBe(keys.length - 2);
    expect(fields.find((f) => f.key === 'funding')?.options).toEqual([
      'Employer-funded',
      'Public',
      'Self-funded',
    ]);

    // the coding page's form is this one
    const { studies } = (await (await page().request.get(api('/coding/studies'))).json()) as {
      studies: { id: number }[];
    };
    await open(
      page(),
      run.demo.server.url,
      `/projects/${run.demo.projectId}/coding/${studies[0]!.id}`,
      'Coding',
    );
    await page().getByLabel('Funding').selectOption('Self-funded');
    const detail = (await (
      await page().request.get(api(`/coding/studies/${studies[0]!.id}`))
    ).json()) as StudyDetail;
    expect(detail.study.id).toBe(studies[0]!.id);
  });

  it('imports a codebook only after showing what will change, and applies it on confirmation', async () => {
    await openEditor();
    const exported = JSON.parse(await (await page().request.get(api('/codebook.json'))).text()) as {
      codes: { code: string; label: string; description: string; parent: string | null }[];
    };
    const career = exported.codes.find((c) => c.code === 'ambitions.career')!;
    career.label = 'Careers and jobs';
    exported.codes.push({ code: 'balance.commute', label: 'Commuting', description: '', parent: 'balance' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sift-codebook-')), 'codebook.json');
    fs.writeFileSync(file, JSON.stringify(exported));

    const importer = page().locator('#codebook-import');
    await importer.getByLabel(/Codebook file/).setInputFiles(file);
    await importer.getByRole('button', { name: 'Preview the import' }).click();
    const preview = importer.getByRole('region', { name: 'What the import changes' });
    await preview.getByText('Commuting').waitFor();
    await preview.getByText(/Careers and jobs/).waitFor();
    // shown, not applied
    let codes = (await book()).codes;
    expect(codes.some((c) => c.label === 'Commuting')).toBe(false);

    await importer.getByRole('button', { name: 'Cancel' }).click();
    await preview.waitFor({ state: 'detached' });
    expect((await book()).codes.some((c) => c.label === 'Commuting')).toBe(false);

    await importer.getByRole('button', { name: 'Preview the import' }).click();
    await importer.getByRole('button', { name: 'Apply these changes' }).click();
    await item('Commuting').waitFor();
    await importer.getByText(/Imported/).waitFor();
    codes = (await book()).codes;
    expect(parentLabel(codes, 'Commuting')).toBe('Study-work-life balance');
    expect(codes.find((c) => c.code === 'ambitions.career')?.label).toBe('Careers and jobs');
  });
});
