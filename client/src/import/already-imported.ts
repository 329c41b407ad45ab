import type { AlreadyImported } from '../../../server/api/types';
import { humanDateTime } from '../dates';

/** Whether a failed import's details say its file was imported before (the upload may then be forced). */
export function isAlreadyImported(details: unknown): details is AlreadyImported {
  const d = details as Partial<AlreadyImported> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    d.reason === 'already_imported' &&
    typeof d.file === 'string' &&
    typeof d.sourceName === 'string' &&
    typeof d.importedAt === 'string'
  );
}

/**
 * The refusal said for a browser: which import it repeats, when (a date a person reads, not
 * ISO 8601), and what to do here, where the command line's `--force` means nothing.
 */
export function alreadyImportedText(d: AlreadyImported, locale?: string): string {
  const earlier = d.fileName && d.fileName !== d.file ? ` (from ${d.fileName})` : '';
  return (
    `${d.file} was already imported on ${humanDateTime(d.importedAt, locale)}, ` +
    `as the source “${d.sourceName}”${earlier}. Nothing was imported now. ` +
    'Import it again only if these are new records (a repeated search): its records would be added a second time, for the duplicate check to find.'
  );
}
