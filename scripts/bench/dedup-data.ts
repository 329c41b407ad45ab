import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { parseYear } from '../../server/domain/import/normalise';
import type { DedupRecord } from '../../server/domain/dedup/types';

/** A labelled deduplication set: records plus the true duplicate groups (record ids). */
export interface LabelledSet {
  name: string;
  records: DedupRecord[];
  /** Source ids of the records, aligned with `records` (the `ID` column). */
  labels: string[];
  truth: string[][];
  /** Records of a later search (search_set other than old_search): deduplicated incrementally. */
  newIds?: Set<number>;
}

/** Reads one bib-dedupe folder (records_pre_merged.csv + merged_record_ids.csv). */
export function loadLabelledSet(folder: string): LabelledSet {
  const rows = parse(fs.readFileSync(path.join(folder, 'records_pre_merged.csv')), {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  const groups = parse(fs.readFileSync(path.join(folder, 'merged_record_ids.csv')), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  const text = (v: string | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);
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
    pmid: null,
    isbn: text(row.isbn),
    abstract: text(row.abstract),
  }));
  return {
    name: path.basename(folder),
    records,
    labels: rows.map((row) => row.ID ?? ''),
    truth: groups.map((g) => (g.merged_ids ?? '').split(';').filter(Boolean)),
    newIds: rows.some((row) => row.search_set === 'old_search')
      ? new Set(records.filter((_, i) => rows[i]!.search_set !== 'old_search').map((r) => r.id))
      : undefined,
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
 */
export function evaluate(set: LabelledSet, clusters: number[][]): Confusion {
  const removed = new Set<string>();
  const clusterOf = new Map<string, number>();
  clusters.forEach((members, c) => {
    const sorted = [...members].sort((a, b) => a - b);
    sorted.forEach((id, k) => {
      const label = set.labels[id - 1]!;
      clusterOf.set(label, c);
      if (k > 0) removed.add(label);
    });
  });
  const inTruth = new Set<string>();
  const truthOf = new Map<string, number>();
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
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
  let foundPairs = 0,
    correctPairs = 0;
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
