import type { Report, ReportStatus } from '../../../server/api/types';

/** What the full-text page says about the reports as a whole. No DOM here. */

export const STATUS_LABEL: Record<ReportStatus, string> = {
  sought: 'Sought',
  retrieved: 'Retrieved',
  not_retrievable: 'Not retrievable',
};

export function statusCounts(reports: readonly Report[]): Record<ReportStatus, number> {
  const counts = { sought: 0, retrieved: 0, not_retrievable: 0 };
  for (const r of reports) counts[r.status] += 1;
  return counts;
}

/** "3 report(s) sought · 1 retrieved · 1 not retrievable · 1 waiting". */
export function retrievalSummary(reports: readonly Report[]): string {
  const counts = statusCounts(reports);
  return `${reports.length} report(s) sought · ${counts.retrieved} retrieved · ${counts.not_retrievable} not retrievable · ${counts.sought} waiting`;
}

/** The badge colour of a retrieval status (the screening palette: retrieved reads as include). */
export function statusBadgeClass(status: ReportStatus): string {
  return `badge ${status === 'retrieved' ? 'include' : status === 'not_retrievable' ? 'exclude' : ''}`;
}
