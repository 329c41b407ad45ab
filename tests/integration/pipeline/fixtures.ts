import path from 'node:path';

/** The RIS exports the pipeline tests upload and import (embase.ris, asysd_scopus.ris, missing_values.ris, faulty_year.ris). */
export const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'import', 'ris');
