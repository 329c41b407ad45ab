import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { computePrisma } from '../../../server/domain/prisma/compute';
import { renderPrismaSvg } from '../../../server/domain/prisma/svg';
import { escapeXml, formatCount, measureText, wrapText } from '../../../server/domain/prisma/text';
import type { PrismaInput } from '../../../server/domain/prisma/types';

function fullReview(overrides: Partial<PrismaInput> = {}): PrismaInput {
  return {
    sources: [
      { name: 'MEDLINE', kind: 'database', n: 1200, ids: Array.from({ length: 1200 }, (_, i) => i + 1) },
      { name: 'CENTRAL', kind: 'database', n: 800 },
      { name: 'ClinicalTrials.gov', kind: 'register', n: 40 },
      { name: 'Citation searching', kind: 'other', n: 30 },
      { name: 'Agency websites', kind: 'other', n: 12 },
    ],
    removed: { duplicates: { n: 540 }, automation: { n: 0 }, other: { n: 0 } },
    screeningExcluded: { n: 1400 },
    databases: {
      notRetrieved: { n: 6 },
      excluded: {
        n: 70,
        reasons: [
          { name: 'Wrong population', n: 40 },
          { name: 'Wrong comparator', n: 20 },
          { name: 'Conference abstract only', n: 10 },
        ],
      },
    },
    otherMethods: {
      notRetrieved: { n: 2 },
      excluded: { n: 30, reasons: [{ name: 'Not randomised', n: 30 }] },
    },
    included: { studies: { n: 28 }, reports: { n: 34 } },
    previous: { studies: { n: 15 }, reports: { n: 19 } },
    ...overrides,
  };
}

const parse = (svg: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg);

describe('renderPrismaSvg', () => {
  it('draws the same bytes for the same review', () => {
    const a = renderPrismaSvg(computePrisma(fullReview()));
    const b = renderPrismaSvg(computePrisma(structuredClone(fullReview())));
    expect(a).toBe(b);
  });

  it('produces well-formed SVG with the template boxes, phase labels and headers', () => {
    const svg = renderPrismaSvg(computePrisma(fullReview()));
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(parse(svg).svg.xmlns).toBe('http://www.w3.org/2000/svg');
    for (const box of [
      'box1',
      'box2',
      'box3',
      'box4',
      'box5',
      'box6',
      'box7',
      'box8',
      'box9',
      'box10',
      'box11',
      'box12',
      'box13',
      'box14',
      'box15',
      'box16',
    ]) {
      expect(svg).toContain(`data-box="${box}"`);
    }
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)</g)].map((m) => m[1]).join(' ');
    for (const text of [
      'Identification',
      'Screening',
      'Included',
      'Previous studies',
      'Identification of new studies via databases and registers',
      'Identification of new studies via other methods',
    ]) {
      expect(texts).toContain(text);
    }
    expect(svg).toContain('rotate(-90');
  });

  it('marks every count with its box key and number for drill-down, and links them on request', () => {
    const svg = renderPrismaSvg(computePrisma(fullReview()), {
      drillDownHref: '/api/projects/7/prisma/boxes/{box}/records',
    });
    expect(svg).toContain('data-box="records_screened" data-n="1500"');
    expect(svg).toContain('data-box="database_specific_results:MEDLINE" data-n="1200"');
    expect(svg).toContain('data-box="dbr_excluded:Wrong population" data-n="40"');
    expect(svg).toContain(
      '<a href="/api/projects/7/prisma/boxes/dbr_excluded%3AWrong%20population/records">',
    );
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('escapes hostile source names and reasons', () => {
    const hostile = `<script>alert("x")</script> & 'Co' ]]> \u0000\u0007`;
    const svg = renderPrismaSvg(
      computePrisma(
        fullReview({
          sources: [{ name: hostile, kind: 'database', n: 3 }],
          removed: undefined,
          screeningExcluded: { n: 1, reasons: [{ name: '"/><g onload="x', n: 1 }] },
          databases: undefined,
          otherMethods: undefined,
          included: undefined,
          previous: undefined,
          labels: { newstud: '<b>bold</b>' },
        }),
      ),
      { drillDownHref: 'javascript:{box}' },
    );
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('onload="x');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect([...svg].some((ch) => ch.charCodeAt(0) < 0x09)).toBe(false);
  });

  it('draws the other-methods and previous-studies columns only when the review has them, unless told', () => {
    const dbOnly = computePrisma(
      fullReview({
        sources: [{ name: 'MEDLINE', kind: 'database', n: 2040 }],
        otherMethods: undefined,
        previous: undefined,
      }),
    );
    const svg = renderPrismaSvg(dbOnly);
    expect(svg).not.toContain('data-box="box11"');
    expect(svg).not.toContain('data-box="box1"');
    expect(svg).toContain('Studies included in review');
    const forced = renderPrismaSvg(dbOnly, { other: true, previous: true });
    expect(forced).toContain('data-box="box11"');
    expect(forced).toContain('data-box="box16"');
    const full = computePrisma(fullReview());
    expect(renderPrismaSvg(full, { other: false })).not.toContain('data-box="box14"');
    expect(widthOf(renderPrismaSvg(full))).toBeGreaterThan(widthOf(svg));
  });

  it("draws the other-methods column's duplicates and title/abstract step only when the review has them", () => {
    const straight = renderPrismaSvg(computePrisma(fullReview()));
    expect(straight).not.toContain('data-box="oth_removed"');
    expect(straight).not.toContain('data-box="oth_screened"');
    const screened = computePrisma(
      fullReview({
        otherMethods: {
          duplicates: { n: 4 },
          screened: { n: 38 },
          screeningExcluded: { n: 6, reasons: [{ name: 'Not a trial', n: 6 }] },
          notRetrieved: { n: 2 },
          excluded: { n: 30, reasons: [{ name: 'Not randomised', n: 30 }] },
        },
      }),
    );
    expect(screened.model).toMatchObject({
      other_duplicates: 4,
      other_records_screened: 38,
      other_records_excluded: 6,
      other_sought_reports: 32,
    });
    const svg = renderPrismaSvg(screened);
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const box of ['oth_removed', 'oth_screened', 'oth_excluded'])
      expect(svg).toContain(`data-box="${box}"`);
    expect(svg).toContain('data-box="other_duplicates" data-n="4"');
    expect(svg).toContain('data-box="other_records_screened" data-n="38"');
    expect(svg).toContain('data-box="other_records_excluded:Not a trial" data-n="6"');
    expect(svg).toContain('>Records removed before');
  });

  it('lists each database under its total only with per-source detail', () => {
    const result = computePrisma(fullReview());
    expect(renderPrismaSvg(result)).toContain('data-box="database_specific_results:CENTRAL"');
    expect(renderPrismaSvg(result, { perSourceDetail: false })).not.toContain(
      'database_specific_results:CENTRAL',
    );
  });

  it('stays legible on A4: box text is at least 8 pt when the widest diagram fills a landscape page', () => {
    const svg = renderPrismaSvg(computePrisma(fullReview()));
    const { width, height } = { width: widthOf(svg), height: Number(/height="([\d.]+)"/.exec(svg)![1]) };
    const usable = { width: 841.89 - 56, height: 595.28 - 56 };
    const scale = Math.min(usable.width / width, usable.height / height);
    const fontSize = Number(/font-size="([\d.]+)"/.exec(svg)![1]);
    expect(fontSize * scale).toBeGreaterThanOrEqual(8);
  });

  it('wraps long reasons inside their box', () => {
    const long = 'Participants were not adults with a confirmed diagnosis of the condition under review';
    const svg = renderPrismaSvg(
      computePrisma(fullReview({ databases: { excluded: { n: 5, reasons: [{ name: long, n: 5 }] } } })),
    );
    const lines = [...svg.matchAll(/data-box="dbr_excluded:[^"]*" data-n="5">([^<]*)</g)].map((m) => m[1]!);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(measureText(line, 13)).toBeLessThanOrEqual(205 - 18);
  });
});

describe('text helpers', () => {
  it('wraps at spaces, keeps no-break spaces together and breaks an over-long word', () => {
    expect(wrapText('Records screened (n\u00a0=\u00a01,127)', 140, 13)).toEqual([
      'Records screened',
      '(n\u00a0=\u00a01,127)',
    ]);
    const broken = wrapText('x'.repeat(80), 100, 13);
    expect(broken.join('')).toBe('x'.repeat(80));
    for (const line of broken) expect(measureText(line, 13)).toBeLessThanOrEqual(100);
  });

  it('measures bold wider than regular', () => {
    expect(measureText('Identification', 14, true)).toBeGreaterThan(measureText('Identification', 14));
  });

  it('escapes markup and formats counts without the locale', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe('–');
  });
});

function widthOf(svg: string): number {
  return Number(/width="([\d.]+)"/.exec(svg)![1]);
}
