import type { AppraisalTool } from './tool';

/**
 * A study's design from its extraction form: the values of the design field (the consensus, or
 * with one coder per study the coders', as the synthesis counts them) mapped to one of the tool's
 * designs. A value maps through the project's `designMap`, else to the design whose id or label it
 * is (ignoring case and surrounding space). Null, so that the appraiser chooses, when the form has
 * no value, a value maps to no design, or the values map to different designs.
 */
export function designFromForm(
  tool: AppraisalTool,
  values: readonly string[],
  designMap: Readonly<Record<string, string>>,
): string | null {
  const norm = (s: string) => s.trim().toLowerCase();
  const designs = new Set<string | null>(
    values.map((value) => {
      const mapped = designMap[value] ?? designMap[value.trim()];
      if (mapped !== undefined) return tool.designs.some((d) => d.id === mapped) ? mapped : null;
      return (
        tool.designs.find((d) => norm(d.id) === norm(value) || norm(d.label) === norm(value))?.id ?? null
      );
    }),
  );
  if (designs.size !== 1) return null;
  return [...designs][0] ?? null;
}
