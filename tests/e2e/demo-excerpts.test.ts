import type { CodingStudiesResponse, StudyDetail, Synthesis } from '../../server/api/types';
import { demoInBrowser } from './support/demo';
import { open } from './support/session';

/** Whether an excerpt is the record's own words: part of its title or of its abstract. */
function fromTheRecord(excerpt: string, study: StudyDetail['study']): boolean {
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  const text = norm(excerpt);
  return text !== '' && (norm(study.title).includes(text) || norm(study.abstract).includes(text));
}

/**
 * Issue 17, item 9: the demo must not put words in real authors' mouths. Every excerpt the demo
 * review's coding shows is either the record's own text (its title or abstract) or flagged, in
 * the data and on screen, as an illustrative example that is not a quotation; and no invented
 * excerpt carries a page number, as if it had been read on that page.
 */
describe('the demo codes real papers without inventing quotations', () => {
  const run = demoInBrowser(['alice']);
  const api = (path: string) => `${run.demo.server.url}/api/projects/${run.demo.projectId}${path}`;

  it('every excerpt is the record’s own text or flagged illustrative, with no invented page', async () => {
    const request = run.as.alice.page.request;
    const { studies } = (await (await request.get(api('/coding/studies'))).json()) as CodingStudiesResponse;
    expect(studies.length).toBeGreaterThan(5);
    const unsourced: string[] = [];
    let quoted = 0;
    let illustrative = 0;
    for (const { id } of studies) {
      const detail = (await (await request.get(api(`/coding/studies/${id}`))).json()) as StudyDetail;
      for (const a of detail.applications) {
        if (fromTheRecord(a.excerpt, detail.study)) quoted++;
        else if (a.illustrative === true && a.page === null) illustrative++;
        else unsourced.push(`${detail.study.label}: “${a.excerpt}” (page ${a.page ?? '–'})`);
      }
    }
    expect(unsourced).toEqual([]);
    // real text wherever the records have it; the flag only for the rest
    expect(quoted).toBeGreaterThan(illustrative);
    expect(illustrative).toBeGreaterThan(0);
  });

  it('says beside each illustrative excerpt, on the coding page and in the synthesis, that it is no quotation', async () => {
    const page = run.as.alice.page;
    const request = page.request;
    const { studies } = (await (await request.get(api('/coding/studies'))).json()) as CodingStudiesResponse;
    let shown: { id: number; excerpt: string } | undefined;
    for (const { id } of studies) {
      const detail = (await (await request.get(api(`/coding/studies/${id}`))).json()) as StudyDetail;
      const flagged = detail.applications.find((a) => a.illustrative);
      if (flagged) shown = { id, excerpt: flagged.excerpt };
    }
    if (!shown) throw new Error('the demo has no illustrative excerpt to show');

    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}/coding/${shown.id}`, 'Coding');
    const row = page.locator('#codes-applied tr', { hasText: shown.excerpt }).first();
    await row.waitFor();
    await row.getByText(/Illustrative example, not a quotation/).waitFor();

    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}/synthesis`, 'Synthesis');
    const evidence = page.locator('.theme tr', { hasText: shown.excerpt }).first();
    await evidence.waitFor();
    await evidence.getByText(/Illustrative example, not a quotation/).waitFor();

    // the synthesis exports carry the flag too
    const synthesis = (await (await request.get(api('/synthesis'))).json()) as Synthesis;
    const rows = synthesis.themes.flatMap((t) => t.evidence);
    expect(rows.some((e) => e.illustrative === true)).toBe(true);
    const csv = await (await request.get(api('/synthesis.csv'))).text();
    expect(csv).toMatch(/excerpt,page,coder,illustrative/);
  });
});
