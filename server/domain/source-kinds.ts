/**
 * How a source was searched, as PRISMA 2020 counts them: databases, registers, and other methods
 * (websites, organisations, citation searching). The one list: `sift import --kind`, the upload
 * route and the PRISMA counts all take it from here.
 */
export const SOURCE_KINDS = ['database', 'register', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
