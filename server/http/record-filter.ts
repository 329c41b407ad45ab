import { z } from 'zod';
import {
  RECORD_STATUSES,
  RECORD_TYPES,
  SORT_KEYS,
  type RecordFilter,
  type RecordSort,
} from '../domain/records/filter';
import { STAGES, VOTES } from '../domain/screening/types';
import { SOURCE_KINDS } from '../domain/source-kinds';

/**
 * The records filter as HTTP carries it: in a query string (GET …/records, GET …/export.*:
 * lists comma-separated or repeated) and as JSON (the body of bulk actions). Both give the
 * domain's RecordFilter, the one description every reader of records shares.
 */

/** A query value given once, repeated, or comma-separated, as a list of non-empty strings. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => {
    if (value === undefined || value === '') return undefined;
    const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
    return parts.map((p) => p.trim()).filter((p) => p !== '');
  }, z.array(item).max(200).optional());

const positiveId = z.coerce.number().int().positive();
const year = z.coerce.number().int().min(0).max(3000);
const stage = z.enum(STAGES);

const MY_VOTES = [...VOTES, 'none'] as const;

const myVoteQuery = z
  .string()
  .regex(/^[a-z_]+:[a-z]+$/, 'myVote is stage:vote, e.g. title_abstract:include or full_text:none')
  .transform((text, ctx) => {
    const [s, v] = text.split(':');
    const parsed = z.object({ stage, vote: z.enum(MY_VOTES) }).safeParse({ stage: s, vote: v });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'myVote is stage:vote (include, exclude, maybe or none)' });
      return z.NEVER;
    }
    return parsed.data;
  });

/** The filter's query-string form. */
export const FilterQuery = z.object({
  q: z.string().max(500).optional(),
  sourceId: listOf(positiveId),
  sourceKind: listOf(z.enum(SOURCE_KINDS)),
  yearFrom: year.optional(),
  yearTo: year.optional(),
  type: listOf(z.enum(RECORD_TYPES)),
  stage: stage.optional(),
  status: listOf(z.enum(RECORD_STATUSES)),
  reason: z.string().min(1).max(200).optional(),
  labelId: listOf(positiveId),
  myVote: myVoteQuery.optional(),
  conflict: stage.optional(),
});

export function filterFromQuery(query: z.infer<typeof FilterQuery>): RecordFilter {
  return {
    q: query.q,
    sourceIds: query.sourceId,
    sourceKinds: query.sourceKind,
    yearFrom: query.yearFrom,
    yearTo: query.yearTo,
    types: query.type,
    stage: query.stage,
    statuses: query.status,
    reason: query.reason,
    labelIds: query.labelId,
    myVote: query.myVote,
    conflict: query.conflict,
  };
}

/** The filter as JSON (bulk actions): the domain's field names. */
export const FilterBody = z
  .object({
    q: z.string().max(500).optional(),
    sourceIds: z.array(positiveId).max(200).optional(),
    sourceKinds: z.array(z.enum(SOURCE_KINDS)).optional(),
    yearFrom: year.optional(),
    yearTo: year.optional(),
    types: z.array(z.enum(RECORD_TYPES)).optional(),
    stage: stage.optional(),
    statuses: z.array(z.enum(RECORD_STATUSES)).optional(),
    reason: z.string().min(1).max(200).optional(),
    labelIds: z.array(positiveId).max(200).optional(),
    myVote: z.object({ stage, vote: z.enum(MY_VOTES) }).optional(),
    conflict: stage.optional(),
  })
  .strict();

/** Sorting and paging of the records list. */
export const ListQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.enum(SORT_KEYS).default('id'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  cursor: z.string().max(500).optional(),
});

export function sortFromQuery(query: z.infer<typeof ListQuery>): RecordSort {
  return { key: query.sort, dir: query.dir };
}
