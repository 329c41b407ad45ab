import type { AppraisalTool } from '../tool';
import { CASP_QUALITATIVE } from './casp-qualitative';
import { JBI_CROSS_SECTIONAL } from './jbi-cross-sectional';
import { MMAT_2018 } from './mmat-2018';

/** The tools Sift ships, paraphrased, each citing its source (tests/unit/appraisal/tools.test.ts validates them). */
export const BUILT_IN_TOOLS: readonly AppraisalTool[] = [MMAT_2018, CASP_QUALITATIVE, JBI_CROSS_SECTIONAL];

export function builtInTool(id: string): AppraisalTool | undefined {
  return BUILT_IN_TOOLS.find((t) => t.id === id);
}
