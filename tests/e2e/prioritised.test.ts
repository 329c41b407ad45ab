import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import { systemClock } from '../../server/domain/clock';
import { importFiles } from '../../server/services/import';
import { importDeps } from '../support/imports';
import { createOwnedProject } from '../../server/services/projects';
import { rankingIdle } from '../../server/services/ranking';
import * as screening from '../../server/services/screening';
import { addMember, createUser, TEST_PASSWORD } from '../support/auth';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { open, signIn } from './support/session';

const RECORDS = path.resolve(__dirname, '..', 'fixtures', 'dedup', 'tests_data', 'records_pre_merged.csv');

/** The owner turns prioritisation on; once a reviewer's decisions train the model, records carry their predicted relevance and the dashboard its stopping signal. */
describe('prioritised screening in the browser', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;
  let projectId: number;

  beforeAll(async () => {
    db = openDatabase(':memory:');
    const ownerId = createUser(db, 'owner');
    const aliceId = createUser(db, 'alice');
    projectId = createOwnedProject({ db, clock: systemClock }, ownerId, { name: 'Prioritised review' }).id;
    addMember(db, projectId, aliceId, 'reviewer');
    await importFiles(importDeps(db, systemClock), projectId, { source: { name: 'MEDLINE', kind: 'database' }, files: [{ fileName: 'records.csv', bytes: fs.readFileSync(RECORDS) }] });
    // one reviewer per record, so every vote settles and trains the model at once; not blind: the model
    // learns from the team's votes, so a blinded reviewer gets neither its order nor its relevance
    screening.updateSettings({ db, clock: systemClock }, projectId, { userId: ownerId, role: 'owner' }, { stages: { title_abstract: { reviewersRequired: 1, blind: false } } });
    server = await startServer({ db });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the predicted relevance on the record and the stopping signal on the dashboard', async () => {
    const owner = await signIn(browser, server.url, 'owner', TEST_PASSWORD);
    await open(owner.page, server.url, `/projects/${projectId}`, 'Prioritised review');
    await owner.page.getByRole('heading', { name: 'Prioritised screening is off' }).waitFor();
    await open(owner.page, server.url, `/projects/${projectId}/settings`, 'Settings');
    await owner.page.getByLabel(/Order each reviewer's title\/abstract queue/).check();
    await owner.page.getByLabel(/Words that order the queue/).fill('oxygen');
    await owner.page.getByRole('button', { name: 'Save prioritisation' }).click();
    await owner.page.getByText('Prioritisation saved.').waitFor();

    const alice = await signIn(browser, server.url, 'alice', TEST_PASSWORD);
    const screeningPath = `/projects/${projectId}/screening/title_abstract`;
    await open(alice.page, server.url, screeningPath, 'Screening: Title/abstract');
    await alice.page.getByText('Prioritised: no model yet (keyword order)').waitFor();
    for (const key of ['i', 'e', 'e']) {
      await Promise.all([alice.page.waitForResponse((r) => r.url().endsWith('/progress')), alice.page.keyboard.press(key)]);
    }
    await rankingIdle(db);
    await open(alice.page, server.url, '/projects', 'Reviews');
    await open(alice.page, server.url, screeningPath, 'Screening: Title/abstract');
    await alice.page.locator('#relevance').getByText(/Predicted relevance: \d+ %/).waitFor();

    await open(owner.page, server.url, `/projects/${projectId}`, 'Prioritised review');
    const panel = owner.page.locator('#stopping');
    await panel.getByRole('heading', { name: 'Stopping signal' }).waitFor();
    await panel.getByText(/Statistical test for 95 % recall/).waitFor();
    await panel.getByText(/Model trained .* on 1 includes and 2 excludes/).waitFor();
    for (const who of [owner, alice]) {
      expect(who.errors).toEqual([]);
      expect(who.dialogs).toEqual([]);
      await who.context.close();
    }
  });
});
