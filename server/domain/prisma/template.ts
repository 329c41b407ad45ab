/**
 * The rows of the PRISMA2020 R package / Shiny app CSV template, in order, exactly as in
 * inst/extdata/PRISMA.csv v1.1.4 (prisma-flowdiagram/PRISMA2020 @ 620aaf9b2029, MIT).
 * `n` is the template's placeholder; exports replace it with the review's numbers.
 */
export interface TemplateRow {
  /** The data key, or "NA" for title and phase boxes. */
  data: string;
  node: string;
  box: string;
  description: string;
  boxtext: string;
  tooltips: string;
  url: string;
  n: string;
}

export const CSV_COLUMNS = ['data', 'node', 'box', 'description', 'boxtext', 'tooltips', 'url', 'n'] as const;

export const TEMPLATE_ROWS: readonly TemplateRow[] = [
  { data: "NA", node: "node4", box: "prevstud", description: "Grey title box; Previous studies", boxtext: "Previous studies", tooltips: "Grey title box; Previous studies", url: "prevstud.html", n: "0" },
  { data: "previous_studies", node: "node5", box: "box1", description: "Studies included in previous version of review", boxtext: "Studies included in previous version of review", tooltips: "Studies included in previous version of review", url: "previous_studies.html", n: "0" },
  { data: "previous_reports", node: "NA", box: "box1", description: "Reports of studies included in previous version of review", boxtext: "Reports of studies included in previous version of review", tooltips: "NA", url: "previous_reports.html", n: "0" },
  { data: "NA", node: "node6", box: "newstud", description: "Yellow title box; Identification of new studies via databases and registers", boxtext: "Identification of new studies via databases and registers", tooltips: "Yellow title box; Identification of new studies via databases and registers", url: "newstud.html", n: "0" },
  { data: "database_results", node: "node7", box: "box2", description: "Records identified from: Databases", boxtext: "Databases", tooltips: "Records identified from: Databases and Registers", url: "database_results.html", n: "0" },
  { data: "database_specific_results", node: "NA", box: "box2", description: "Records identified from: specific databases", boxtext: "Specific Databases", tooltips: "NA", url: "database_results.html", n: "Database 1, xxx; Database 2, xxx; Database 3, xxx" },
  { data: "register_results", node: "NA", box: "box2", description: "Records identified from: Registers", boxtext: "Registers", tooltips: "NA", url: "NA", n: "0" },
  { data: "register_specific_results", node: "NA", box: "box2", description: "Records identified from: specific registers", boxtext: "Specific Registers", tooltips: "NA", url: "database_results.html", n: "Register 1, xxx; Register 2, xxx; Register 3, xxx" },
  { data: "NA", node: "node16", box: "othstud", description: "Grey title box; Identification of new studies via other methods", boxtext: "Identification of new studies via other methods", tooltips: "Grey title box; Identification of new studies via other methods", url: "othstud.html", n: "0" },
  { data: "website_results", node: "node17", box: "box11", description: "Records identified from: Websites", boxtext: "Websites", tooltips: "Records identified from: Websites, Organisations and Citation Searching", url: "website_results.html", n: "0" },
  { data: "organisation_results", node: "", box: "box11", description: "Records identified from: Organisations", boxtext: "Organisations", tooltips: "NA", url: "NA", n: "0" },
  { data: "citations_results", node: "NA", box: "box11", description: "Records identified from: Citation searching", boxtext: "Citation searching", tooltips: "NA", url: "NA", n: "0" },
  { data: "duplicates", node: "node8", box: "box3", description: "Duplicate records", boxtext: "Duplicate records", tooltips: "Duplicate records", url: "duplicates.html", n: "0" },
  { data: "excluded_automatic", node: "NA", box: "box3", description: "Records marked as ineligible by automation tools", boxtext: "Records marked as ineligible by automation tools", tooltips: "NA", url: "NA", n: "0" },
  { data: "excluded_other", node: "NA", box: "box3", description: "Records removed for other reasons", boxtext: "Records removed for other reasons", tooltips: "NA", url: "NA", n: "0" },
  { data: "records_screened", node: "node9", box: "box4", description: "Records screened (databases and registers)", boxtext: "Records screened", tooltips: "Records screened (databases and registers)", url: "records_screened.html", n: "0" },
  { data: "records_excluded", node: "node10", box: "box5", description: "Records excluded (databases and registers)", boxtext: "Records excluded", tooltips: "Records excluded (databases and registers)", url: "records_excluded.html", n: "0" },
  { data: "dbr_sought_reports", node: "node11", box: "box6", description: "Reports sought for retrieval (databases and registers)", boxtext: "Reports sought for retrieval", tooltips: "Reports sought for retrieval (databases and registers)", url: "dbr_sought_reports.html", n: "0" },
  { data: "dbr_notretrieved_reports", node: "node12", box: "box7", description: "Reports not retrieved (databases and registers)", boxtext: "Reports not retrieved", tooltips: "Reports not retrieved (databases and registers)", url: "dbr_notretrieved_reports.html", n: "0" },
  { data: "other_sought_reports", node: "node18", box: "box12", description: "Reports sought for retrieval (other)", boxtext: "Reports sought for retrieval", tooltips: "Reports sought for retrieval (other)", url: "other_sought_reports.html", n: "0" },
  { data: "other_notretrieved_reports", node: "node19", box: "box13", description: "Reports not retrieved (other)", boxtext: "Reports not retrieved", tooltips: "Reports not retrieved (other)", url: "other_notretrieved_reports.html", n: "0" },
  { data: "dbr_assessed", node: "node13", box: "box8", description: "Reports assessed for eligibility (databases and registers)", boxtext: "Reports assessed for eligibility", tooltips: "Reports assessed for eligibility (databases and registers)", url: "dbr_assessed.html", n: "0" },
  { data: "dbr_excluded", node: "node14", box: "box9", description: "Reports excluded (databases and registers): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]", boxtext: "Reports excluded", tooltips: "Reports excluded (databases and registers)", url: "dbrexcludedrecords.html", n: "Reason1, xxx; Reason2, xxx; Reason3, xxx" },
  { data: "other_assessed", node: "node20", box: "box14", description: "Reports assessed for eligibility (other)", boxtext: "Reports assessed for eligibility", tooltips: "Reports assessed for eligibility (other)", url: "other_assessed.html", n: "0" },
  { data: "other_excluded", node: "node21", box: "box15", description: "Reports excluded (other): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]", boxtext: "Reports excluded", tooltips: "Reports excluded (other)", url: "other_excluded.html", n: "Reason1, xxx; Reason2, xxx; Reason3, xxx" },
  { data: "new_studies", node: "node15", box: "box10", description: "New studies included in review", boxtext: "New studies included in review", tooltips: "New studies included in review", url: "new_studies.html", n: "0" },
  { data: "new_reports", node: "NA", box: "box10", description: "Reports of new included studies", boxtext: "Reports of new included studies", tooltips: "NA", url: "NA", n: "0" },
  { data: "total_studies", node: "node22", box: "box16", description: "Total studies included in review", boxtext: "Total studies included in review", tooltips: "Total studies included in review", url: "total_studies.html", n: "0" },
  { data: "total_reports", node: "NA", box: "box16", description: "Reports of total included studies", boxtext: "Reports of total included studies", tooltips: "NA", url: "NA", n: "0" },
  { data: "identification", node: "node1", box: "identification", description: "Blue identification box", boxtext: "Identification", tooltips: "Blue identification box", url: "identification.html", n: "0" },
  { data: "screening", node: "node2", box: "screening", description: "Blue screening box", boxtext: "Screening", tooltips: "Blue screening box", url: "screening.html", n: "0" },
  { data: "included", node: "node3", box: "included", description: "Blue included box", boxtext: "Included", tooltips: "Blue included box", url: "included.html", n: "0" },
  { data: "total_studies_ma", node: "node23", box: "box17", description: "Total studies included in meta-analysis", boxtext: "Total studies included in meta-analysis", tooltips: "Total studies included in meta-analysis", url: "total_studies_meta_analysis.html", n: "0" },
  { data: "total_reports_ma", node: "NA", box: "box17", description: "Reports of total included studies in meta-analysis", boxtext: "Reports of total included studies in meta-analysis", tooltips: "NA", url: "NA", n: "0" },
];

/** The key a row's label is stored under: its data key, or its box name for title boxes. */
export function labelKeyOf(row: Pick<TemplateRow, 'data' | 'box'>): string {
  return row.data === 'NA' || row.data === '' ? row.box : row.data;
}

/** The template's box text for a label key ("Records screened", "Identification", …). */
export const DEFAULT_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  TEMPLATE_ROWS.map((row) => [labelKeyOf(row), row.boxtext]),
);
