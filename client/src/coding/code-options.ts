import type { Code } from '../../../server/api/types';
import { h } from '../dom';
import { codeDepth } from './codes';

/** The codes as options of a select, indented by depth. */
export function codeOptions(codes: Code[]): HTMLOptionElement[] {
  return codes.map((c) => h('option', { value: c.id }, `${'\u2003'.repeat(codeDepth(codes, c))}${c.label}`));
}
