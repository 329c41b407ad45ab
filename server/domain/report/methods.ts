import { appraisalMethods, appraised } from './appraisal';
import type { Stage } from '../screening/types';
import { count, fixed2, joinAnd, percent } from './format';
import type { Block, ReportInput, ScreeningStageFacts, Section } from './types';

/**
 * The Methods drafted in plain sentences from what the project recorded. A fact Sift does not
 * hold (why a source was chosen, who the reviewers were) is left for the authors to write.
 */
export function methodsSection(input: ReportInput): Section {
  const sections: Section[] = [];
  const criteria = input.screening.eligibilityCriteria.trim();
  if (criteria) {
    sections.push(
      section('eligibility-criteria', 'Eligibility criteria', [
        paragraph(
          'Records were screened against these eligibility criteria, as reviewers were shown them while screening:',
        ),
        paragraph(criteria),
      ]),
    );
  }
  sections.push(informationSources(input), searchStrategy(input), deduplication(input), selection(input));
  sections.push(prioritisation(input));
  sections.push(dataCollection(input));
  if (input.coding.fields.length > 0) sections.push(dataItems(input));
  if (appraised(input.appraisal)) sections.push(appraisalMethods(input.appraisal));
  sections.push(synthesisMethods(input));
  return section('methods', 'Methods', [], sections);
}

export function section(id: string, title: string, blocks: Block[], sections: Section[] = []): Section {
  return { id, title, blocks, sections };
}

export function paragraph(text: string): Block {
  return { kind: 'paragraph', text };
}

const KIND_NAMES = { database: 'database', register: 'register', other: 'other method' } as const;

function informationSources(input: ReportInput): Section {
  const sources = input.sources;
  const dated = sources.filter((s) => s.searchDate);
  const blocks: Block[] = [
    paragraph(
      `${count(sources.length, 'source was', 'sources were')} searched or consulted: ` +
        `${joinAnd(sources.map((s) => `${s.name} (${KIND_NAMES[s.kind]}${s.searchDate ? `, searched on ${s.searchDate}` : ''})`))}.`,
    ),
    {
      kind: 'table',
      caption: 'Information sources',
      header: ['Source', 'Kind', 'Date of search', 'Records', 'File format'],
      rows: sources.map((s) => [
        s.name,
        KIND_NAMES[s.kind],
        s.searchDate ?? 'not recorded',
        String(s.n),
        s.format ?? '',
      ]),
    },
  ];
  if (dated.length < sources.length) {
    blocks.push({
      kind: 'note',
      text: `The date of the search was not recorded for ${count(sources.length - dated.length, 'source')}: the authors should add it.`,
    });
  }
  return section('information-sources', 'Information sources', blocks);
}

function searchStrategy(input: ReportInput): Section {
  const blocks: Block[] = [];
  const withString = input.sources.filter((s) => s.searchString?.trim());
  const groups = new Map<string, string[]>();
  for (const s of withString)
    groups.set(s.searchString!.trim(), [...(groups.get(s.searchString!.trim()) ?? []), s.name]);
  for (const [search, names] of groups) {
    blocks.push(paragraph(`Search string used in ${joinAnd(names)}:`), { kind: 'paragraph', text: search });
  }
  const without = input.sources.filter((s) => !s.searchString?.trim());
  if (without.length > 0) {
    blocks.push({
      kind: 'note',
      text: `No search string was recorded for ${joinAnd(without.map((s) => s.name))}; the authors should describe how these were searched, with any filters and limits.`,
    });
  }
  return section('search-strategy', 'Search strategy', blocks);
}

function deduplication(input: ReportInput): Section {
  const m = input.prisma.model;
  const d = input.dedup;
  const removed = (m.duplicates ?? 0) + (m.other_duplicates ?? 0);
  const sentences = [
    'Duplicate records were identified with Sift’s deduplication, which compares records that share a key (such as a DOI, a PMID or a normalised title) and weighs their titles, authors, year, venue and pages.',
    `Matches the rules judged certain were merged automatically (${count(d.mergedAutomatically, 'group')}); uncertain candidates are shown to a person` +
      (d.mergedByPerson + d.keptApart > 0
        ? `, who merged ${count(d.mergedByPerson, 'group')} and kept ${count(d.keptApart, 'group')} apart as different works.`
        : ', who had decided none of them at the time of drafting.'),
    `In all, ${count(removed, 'duplicate record was', 'duplicate records were')} removed; a removed record keeps its source, so each source’s count above includes its duplicates.`,
  ];
  if (d.awaitingReview > 0)
    sentences.push(
      `${count(d.awaitingReview, 'candidate group awaits', 'candidate groups await')} a person’s decision at the time of drafting.`,
    );
  return section('deduplication', 'Deduplication', [paragraph(sentences.join(' '))]);
}

const STAGE_TITLES: Record<Stage, string> = { title_abstract: 'title and abstract', full_text: 'full text' };

function selection(input: ReportInput): Section {
  const blocks: Block[] = [];
  for (const stage of ['title_abstract', 'full_text'] as const) {
    blocks.push(paragraph(stageSentences(stage, input.screening.stages[stage])));
  }
  return section('selection-process', 'Selection process', blocks);
}

function stageSentences(stage: Stage, facts: ScreeningStageFacts): string {
  const s = facts.settings;
  const what = stage === 'title_abstract' ? 'record' : 'report';
  const parts = [
    `At ${STAGE_TITLES[stage]} screening, each ${what} needed ${s.reviewersRequired === 2 ? 'the votes of two reviewers' : 'the vote of one reviewer'}; ${count(facts.reviewers, 'reviewer')} voted.`,
  ];
  if (s.blind)
    parts.push(
      s.unblinded
        ? 'Reviewers worked independently, blind to each other’s votes, until the project owner unblinded the stage.'
        : 'Reviewers worked independently, blind to each other’s votes.',
    );
  else parts.push('Reviewers could see each other’s votes.');
  if (stage === 'full_text' || s.reasonRequired)
    parts.push(`Every exclusion at this stage required a reason.`);
  if (s.reviewersRequired === 2)
    parts.push(
      `Where two votes disagreed, a project owner resolved the conflict with a final decision: ${count(facts.resolved, 'conflict was', 'conflicts were')} resolved` +
        (facts.conflicts > 0
          ? ` and ${count(facts.conflicts, 'remains', 'remain')} open at the time of drafting.`
          : '.'),
    );
  parts.push(agreementSentence(facts, what));
  return parts.join(' ');
}

function agreementSentence(facts: ScreeningStageFacts, what: string): string {
  const a = facts.agreement;
  if (a.n === 0 || a.percentAgreement === null)
    return `Agreement between reviewers could not be computed: no ${what} was voted on by two reviewers.`;
  const kappa =
    a.kappa === null
      ? `Cohen’s kappa was not estimable (${a.notEstimable.kappa ?? 'see the agreement page'})`
      : `Cohen’s kappa was ${fixed2(a.kappa)}` +
        (a.kappaCI95 ? ` (95% CI ${fixed2(a.kappaCI95[0])} to ${fixed2(a.kappaCI95[1])})` : '') +
        (a.interpretation ? `, ${a.interpretation} agreement on the Landis and Koch scale` : '');
  const votes = a.votes === 'first' ? 'first votes' : 'latest votes';
  return `On the ${count(a.n, what)} both reviewers voted on, their ${votes} (before any resolution) agreed on ${percent(a.percentAgreement)}; ${kappa}.`;
}

function prioritisation(input: ReportInput): Section {
  const p = input.prioritisation;
  if (!p.enabled)
    return section('prioritisation', 'Prioritisation and stopping', [
      paragraph(
        'Records were not ordered by a model: no screening prioritisation and no stopping rule were used.',
      ),
    ]);
  const model = p.model === 'lr' ? 'logistic regression' : 'naive Bayes';
  const sentences = [
    `Title and abstract screening was prioritised: records were shown in the order of a ${model} classifier over TF-IDF features, retrained on the settled decisions as screening went on${p.keywords.length ? `, and ordered by the keywords ${joinAnd(p.keywords.map((k) => `“${k}”`))} before the first inclusion and exclusion` : ''}.`,
  ];
  if (p.stopping)
    sentences.push(
      `At the time of drafting, ${p.stopping.screened} of ${count(p.stopping.totalRecords, 'record')} had a settled outcome, ${p.stopping.relevantFound} of them included.`,
    );
  return section('prioritisation', 'Prioritisation and stopping', [
    paragraph(sentences.join(' ')),
    {
      kind: 'note',
      text: 'If screening stopped before every record was screened, the authors should state the stopping rule applied and when it was met.',
    },
  ]);
}

function dataCollection(input: ReportInput): Section {
  const c = input.coding;
  const blocks: Block[] = [];
  const form = c.fields.length
    ? `Data were extracted on a form of ${count(c.fields.length, 'field')} (listed under Data items) and coded with a codebook of ${count(input.synthesis.codes.length, 'code')}.`
    : `Studies were coded with a codebook of ${count(input.synthesis.codes.length, 'code')}; no extraction form was defined.`;
  const who =
    c.codersRequired === 2
      ? `Each study was to be coded by two coders${c.blind ? ' working blind to each other until both had finished it' : ''}; the project owner then reconciled their work into the consensus coding that the synthesis counts.`
      : 'Each study was coded by one coder; the synthesis counts that coding.';
  blocks.push(paragraph(`${form} ${who} ${count(c.coders, 'coder')} coded at least one study.`));
  const tables = c.agreement.filter((t) => t.studies > 0 && t.kappa !== null);
  if (c.agreement.some((t) => t.studies > 0)) {
    const shared = Math.max(...c.agreement.map((t) => t.studies));
    blocks.push(
      paragraph(
        `Agreement between coders was computed per code over the ${count(shared, 'study', 'studies')} both coders finished (presence of the code; observed agreement and Cohen’s kappa). ` +
          (tables.length
            ? `Kappa was estimable for ${count(tables.length, 'code')}.`
            : 'Kappa was estimable for no code (each code was present for both coders on every study, or on none).'),
      ),
      {
        kind: 'table',
        caption: 'Agreement between coders per code',
        header: [
          'Code',
          'Coders',
          'Studies',
          'Both',
          'Only first',
          'Only second',
          'Observed agreement',
          'Kappa',
        ],
        rows: c.agreement
          .filter((t) => t.studies > 0 && t.both + t.onlyFirst + t.onlySecond > 0)
          .map((t) => [
            t.code,
            t.coders.join(' / '),
            String(t.studies),
            String(t.both),
            String(t.onlyFirst),
            String(t.onlySecond),
            t.observedAgreement === null ? '–' : percent(t.observedAgreement, true),
            t.kappa === null ? 'not estimable' : fixed2(t.kappa),
          ]),
      },
    );
  } else {
    blocks.push(
      paragraph('No study was finished by two coders, so agreement between coders was not computed.'),
    );
  }
  return section('data-collection', 'Data collection process', blocks);
}

function dataItems(input: ReportInput): Section {
  return section('data-items', 'Data items', [
    paragraph('The extraction form collected these items for each included study:'),
    {
      kind: 'table',
      caption: 'Extraction form',
      header: ['Item', 'Key', 'Kind', 'Values offered'],
      rows: input.coding.fields.map((f) => [f.label, f.key, f.kind, f.options.join('; ')]),
    },
    {
      kind: 'note',
      text: 'The authors should define each item and the outcomes for which data were sought.',
    },
  ]);
}

function synthesisMethods(input: ReportInput): Section {
  const themes = input.synthesis.themes.length;
  const codes = input.synthesis.codes.length;
  return section('synthesis-methods', 'Synthesis methods', [
    paragraph(
      `The findings were synthesised thematically. The codebook grouped ${count(codes, 'code')} under ${count(themes, 'theme')}; a study counts for a theme when it was coded with the theme or any code beneath it. ` +
        'For each theme the review tabulates how many included studies support it, how often themes occur together in the same study, how themes are distributed by year and by the characteristics extracted, and the coded excerpts that support it (the evidence tables). ' +
        'The team wrote a narrative summary of each theme from its evidence.',
    ),
  ]);
}
