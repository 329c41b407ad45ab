import type { CodebookChanges } from '../../../server/api/types';

/** The preview of a codebook import in words, one line per change. No DOM here. */
export interface ChangeLine {
  what: string;
  detail: string;
}

const quoted = (text: string) => `“${text}”`;
const place = (parent: string | null) => (parent === null ? 'the top level' : parent);

/** Every change an import makes, as lines a person reads before saying yes. */
export function changeLines(changes: CodebookChanges): ChangeLine[] {
  const { codes, fields } = changes;
  return [
    ...codes.added.map((c) => ({
      what: 'Code added:',
      detail: `${quoted(c.label)} (${c.code}) under ${place(c.parent)}`,
    })),
    ...codes.renamed.map((c) => ({
      what: 'Code renamed:',
      detail: `${quoted(c.from)} → ${quoted(c.to)} (${c.code})`,
    })),
    ...codes.moved.map((c) => ({
      what: 'Code moved:',
      detail: `${quoted(c.label)} from ${place(c.from)} to ${place(c.to)}`,
    })),
    ...codes.described.map((c) => ({
      what: 'Description changed:',
      detail: `${quoted(c.label)} (${c.code})`,
    })),
    ...codes.removed.map((c) => ({ what: 'Code removed:', detail: `${quoted(c.label)} (${c.code})` })),
    ...fields.added.map((f) => ({ what: 'Field added:', detail: `${quoted(f.label)} (${f.key})` })),
    ...fields.changed.map((f) => ({
      what: 'Field changed:',
      detail: `${quoted(f.label)} (${f.key}): ${f.what.join(', ')}`,
    })),
    ...fields.removed.map((f) => ({ what: 'Field removed:', detail: `${quoted(f.label)} (${f.key})` })),
    ...(codes.kept.length > 0
      ? [{ what: 'Kept (not in the file):', detail: codes.kept.map((c) => quoted(c.label)).join(', ') }]
      : []),
    ...(fields.kept.length > 0
      ? [
          {
            what: 'Fields kept (not in the file):',
            detail: fields.kept.map((f) => quoted(f.label)).join(', '),
          },
        ]
      : []),
  ];
}

/** What an import did, counted: "2 codes added, 1 renamed, 1 field changed". */
export function importSummary(changes: CodebookChanges): string {
  const { codes, fields } = changes;
  const parts: string[] = [];
  const count = (n: number, one: string, many: string, done: string) => {
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many} ${done}`);
  };
  count(codes.added.length, 'code', 'codes', 'added');
  count(codes.renamed.length, 'code', 'codes', 'renamed');
  count(codes.moved.length, 'code', 'codes', 'moved');
  count(codes.described.length, 'description', 'descriptions', 'changed');
  count(codes.removed.length, 'code', 'codes', 'removed');
  count(fields.added.length, 'field', 'fields', 'added');
  count(fields.changed.length, 'field', 'fields', 'changed');
  count(fields.removed.length, 'field', 'fields', 'removed');
  return parts.length > 0 ? parts.join(', ') : 'nothing changed';
}
