import type { DedupRecord } from '../../server/domain/dedup/types';

/** A deterministic pseudo-random generator (mulberry32): the same seed builds the same project. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticProject {
  records: DedupRecord[];
  /** work index of each record (records of one work are true duplicates) */
  workOf: number[];
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function typo(random: () => number, text: string): string {
  if (text.length < 10) return text;
  const at = 1 + Math.floor(random() * (text.length - 2));
  const kind = random();
  if (kind < 0.33) return text.slice(0, at) + text.slice(at + 1); // deletion
  if (kind < 0.66) return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2); // transposition
  return text.slice(0, at) + pick(random, 'aeioustnr'.split('')) + text.slice(at); // insertion
}

function abbreviateJournal(journal: string): string {
  return journal
    .split(/\s+/)
    .filter((w) => !/^(of|the|and|&|for|in)$/i.test(w))
    .map((w) => (w.length > 5 ? w.slice(0, 4) : w))
    .join(' ');
}

function reformatAuthor(author: string): string {
  const [family, given] = author.split(',').map((s) => s.trim());
  if (!given) return author;
  return `${family} ${given.replace(/[^A-Z]/g, '')}`;
}

/**
 * Builds a project of `size` records from real ones: each unique work takes a real record's
 * metadata, with its title recombined from two real titles and three words swapped for other
 * real title words (at the start, middle and end) so works stay distinct; about a
 * third of the works get one to three copies perturbed the way exports differ (typos, case,
 * a trailing full stop or language tag, missing DOI/abstract/pages, abbreviated journals,
 * "Family G" authors, pages "518-26", a year off by one).
 */
export function synthesiseProject(templates: DedupRecord[], size: number, seed = 7): SyntheticProject {
  const random = rng(seed);
  const titles = templates.map((t) => t.title).filter((t): t is string => !!t && t.split(' ').length >= 6);
  const vocabulary = [
    ...new Set(titles.flatMap((t) => t.split(' ')).filter((w) => /^[A-Za-z-]{4,}$/.test(w))),
  ];
  const records: DedupRecord[] = [];
  const workOf: number[] = [];
  let work = 0;
  while (records.length < size) {
    const template = pick(random, templates);
    const left = pick(random, titles).split(' ');
    const right = pick(random, titles).split(' ');
    const words = [
      ...left.slice(0, Math.ceil(left.length / 2)),
      ...right.slice(Math.floor(right.length / 2)),
    ];
    // Fresh words near the start, the middle and the end, so that works do not share a title's ends.
    for (const at of [
      Math.floor(random() * 3),
      Math.floor(words.length / 2),
      words.length - 1 - Math.floor(random() * 3),
    ]) {
      words[Math.max(0, Math.min(words.length - 1, at))] = pick(random, vocabulary);
    }
    const title = words.join(' ');
    const year = 1990 + Math.floor(random() * 35);
    const firstPage = 1 + Math.floor(random() * 2000);
    const original: DedupRecord = {
      ...template,
      id: 0,
      title,
      authors: [...template.authors].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 6)),
      year,
      volume: String(1 + Math.floor(random() * 300)),
      issue: String(1 + Math.floor(random() * 12)),
      pages: `${firstPage}-${firstPage + 3 + Math.floor(random() * 12)}`,
      doi:
        random() < 0.6
          ? `10.${1000 + Math.floor(random() * 9000)}/synth.${work}.${Math.floor(random() * 1e6)}`
          : null,
      pmid: null,
    };
    const copies = random() < 0.33 ? 1 + Math.floor(random() * 3) : 0;
    for (let c = 0; c <= copies && records.length < size; c++) {
      const r: DedupRecord = { ...original, authors: [...original.authors], id: records.length + 1 };
      if (c > 0) {
        const t = r.title ?? '';
        const change = random();
        if (change < 0.2) r.title = t.toUpperCase();
        else if (change < 0.35) r.title = typo(random, t);
        else if (change < 0.45) r.title = `${t}.`;
        else if (change < 0.5) r.title = `[${t}]. [German]`;
        else if (change < 0.6) r.title = t.toLowerCase();
        if (random() < 0.5) r.doi = null;
        if (random() < 0.4) r.abstract = null;
        if (random() < 0.2) r.pages = null;
        if (random() < 0.15) r.volume = null;
        if (random() < 0.3 && r.journal) r.journal = abbreviateJournal(r.journal);
        if (random() < 0.4) r.authors = r.authors.map(reformatAuthor);
        if (random() < 0.1) r.authors = r.authors.slice(0, 1);
        if (random() < 0.2 && r.pages) r.pages = r.pages.replace(/^(\d+)-\d*(\d\d)$/, '$1-$2');
        if (random() < 0.05 && r.doi && r.year) r.year = r.year + 1;
      }
      records.push(r);
      workOf.push(work);
    }
    work++;
  }
  return { records, workOf };
}
