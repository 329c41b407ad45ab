import type { Codebook, CodeDefinition } from './codebook';

const theme = (code: string, label: string, description: string): CodeDefinition => ({
  code,
  label,
  description,
  parent: null,
});
const sub = (parent: string, code: string, label: string, description: string): CodeDefinition => ({
  code: `${parent}.${code}`,
  label,
  description,
  parent,
});

/**
 * The demo review's default codebook: the learner perspective on micro-credentials in
 * continuing education and professional development — five themes with sub-codes, and the
 * study characteristics extracted from every included study.
 */
export const LEARNER_PERSPECTIVE_CODEBOOK: Codebook = {
  codes: [
    theme(
      'ambitions',
      'Learning ambitions',
      'Why learners take up micro-credentials: the goals they pursue.',
    ),
    sub(
      'ambitions',
      'career',
      'Career advancement',
      'Promotion, a new role, employability, a career change.',
    ),
    sub(
      'ambitions',
      'upskilling',
      'Up- and reskilling',
      'Keeping skills current; filling a specific skill gap.',
    ),
    sub(
      'ambitions',
      'recognition',
      'Recognition of learning',
      'Making prior or informal learning visible and portable.',
    ),
    sub('ambitions', 'personal', 'Personal growth', 'Interest, curiosity, self-fulfilment.'),
    theme('preferences', 'Learning preferences', 'How learners want to learn.'),
    sub('preferences', 'online', 'Online and flexible delivery', 'Self-paced, online or blended formats.'),
    sub('preferences', 'short', 'Short, modular units', 'Bite-sized, stackable modules.'),
    sub('preferences', 'practical', 'Practice-oriented content', 'Applicable to the job; work-based tasks.'),
    sub('preferences', 'social', 'Interaction and support', 'Peers, tutors, mentoring, community.'),
    theme('requirements', 'Requirements', 'What a micro-credential must offer to be worth taking.'),
    sub('requirements', 'quality', 'Quality assurance', 'Accreditation, trusted providers, standards.'),
    sub(
      'requirements',
      'recognition',
      'Recognition by employers',
      'Value on the labour market, employer endorsement.',
    ),
    sub('requirements', 'stackability', 'Stackability and credit', 'Credit towards a larger qualification.'),
    sub('requirements', 'cost', 'Cost and funding', 'Affordability, employer or public funding.'),
    sub(
      'requirements',
      'transparency',
      'Transparent information',
      'Clear outcomes, workload, level, assessment.',
    ),
    theme('expectations', 'Expectations', 'What learners expect to gain and how they judge it afterwards.'),
    sub('expectations', 'outcomes', 'Learning outcomes', 'Competences they expect to acquire.'),
    sub(
      'expectations',
      'portability',
      'Digital portability',
      'Digital badges, wallets, shareable credentials.',
    ),
    sub('expectations', 'return', 'Return on investment', 'Pay, job, promotion after completion.'),
    theme('balance', 'Study-work-life balance', 'Fitting learning around work, family and life.'),
    sub('balance', 'time', 'Time constraints', 'Workload, scheduling, lack of time.'),
    sub('balance', 'employer', 'Employer support', 'Paid time, leave, encouragement by the employer.'),
    sub('balance', 'family', 'Family and care duties', 'Care responsibilities and private life.'),
  ],
  fields: [
    {
      key: 'country',
      label: 'Country',
      kind: 'multiple',
      options: [
        'Australia',
        'Canada',
        'Germany',
        'Ireland',
        'Netherlands',
        'New Zealand',
        'United Kingdom',
        'United States',
        'Other',
        'Multinational',
      ],
    },
    {
      key: 'setting',
      label: 'Setting',
      kind: 'single',
      options: [
        'Higher education',
        'Continuing education',
        'Workplace',
        'Professional body',
        'MOOC platform',
        'Other',
      ],
    },
    {
      key: 'design',
      label: 'Study design',
      kind: 'single',
      options: ['Survey', 'Interviews / focus groups', 'Mixed methods', 'Case study', 'Review', 'Other'],
    },
    { key: 'population', label: 'Population', kind: 'text', options: [] },
    { key: 'sample_size', label: 'Sample size', kind: 'number', options: [] },
    {
      key: 'format',
      label: 'Micro-credential format',
      kind: 'multiple',
      options: ['Digital badge', 'Certificate', 'Short course', 'MOOC', 'Stackable credential', 'Other'],
    },
    {
      key: 'provider',
      label: 'Provider',
      kind: 'single',
      options: [
        'University',
        'Vocational college',
        'Employer',
        'Professional association',
        'Platform / company',
        'Other',
      ],
    },
  ],
};

/**
 * Which learner-perspective codes a title shows, and where: a stand-in for a coder reading the
 * paper. The demo holds no full texts and its records no abstracts (data/demo/SOURCES.md), so
 * the excerpt is the part of the title that shows the code — the authors' own words, with no
 * page. Where a title shows none of them, the study is coded with an example written for the
 * demo, stored and shown as illustrative (not a quotation), and with no page either.
 */
const CODE_HINTS: [RegExp, string][] = [
  [/career|employab|labou?r market|\bjobs?\b/i, 'ambitions.career'],
  [/skill|professional development/i, 'ambitions.upskilling'],
  [/motivat/i, 'ambitions'],
  [/preference/i, 'preferences'],
  [/online|e-learning|mooc/i, 'preferences.online'],
  [/employer/i, 'requirements.recognition'],
  [/pay\b|financ|cost/i, 'requirements.cost'],
  [/badge/i, 'expectations.portability'],
  [/perceived value/i, 'expectations.return'],
  [/\btime\b/i, 'balance.time'],
];

/** The code and example of a study whose title shows no code: said to be illustrative wherever it is shown. */
const ILLUSTRATIVE: { code: string; excerpt: string } = {
  code: 'ambitions.upskilling',
  excerpt: 'Participants wanted to update specific skills.',
};

/** The excerpt a title gives for a match: the part of the title (split at its colons) holding it. */
export function titleExcerpt(title: string, match: RegExp): string | null {
  const part = title.split(/:\s+/).find((p) => match.test(p));
  return part?.trim() || null;
}

/** The demo's coding of one title: real excerpts where the title shows a code, else the illustrative one. */
export function demoCodingOf(title: string): { code: string; excerpt: string; illustrative: boolean }[] {
  const found = CODE_HINTS.flatMap(([pattern, code]) => {
    const excerpt = titleExcerpt(title, pattern);
    return excerpt === null ? [] : [{ code, excerpt, illustrative: false }];
  });
  return found.length > 0 ? found : [{ ...ILLUSTRATIVE, illustrative: true }];
}
