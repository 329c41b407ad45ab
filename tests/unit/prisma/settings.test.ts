import { computePrisma } from '../../../server/domain/prisma/compute';
import { readPrismaSettings, withSettings } from '../../../server/domain/prisma/settings';

describe('PRISMA settings', () => {
  it('keeps valid counts and known box texts, and drops the rest', () => {
    expect(
      readPrismaSettings({
        previousStudies: 12,
        previousReports: -1,
        labels: { records_screened: 'Registros triados', not_a_key: 'x', duplicates: '  ', newstud: 7 },
      }),
    ).toEqual({ previousStudies: 12, labels: { records_screened: 'Registros triados' } });
    expect(readPrismaSettings('nonsense')).toEqual({});
    expect(readPrismaSettings(undefined)).toEqual({});
  });

  it('turns a review into an updated review with the previous version added to the totals', () => {
    const input = {
      sources: [{ name: 'Scopus', kind: 'database' as const, n: 5 }],
      included: { studies: { n: 2 }, reports: { n: 3 } },
    };
    const { model, hints, labels } = computePrisma(
      withSettings(input, { previousStudies: 10, previousReports: 11, labels: { included: 'Incluídos' } }),
    );
    expect(model).toMatchObject({
      previous_studies: 10,
      previous_reports: 11,
      total_studies: 12,
      total_reports: 14,
    });
    expect(hints.previous).toBe(true);
    expect(labels.included).toBe('Incluídos');
    expect(withSettings(input, {})).toEqual(input);
  });
});
