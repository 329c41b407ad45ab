// @citation-js ships no type declarations; this is the part Sift uses (the CSL plugin registers itself on import).
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    format(kind: 'bibliography', options: Record<string, unknown>): string;
  }
}
declare module '@citation-js/plugin-csl';
