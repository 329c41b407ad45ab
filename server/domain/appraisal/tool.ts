import { z } from 'zod';
import type { AppraisalCriterion, AppraisalDesign, AppraisalTool, OverallRule } from '../../api/appraisal';
import { ParseError, ValidationError } from '../errors';

/**
 * An appraisal tool is data: answers, screening questions asked of every study, study designs
 * each with its criteria, and an overall-judgement rule (rules.ts). This module reads a tool
 * from JSON (zod for the shape, then the cross-references zod cannot see) and writes it back.
 */

export type { AppraisalCriterion, AppraisalDesign, AppraisalTool, OverallRule };

export const TOOL_FORMAT = 'sift-appraisal-tool';

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const key = (what: string) =>
  z
    .string()
    .regex(KEY, `${what} must be 1–40 letters, digits, '.', '_' or '-', starting with a letter or digit`);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const criterionSchema = z
  .object({
    id: key('a criterion id'),
    question: text(500),
    answers: z.array(key('an answer id')).min(2).optional(),
    domain: text(200).optional(),
    hint: text(2000).optional(),
  })
  .strict();

const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none'), note: text(1000) }).strict(),
  z
    .object({
      kind: z.literal('count'),
      answer: key('an answer id'),
      bands: z
        .array(z.object({ atLeast: z.number().min(0).max(1), label: text(60) }).strict())
        .min(1)
        .optional(),
    })
    .strict(),
  z.object({ kind: z.literal('all'), answer: key('an answer id'), met: text(60), notMet: text(60) }).strict(),
  z
    .object({
      kind: z.literal('worst'),
      order: z.array(key('an answer id')).min(2),
      labels: z.record(z.string(), text(60)).optional(),
    })
    .strict(),
]);

export const toolSchema = z
  .object({
    format: z.literal(TOOL_FORMAT),
    version: z.literal(1),
    id: key('the tool id'),
    name: text(200),
    description: text(2000).optional(),
    source: z
      .object({
        authors: text(1000),
        year: z.number().int().min(1900).max(2200),
        title: text(500),
        url: z.url({ protocol: /^https?$/ }),
        note: text(2000).optional(),
      })
      .strict()
      .optional(),
    answers: z
      .array(
        z
          .object({
            id: key('an answer id'),
            label: text(60),
            tone: z.enum(['good', 'some', 'bad', 'unclear', 'none']),
          })
          .strict(),
      )
      .min(2)
      .max(8),
    screening: z.array(criterionSchema).max(20).default([]),
    designs: z
      .array(
        z
          .object({
            id: key('a design id'),
            label: text(200),
            criteria: z.array(criterionSchema).min(1).max(60),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    overall: ruleSchema,
  })
  .strict();

// The schema and the API's plain type describe one shape: a change to either fails to compile.
const _sameShape: (t: z.infer<typeof toolSchema>) => AppraisalTool = (t) => t;
void _sameShape;

/** Checks a tool read from outside: its shape, then that every id it refers to exists once. */
export function validateTool(value: unknown): AppraisalTool {
  const parsed = toolSchema.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError(
      `appraisal tool: ${parsed.error.issues
        .map((i) => `${i.path.join('.') || 'the document'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const tool = parsed.data;
  const answerIds = new Set<string>();
  for (const a of tool.answers) {
    if (answerIds.has(a.id)) refuse(`answer "${a.id}" is listed twice`);
    answerIds.add(a.id);
  }
  const designIds = new Set<string>();
  const criterionIds = new Set<string>();
  const checkCriterion = (c: AppraisalCriterion, where: string) => {
    if (criterionIds.has(c.id))
      refuse(`criterion "${c.id}" (${where}) is used twice: ids are unique in a tool`);
    criterionIds.add(c.id);
    for (const a of c.answers ?? [])
      if (!answerIds.has(a))
        refuse(`criterion "${c.id}" allows "${a}", which is not one of the tool's answers`);
  };
  for (const c of tool.screening) checkCriterion(c, 'screening');
  for (const d of tool.designs) {
    if (designIds.has(d.id)) refuse(`design "${d.id}" is listed twice`);
    designIds.add(d.id);
    for (const c of d.criteria) checkCriterion(c, `design ${d.id}`);
  }
  const known = (id: string, where: string) => {
    if (!answerIds.has(id))
      refuse(`the overall rule names "${id}" (${where}), which is not one of the tool's answers`);
  };
  const rule = tool.overall;
  if (rule.kind === 'count' || rule.kind === 'all') known(rule.answer, 'answer');
  if (rule.kind === 'worst') {
    rule.order.forEach((id) => known(id, 'order'));
    if (new Set(rule.order).size !== rule.order.length) refuse('the overall rule ranks an answer twice');
    Object.keys(rule.labels ?? {}).forEach((id) => known(id, 'labels'));
  }
  return tool;
}

function refuse(message: string): never {
  throw new ValidationError(`appraisal tool: ${message}`);
}

/** A tool from a JSON file: a syntax error names its line, a wrong shape names the field. */
export function toolFromJson(textIn: string, fileName: string): AppraisalTool {
  let data: unknown;
  try {
    data = JSON.parse(textIn.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    throw new ParseError(fileName, lineOfJsonError(textIn, message), `not valid JSON (${message})`);
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== TOOL_FORMAT) {
    throw new ParseError(fileName, null, `not a Sift appraisal tool (expected "format": "${TOOL_FORMAT}")`);
  }
  try {
    return validateTool(data);
  } catch (error) {
    // a file that parses but is not a usable tool is refused like any unreadable import: naming the file
    if (error instanceof ValidationError)
      throw new ParseError(fileName, null, error.message, { cause: error });
    throw error;
  }
}

/** The line a JSON.parse message points at ("… at position 42"), or null when it names none. */
function lineOfJsonError(source: string, message: string): number | null {
  const line = /\(line (\d+) column \d+\)/.exec(message);
  if (line) return Number(line[1]);
  const position = /at position (\d+)/.exec(message);
  if (!position) return null;
  return source.slice(0, Number(position[1])).split('\n').length;
}

/** The JSON `toolFromJson` reads back: stable key order, two-space indent, a final newline. */
export function toolToJson(tool: AppraisalTool): string {
  return `${JSON.stringify(tool, null, 2)}\n`;
}

/** The design with this id, or undefined. */
export function designOf(tool: AppraisalTool, designId: string | null): AppraisalDesign | undefined {
  return designId === null ? undefined : tool.designs.find((d) => d.id === designId);
}

/** The criteria a study of `designId` is appraised on: the screening questions, then the design's. */
export function criteriaOf(tool: AppraisalTool, designId: string | null): AppraisalCriterion[] {
  return [...tool.screening, ...(designOf(tool, designId)?.criteria ?? [])];
}

/** The answers a criterion allows, in the tool's order. */
export function allowedAnswers(tool: AppraisalTool, criterion: AppraisalCriterion): string[] {
  const ids = tool.answers.map((a) => a.id);
  return criterion.answers ? ids.filter((id) => criterion.answers!.includes(id)) : ids;
}

/** Every criterion of the tool by id, with the design it belongs to (null: a screening question). */
export function criterionIndex(
  tool: AppraisalTool,
): Map<string, { criterion: AppraisalCriterion; design: string | null }> {
  const index = new Map<string, { criterion: AppraisalCriterion; design: string | null }>();
  for (const c of tool.screening) index.set(c.id, { criterion: c, design: null });
  for (const d of tool.designs) for (const c of d.criteria) index.set(c.id, { criterion: c, design: d.id });
  return index;
}
