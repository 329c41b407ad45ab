import { FORMAT_IDS } from '../../domain/import/types';
import { SOURCE_KINDS } from '../../domain/source-kinds';
import { IMPORT_BUDGET_USAGE } from '../import-budget';
import type { Command } from '../types';

/**
 * Every `sift` command: its usage and summary, and its implementation (commands/<name>.ts,
 * exporting `run`), loaded only when it runs.
 */
export const commands: Command[] = [
  {
    name: 'serve',
    usage: `sift serve --db FILE [--port N] [--host H] [--trust-proxy HOPS|loopback|ADDRESS,…] ${IMPORT_BUDGET_USAGE}`,
    summary: 'serve the web app and the HTTP API',
    load: () => import('./serve'),
  },
  {
    name: 'demo',
    usage: `sift demo [--db data/demo.sqlite] [--port 3000] [--host H] [--trust-proxy SETTING] ${IMPORT_BUDGET_USAGE}`,
    summary: 'create the demo review (if the database lacks it) and serve it',
    load: () => import('./demo'),
  },
  {
    name: 'user',
    usage:
      'sift user add|passwd --db FILE --username U (--password P | --password-stdin) [--admin]\n' +
      '       sift user disable|enable|reset-link|admin --db FILE --username U [--base-url URL] [--revoke]',
    summary:
      'create an account (--admin: a site administrator), set a new password (ends their sessions), disable or ' +
      'enable an account, print a one-time password link (24 h), or make one an administrator (--revoke: no longer)',
    actions: ['add', 'passwd', 'disable', 'enable', 'reset-link', 'admin'],
    load: () => import('./user'),
  },
  {
    name: 'token',
    usage: 'sift token add --db FILE --username U [--name N] | sift token revoke --db FILE --id N',
    summary: 'make a personal API token (printed once, for Authorization: Bearer) or revoke one',
    actions: ['add', 'revoke'],
    load: () => import('./token'),
  },
  {
    name: 'invite',
    usage:
      'sift invite add --db FILE --project NAME --role reviewer|viewer|owner [--expires 7d] [--base-url http://localhost:3000]',
    summary:
      'print a single-use invitation link to join a project with a role (expires in 7 days unless --expires)',
    actions: ['add'],
    load: () => import('./invite'),
  },
  {
    name: 'member',
    usage: 'sift member add --db FILE --project NAME --username U --role owner|reviewer|viewer',
    summary: 'give a user a role in a project',
    actions: ['add'],
    load: () => import('./member'),
  },
  {
    name: 'project',
    usage:
      'sift project add --db FILE --name NAME [--description TEXT] [--owner USERNAME] | sift project list --db FILE [--json]',
    summary: 'create a review project, or list the projects of a database',
    actions: ['add', 'list'],
    load: () => import('./project'),
  },
  {
    name: 'import',
    usage:
      `sift import --db FILE [--project NAME] [--source NAME] [--kind ${SOURCE_KINDS.join('|')}] [--search-date YYYY-MM-DD] ` +
      `[--search-string S] [--format ${FORMAT_IDS.join('|')}] [--encoding E] [--force] [--json] ${IMPORT_BUDGET_USAGE} FILE...`,
    summary: 'import bibliographic exports, each file as a new source of the project (all or nothing)',
    load: () => import('./import'),
  },
  {
    name: 'export',
    usage:
      'sift export --db FILE [--project NAME] --format csv|ris|bibtex|xlsx [--status included|excluded|pending|duplicate|not_retrieved] [--stage title_abstract|full_text] [--label NAME] [--out FILE] [--no-provenance]',
    summary:
      'write the records of a project (every one, duplicates included, or those of a status, stage or label) with their review decisions, as CSV, XLSX, RIS or BibTeX, to --out or stdout',
    load: () => import('./export'),
  },
  {
    name: 'records',
    usage:
      'sift records --db FILE [--project NAME] [--search WORDS] [--status pending|included|excluded|duplicate|not_retrieved]... [--stage title_abstract|full_text] [--reason TEXT] [--label NAME]... [--source-kind database|register|other]... [--year-from YYYY] [--year-to YYYY] [--sort id|year|title|author|source] [--desc] [--limit N] [--offset N | --cursor C] [--json]',
    summary:
      "list the records of a project matching a search and filters, sorted and paged: the query of the records page (--json: the API's answer)",
    load: () => import('./records'),
  },
  {
    name: 'dedup',
    usage: 'sift dedup --db FILE [--project NAME] [--json]',
    summary: 'merge certain duplicates automatically and queue uncertain ones for review',
    load: () => import('./dedup'),
  },
  {
    name: 'screening',
    usage: 'sift screening status --db FILE [--project NAME] [--json]',
    summary: 'counts per screening stage: screened, included, excluded, conflicts, awaiting',
    actions: ['status'],
    load: () => import('./screening'),
  },
  {
    name: 'agreement',
    usage:
      'sift agreement --db FILE [--project NAME] [--stage title_abstract|full_text] [--maybe include|separate] [--votes first|latest] [--json]',
    summary:
      "inter-rater agreement per stage and reviewer pair from each reviewer's first vote (kappa with SE, PABAK, AC1, Krippendorff's alpha)",
    load: () => import('./agreement'),
  },
  {
    name: 'codebook',
    usage:
      'sift codebook export --db FILE [--project NAME] [--format json|csv] [--out FILE]\n       sift codebook import --db FILE [--project NAME] FILE',
    summary: 'export a project codebook, or add/update codes from a JSON or CSV codebook file',
    actions: ['export', 'import'],
    load: () => import('./codebook'),
  },
  {
    name: 'appraisal',
    usage:
      'sift appraisal summary --db FILE [--project NAME] [--json] [--format svg|png|csv|json --out FILE] [--plot traffic-light|summary|both]\n' +
      '       sift appraisal tool export --db FILE [--project NAME] [--tool ID] [--out FILE]\n' +
      '       sift appraisal tool import --db FILE [--project NAME] FILE',
    summary:
      'the critical appraisal of the included studies (a table, JSON, or the traffic-light plot as SVG/PNG), ' +
      'or export/import an appraisal tool as JSON',
    actions: ['summary', 'tool'],
    load: () => import('./appraisal'),
  },
  {
    name: 'prisma',
    usage:
      'sift prisma (--db FILE [--project NAME] [--other-screening auto|always] | --from-csv FILE) --format svg|png|pdf|html|json|csv --out FILE',
    summary:
      'draw the PRISMA 2020 flow diagram of a project, or of a PRISMA2020 template CSV filled elsewhere',
    load: () => import('./prisma'),
  },
  {
    name: 'simulate',
    usage: 'sift simulate FILE [--seeds N] [--json] [--model nb|lr] [--curve out.svg|out.png]',
    summary:
      'replay a labelled CSV (label_included or included, 1/0) in model order, ASReview-style, and report WSS@95, RRF@10, ATD',
    load: () => import('./simulate'),
  },
  {
    name: 'synthesis',
    usage: 'sift synthesis --db FILE [--project NAME] [--json] [--appraisal all-yes|stratify]',
    summary: 'print the theme synthesis of the included studies (Markdown, or JSON with --json)',
    load: () => import('./synthesis'),
  },
  {
    name: 'report',
    usage:
      'sift report --db FILE [--project NAME] --format docx|html|md --out FILE [--style apa|vancouver|harvard]\n' +
      '       sift report checklist --db FILE [--project NAME] --format csv|docx --out FILE',
    summary:
      "draft the review's report from its data (methods, PRISMA diagram, included studies, synthesis, references), " +
      'or write its PRISMA 2020 checklist alone',
    actions: ['checklist'],
    load: () => import('./report'),
  },
  {
    name: 'backup',
    usage: 'sift backup --db FILE --out FILE [--force]',
    summary: 'copy the database with SQLite online backup (safe while the server runs); checks the copy',
    load: () => import('./backup'),
  },
  {
    name: 'archive',
    usage:
      'sift archive export --db FILE [--project NAME] --out FILE.json | sift archive import --db FILE FILE.json [--name NEW]',
    summary:
      'write a whole project (records, sources, decisions with history, dedup, coding, settings) as JSON, or recreate one from it',
    actions: ['export', 'import'],
    load: () => import('./archive'),
  },
];
