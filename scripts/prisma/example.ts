/**
 * Draws docs/prisma-example.png (and .svg): the diagram of a sample updated review with
 * databases, registers and other methods, to show in the README.
 * Run: npx tsx scripts/prisma/example.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { computePrisma } from '../../server/domain/prisma/compute';
import type { PrismaInput } from '../../server/domain/prisma/types';
import { exportPrisma } from '../../server/services/prisma-export';

export const SAMPLE_REVIEW: PrismaInput = {
  sources: [
    { name: 'MEDLINE (Ovid)', kind: 'database', n: 1412 },
    { name: 'Embase (Elsevier)', kind: 'database', n: 1630 },
    { name: 'CENTRAL', kind: 'database', n: 488 },
    { name: 'ClinicalTrials.gov', kind: 'register', n: 96 },
    { name: 'Citation searching', kind: 'other', n: 57 },
    { name: 'Manufacturer websites', kind: 'other', n: 9 },
  ],
  removed: { duplicates: { n: 1327 }, automation: { n: 0 }, other: { n: 14 } },
  screeningExcluded: { n: 2105 },
  databases: {
    notRetrieved: { n: 7 },
    excluded: {
      n: 146,
      reasons: [
        { name: 'Not a randomised trial', n: 66 },
        { name: 'Wrong population', n: 41 },
        { name: 'Wrong comparator', n: 24 },
        { name: 'Conference abstract only', n: 15 },
      ],
    },
  },
  otherMethods: {
    notRetrieved: { n: 3 },
    excluded: {
      n: 57,
      reasons: [
        { name: 'Not a randomised trial', n: 43 },
        { name: 'Wrong population', n: 14 },
      ],
    },
  },
  included: { studies: { n: 21 }, reports: { n: 33 } },
  previous: { studies: { n: 14 }, reports: { n: 19 } },
};

async function main(): Promise<void> {
  const result = computePrisma(SAMPLE_REVIEW);
  if (result.warnings.length) throw new Error(result.warnings.map((w) => w.message).join('\n'));
  const docs = path.resolve(__dirname, '..', '..', 'docs');
  fs.writeFileSync(path.join(docs, 'prisma-example.svg'), await exportPrisma(result, 'svg'));
  fs.writeFileSync(
    path.join(docs, 'prisma-example.png'),
    await exportPrisma(result, 'png', { pngZoom: 1.5 }),
  );
}

void main();
