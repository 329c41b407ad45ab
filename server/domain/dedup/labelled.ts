import { parseYear } from '../import/normalise';
import type { DedupRecord } from './types';

/**
 * A labelled deduplication set in bib-dedupe's layout: records (one row each, with a string
 * `ID`) and the true duplicate groups as lists of those ids; a record in no group is unique.
 */
export interface LabelledSet {
  name: string;
  records: DedupRecord[];
  /** The `ID` of each record, aligned with `records` (record id i + 1 has label labels[i]). */
  labels: string[];
  truth: string[][];
  /** A part of the set per record (the `part` column), when the set is assembled from several sources. */
  parts: string[];
  /** Records of a later search (search_set other than old_search): deduplicated incrementally. */
  newIds?: Set<number>;
}

function text(value: string | undefined): string | null {
  return value && value.trim() !== '' ? value.trim() : null;
}

/**
 * Builds a labelled set from the rows of records_pre_merged.csv (columns ID, ENTRYTYPE, title,
 * author joined by " and ", year, journal or booktitle, volume, number or issue, pages, doi,
 * isbn, abstract, search_set, part) and the groups of merged_record_ids.csv.
 */
export function labelledSetFromRows(
  name: string,
  rows: Record<string, string>[],
  groups: string[][],
): LabelledSet {
  const records = rows.map((row, index): DedupRecord => ({
    id: index + 1,
    type: text(row.ENTRYTYPE),
    title: text(row.title),
    authors: (row.author ?? '')
      .split(/\s+and\s+/)
      .map((a) => a.trim())
      .filter(Boolean),
    year: parseYear(row.year ?? null),
    journal: text(row.journal) ?? text(row.booktitle),
    volume: text(row.volume),
    issue: text(row.number) ?? text(row.issue),
    pages: text(row.pages),
    doi: text(row.doi)?.toLowerCase() ?? null,
    pmid: text(row.pmid),
    isbn: text(row.isbn),
    abstract: text(row.abstract),
  }));
  return {
    name,
    records,
    labels: rows.map((row) => row.ID ?? ''),
    truth: groups,
    parts: rows.map((row) => row.part ?? ''),
    newIds: rows.some((row) => row.search_set === 'old_search')
      ? new Set(records.filter((_, i) => rows[i]!.search_set !== 'old_search').map((r) => r.id))
      : undefined,
  };
}

/** The records of one part of a set, renumbered, with the groups that fall inside it. */
export function partOf(set: LabelledSet, part: string): LabelledSet {
  const keep = set.records.map((_, i) => i).filter((i) => set.parts[i] === part);
  const labels = keep.map((i) => set.labels[i]!);
  const inPart = new Set(labels);
  return {
    name: `${set.name}/${part}`,
    records: keep.map((i, k) => ({ ...set.records[i]!, id: k + 1 })),
    labels,
    truth: set.truth.map((g) => g.filter((id) => inPart.has(id))).filter((g) => g.length > 1),
    parts: keep.map(() => part),
  };
}

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Record pairs put in one cluster that the labels keep apart. */
  falseMergePairs: number;
  truePairs: number;
  foundPairs: number;
  correctPairs: number;
}

/**
 * Counts record by record as bib-dedupe's compare_dedupe_id does: per true group the first
 * kept record is a TN, other kept ones FN, removed ones TP (one FP if none was kept);
 * a removed singleton is an FP. Also counts pairwise agreement and false merges.
 * `clusters` are the merged groups as record ids (1-based positions in the set).
 */
export function evaluate(set: LabelledSet, clusters: number[][]): Confusion {
  const removed = new Set<string>();
  clusters.forEach((members) => {
    const sorted = [...members].sort((a, b) => a - b);
    sorted.forEach((id, k) => {
      if (k > 0) removed.add(set.labels[id - 1]!);
    });
  });
  const inTruth = new Set<string>();
  const truthOf = new Map<string, number>();
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  set.truth.forEach((group, g) => {
    const kept = group.filter((id) => !removed.has(id));
    for (const id of group) {
      inTruth.add(id);
      truthOf.set(id, g);
    }
    if (kept.length === 0) {
      fp += 1;
      tp += group.length - 1;
    } else {
      tn += 1;
      fn += kept.length - 1;
      tp += group.length - kept.length;
    }
  });
  for (const label of set.labels) {
    if (inTruth.has(label)) continue;
    if (removed.has(label)) fp += 1;
    else tn += 1;
  }
  let truePairs = 0;
  for (const group of set.truth) truePairs += (group.length * (group.length - 1)) / 2;
  let foundPairs = 0;
  let correctPairs = 0;
  for (const members of clusters) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        foundPairs++;
        const ga = truthOf.get(set.labels[members[i]! - 1]!);
        const gb = truthOf.get(set.labels[members[j]! - 1]!);
        if (ga !== undefined && ga === gb) correctPairs++;
      }
    }
  }
  return { tp, fp, fn, tn, falseMergePairs: foundPairs - correctPairs, truePairs, foundPairs, correctPairs };
}

/** Pairs of records put in one cluster although the labels keep them apart: the false merges themselves. */
export function falseMergePairs(set: LabelledSet, clusters: number[][]): [string, string][] {
  const truthOf = new Map<string, number>();
  set.truth.forEach((group, g) => group.forEach((label) => truthOf.set(label, g)));
  const out: [string, string][] = [];
  for (const members of clusters) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = set.labels[members[i]! - 1]!;
        const b = set.labels[members[j]! - 1]!;
        const ga = truthOf.get(a);
        if (ga === undefined || ga !== truthOf.get(b)) out.push([a, b]);
      }
    }
  }
  return out;
}
