import type { Browser, Page } from 'playwright-core';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import { systemClock } from '../../server/domain/clock';
import { unblindAppraisalStage } from '../../server/services/appraisal-consensus';
import { createOwnedProject } from '../../server/services/projects';
import { readyForAppraisal } from '../support/appraisal';
import { addMember, createUser, TEST_PASSWORD } from '../support/auth';
import { seedRecords, seedSource } from '../support/db';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { open, signIn, type Signed } from './support/session';

/**
 * The whole appraisal stage in the browser (issue 20): the owner makes a short tool of their own
 * from a copy of MMAT 2018 in the editor (and a malformed tool file is refused with its line),
 * alice and bob appraise two studies blind (one study's design from the extraction form, the
 * other chosen), each sees the other's answers once both finished, the owner reconciles the
 * disagreement, and the results show as a traffic-light table, summary bars and agreement, to
 * reviewers once the owner unblinds.
 */
describe('the appraisal stage: a tool of our own, two appraisers blind, the owner reconciles, the results', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;
  let projectId: number;
  let ownerId: number;
  let survey: number;
  let interviews: number;
  let owner: Signed;
  let alice: Signed;
  let bob: Signed;

  beforeAll(async () => {
    db = openDatabase(':memory:');
    ownerId = createUser(db, 'owner');
    projectId = createOwnedProject({ db, clock: systemClock }, ownerId, { name: 'Appraisal' }).id;
    const aliceId = createUser(db, 'alice');
    addMember(db, projectId, aliceId, 'reviewer');
    addMember(db, projectId, createUser(db, 'bob'), 'reviewer');
    [survey, interviews] = seedRecords(db, projectId, seedSource(db, projectId), [
      { title: 'A survey of badge earners', authors: ['Oliver, B'], year: 2021 },
      { title: 'Talking to nurses about micro-credentials', authors: ['Ahsan, K'], year: 2023 },
    ]) as [number, number];
    readyForAppraisal(
      db,
      projectId,
      { owner: { userId: ownerId, role: 'owner' }, coder: { userId: aliceId, role: 'reviewer' } },
      { recordIds: [survey, interviews], designs: { [survey]: 'Survey' } },
    );
    server = await startServer({ db });
    browser = await launchBrowser();
    owner = await signIn(browser, server.url, 'owner', TEST_PASSWORD);
    alice = await signIn(browser, server.url, 'alice', TEST_PASSWORD);
    bob = await signIn(browser, server.url, 'bob', TEST_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(() => {
    for (const who of [owner, alice, bob]) {
      expect(who.errors).toEqual([]);
      expect(who.dialogs).toEqual([]);
    }
  });

  const view = (name: string) => `/projects/${projectId}/appraisal?view=${name}`;

  /** Opens a study afresh (a reload: the hash may be the one the page is on). */
  async function openStudy(page: Page, recordId: number) {
    await open(page, server.url, `/projects/${projectId}/appraisal/${recordId}`, 'Appraisal');
    await page.reload();
    await page.getByRole('heading', { name: 'Appraisal', level: 1 }).waitFor();
    await page.locator('#appraisal-design').waitFor();
  }

  async function answer(page: Page, criterion: string, label: RegExp, why: string, quote?: string) {
    const box = page.locator(`fieldset[data-criterion="${criterion}"]`);
    await box.getByRole('radio', { name: label }).check();
    await box.getByLabel('Justification').fill(why);
    if (quote) {
      await box.getByText('Quote from the paper (optional)').click();
      await box.getByLabel('Quote', { exact: true }).fill(quote);
      await box.getByLabel('Page').fill('7');
    }
    await box.getByRole('button', { name: `Save ${criterion}` }).click();
    await page
      .locator(`fieldset[data-criterion="${criterion}"]`)
      .getByRole('button', { name: `Update ${criterion}` })
      .waitFor();
  }

  it('the owner makes a short tool of their own from a copy of MMAT 2018; a malformed file is refused', async () => {
    const page = owner.page;
    await open(page, server.url, view('setup'), 'Appraisal');
    await page.getByText(/^Source: Hong QN, Pluye P/).waitFor();
    await page.locator('#appraisal-tool-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "format": "sift-appraisal-tool",\n  "version": 1,,\n}'),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/Imported tool not saved: broken\.json:3: not valid JSON/).waitFor();

    await page.getByText('Make your own tool from a copy of this one').click();
    await page.getByLabel('Tool id').fill('short-mmat');
    await page.getByLabel('Name', { exact: true }).fill('Short MMAT');
    await page.locator('#tool-screening').fill('S1 | Does the study state clear research questions?');
    await page
      .locator('#tool-design-1-criteria')
      .fill(
        '1.1 | Is a qualitative approach suited to the question?\n1.2 | Do the findings follow from the data?',
      );
    await page
      .locator('#tool-design-4-criteria')
      .fill('4.1 | Is the sampling strategy relevant?\n4.2 | Is the risk of non-response bias low?');
    for (const n of [2, 3, 5])
      for (const part of ['id', 'label', 'criteria'])
        await page.locator(`#tool-design-${n}-${part}`).fill('');
    await page.getByLabel('Overall judgement', { exact: true }).selectOption('all');
    await page.getByLabel('Answer counted (count, all)').fill('yes');
    await page.getByLabel('Label when all criteria got it (all)').fill('Meets all');
    await page.getByLabel('Label otherwise (all)').fill('Not all');
    await page.getByRole('button', { name: 'Save as this project’s tool' }).click();
    await page.getByText(/^Tool: Short MMAT\./).waitFor();
    // its JSON is one click away
    const exported = await page.request.get(`${server.url}/api/projects/${projectId}/appraisal/tool.json`);
    expect((await exported.json()).designs.map((d: { id: string }) => d.id)).toEqual([
      'qualitative',
      'quantitative-descriptive',
    ]);
  });

  it('alice and bob appraise blind; each sees the other’s answers once both finished', async () => {
    await openStudy(alice.page, survey);
    await alice.page.getByText('Design (from the extraction form): Quantitative descriptive').waitFor();
    await answer(alice.page, 'S1', /Yes$/, 'ALICE: the aims are stated');
    await answer(
      alice.page,
      '4.1',
      /Yes$/,
      'ALICE: sampled every earner',
      'We invited all 412 badge earners',
    );
    await answer(alice.page, '4.2', /Yes$/, 'ALICE: 81 % answered');
    await alice.page.getByRole('button', { name: 'Mark as done' }).click();
    await alice.page.getByRole('heading', { name: 'You have finished this study' }).waitFor();

    await openStudy(bob.page, survey);
    await bob.page.getByText(/Blind: the other appraiser’s answers/).waitFor();
    expect(await bob.page.getByText(/ALICE/).count()).toBe(0);
    await answer(bob.page, 'S1', /Yes$/, 'BOB: clear aims');
    await answer(bob.page, '4.1', /Yes$/, 'BOB: a census of earners');
    await answer(bob.page, '4.2', /Can't tell$/, 'BOB: response rate not reported');
    await bob.page.getByRole('button', { name: 'Mark as done' }).click();
    await bob.page.getByRole('heading', { name: 'You have finished this study' }).waitFor();
    const consensus = bob.page.locator('#appraisal-consensus');
    await consensus.getByText('ALICE: 81 % answered').waitFor();
    // her quote, in her column and in the answer that counts (both said yes to 4.1)
    expect(await consensus.getByText('We invited all 412 badge earners').count()).toBe(2);
    await consensus.getByText('To reconcile: 4.2.').waitFor();
    // reviewers do not reconcile
    expect(await consensus.getByRole('button', { name: /Use alice's/ }).count()).toBe(0);

    // the interviews study: no design in the extraction form, both choose qualitative
    for (const [who, name] of [
      [alice, 'ALICE'],
      [bob, 'BOB'],
    ] as const) {
      await openStudy(who.page, interviews);
      await who.page.getByLabel('Design of this study').selectOption('qualitative');
      await who.page.locator('fieldset[data-criterion="1.1"]').waitFor();
      for (const criterion of ['S1', '1.1', '1.2'])
        await answer(who.page, criterion, /Yes$/, `${name}: ${criterion} holds`);
      await who.page.getByRole('button', { name: 'Mark as done' }).click();
      await who.page.getByRole('heading', { name: 'You have finished this study' }).waitFor();
    }
    await bob.page
      .locator('#appraisal-consensus')
      .getByText('Nothing left to reconcile on this study.')
      .waitFor();
  });

  it('the owner reconciles the disagreement and sees the results', async () => {
    const page = owner.page;
    await openStudy(page, survey);
    const consensus = page.locator('#appraisal-consensus');
    await consensus.getByText('To reconcile: 4.2.').waitFor();
    await page.getByRole('button', { name: "Use alice's answer to 4.2" }).click();
    await page
      .locator('#appraisal-consensus')
      .getByText('Nothing left to reconcile on this study.')
      .waitFor();

    await open(page, server.url, view('results'), 'Appraisal');
    const results = page.locator('#appraisal-results');
    const surveys = results.locator('table.traffic-light[data-design="quantitative-descriptive"]');
    await surveys.getByRole('rowheader', { name: 'Oliver 2021' }).waitFor();
    expect(await surveys.locator('td[title="4.2: Yes"]').count()).toBe(1);
    expect(await surveys.getByRole('cell', { name: 'Meets all' }).count()).toBe(1);
    const qualitative = results.locator('table.traffic-light[data-design="qualitative"]');
    expect(await qualitative.locator('td.tl-good').count()).toBe(3);
    await results
      .locator('.bar-row[data-criterion="S1"] [role="img"][aria-label="S1: Yes 2 of 2"]')
      .waitFor();
    await page.locator('#appraisal-agreement').getByRole('rowheader', { name: '4.2' }).waitFor();
    const png = await page.request.get(`${server.url}/api/projects/${projectId}/appraisal/plot.png`);
    expect(png.headers()['content-type']).toBe('image/png');
  });

  it('reviewers see the results once the owner unblinds the appraisal', async () => {
    await open(alice.page, server.url, view('results'), 'Appraisal');
    await alice.page.getByText(/Hidden while blind/).waitFor();
    // the unblind button asks for a confirm() dialog, which this suite counts as an error: through the service
    unblindAppraisalStage(db, projectId, { userId: ownerId, role: 'owner' });
    await alice.page.reload();
    await alice.page.locator('#appraisal-results table.traffic-light').first().waitFor();
    expect(await alice.page.getByRole('link', { name: 'Setup' }).count()).toBe(0);
  });
});
