/**
 * The JSON the HTTP API answers with, in one place. The server declares these as the return
 * types of its services and presenters, and the browser client reads them with `import type`,
 * so renaming a field fails to compile on both sides instead of breaking a page at run time.
 *
 * Plain types only: no runtime code, and no imports from outside server/api, so the client's
 * type-check and bundle never reach into server code.
 */
export type * from './accounts';
export type * from './appraisal';
export type * from './coding';
export type * from './common';
export type * from './dedup';
export type * from './fulltext';
export type * from './imports';
export type * from './prisma';
export type * from './projects';
export type * from './ranking';
export type * from './report';
export type * from './records';
export type * from './screening';
