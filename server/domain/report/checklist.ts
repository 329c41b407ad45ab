import type { ReportDocument, Section } from './types';

/**
 * The PRISMA 2020 checklist (Page et al., BMJ 2021;372:n71): 27 items, several with sub-items,
 * paraphrased. `sections` names where Sift drafts an item, when it does; an item whose section
 * the report lacks, or that names none, is left to the authors.
 */
export interface ChecklistItem {
  /** "1", "10a", … */
  item: string;
  /** The checklist's section: Title, Abstract, Introduction, Methods, Results, Discussion, Other information. */
  part: string;
  topic: string;
  text: string;
  /** Report sections (ids) that draft the item, in the order they are read. */
  sections: readonly string[];
}

export const PRISMA_2020_ITEMS: readonly ChecklistItem[] = [
  {
    item: '1',
    part: 'Title',
    topic: 'Title',
    text: 'Say in the title that the report is a systematic review.',
    sections: [],
  },
  {
    item: '2',
    part: 'Abstract',
    topic: 'Abstract',
    text: 'Give a structured abstract (see the PRISMA 2020 for Abstracts checklist).',
    sections: [],
  },
  {
    item: '3',
    part: 'Introduction',
    topic: 'Rationale',
    text: 'Explain why the review is needed, given what is already known.',
    sections: [],
  },
  {
    item: '4',
    part: 'Introduction',
    topic: 'Objectives',
    text: 'State the objectives or questions the review addresses.',
    sections: ['objectives'],
  },
  {
    item: '5',
    part: 'Methods',
    topic: 'Eligibility criteria',
    text: 'Give the inclusion and exclusion criteria and how studies were grouped for the syntheses.',
    sections: ['eligibility-criteria'],
  },
  {
    item: '6',
    part: 'Methods',
    topic: 'Information sources',
    text: 'Name every database, register, website, organisation, reference list and other source searched or consulted, with the date each was last searched.',
    sections: ['information-sources'],
  },
  {
    item: '7',
    part: 'Methods',
    topic: 'Search strategy',
    text: 'Give the full search strategies for all databases, registers and websites, with any filters and limits.',
    sections: ['search-strategy'],
  },
  {
    item: '8',
    part: 'Methods',
    topic: 'Selection process',
    text: 'Describe how studies were selected: how many reviewers screened each record and report, whether independently, and any automation tools.',
    sections: ['deduplication', 'selection-process', 'prioritisation'],
  },
  {
    item: '9',
    part: 'Methods',
    topic: 'Data collection process',
    text: 'Describe how data were collected from reports: how many reviewers, whether independently, how data were confirmed, and any automation tools.',
    sections: ['data-collection'],
  },
  {
    item: '10a',
    part: 'Methods',
    topic: 'Data items',
    text: 'List and define the outcomes for which data were sought, and which results were sought for each.',
    sections: [],
  },
  {
    item: '10b',
    part: 'Methods',
    topic: 'Data items',
    text: 'List and define the other variables sought (participants, interventions, funding), with any assumptions about missing information.',
    sections: ['data-items'],
  },
  {
    item: '11',
    part: 'Methods',
    topic: 'Study risk of bias assessment',
    text: 'Describe how risk of bias in the included studies was assessed: tool, reviewers, independence.',
    sections: ['risk-of-bias-assessment'],
  },
  {
    item: '12',
    part: 'Methods',
    topic: 'Effect measures',
    text: 'Give the effect measures used for each outcome in the synthesis or presentation of results.',
    sections: [],
  },
  {
    item: '13a',
    part: 'Methods',
    topic: 'Synthesis methods',
    text: 'Describe how studies were chosen for each synthesis.',
    sections: [],
  },
  {
    item: '13b',
    part: 'Methods',
    topic: 'Synthesis methods',
    text: 'Describe how data were prepared for presentation or synthesis (missing statistics, conversions).',
    sections: [],
  },
  {
    item: '13c',
    part: 'Methods',
    topic: 'Synthesis methods',
    text: 'Describe how results of individual studies and syntheses were tabulated or displayed.',
    sections: ['synthesis-methods'],
  },
  {
    item: '13d',
    part: 'Methods',
    topic: 'Synthesis methods',
    text: 'Describe the methods used to synthesise results and why they were chosen.',
    sections: ['synthesis-methods'],
  },
  {
    item: '13e',
    part: 'Methods',
    topic: 'Synthesis methods',
    text: 'Describe any methods used to explore heterogeneity among study results.',
    sections: [],
  },
  {
    item: '13f',
    part: 'Methods',
    topic: 'Synthesis methods',
    text: 'Describe any sensitivity analyses that tested the robustness of the synthesised results.',
    sections: [],
  },
  {
    item: '14',
    part: 'Methods',
    topic: 'Reporting bias assessment',
    text: 'Describe how the risk of bias from missing results (reporting biases) was assessed.',
    sections: [],
  },
  {
    item: '15',
    part: 'Methods',
    topic: 'Certainty assessment',
    text: 'Describe how certainty (confidence) in the body of evidence was assessed.',
    sections: [],
  },
  {
    item: '16a',
    part: 'Results',
    topic: 'Study selection',
    text: 'Report the results of the search and selection, from records identified to studies included, ideally with a flow diagram.',
    sections: ['study-selection'],
  },
  {
    item: '16b',
    part: 'Results',
    topic: 'Study selection',
    text: 'Cite studies that seem to meet the criteria but were excluded, and say why.',
    sections: ['excluded-reports'],
  },
  {
    item: '17',
    part: 'Results',
    topic: 'Study characteristics',
    text: 'Cite each included study and give its characteristics.',
    sections: ['study-characteristics', 'references'],
  },
  {
    item: '18',
    part: 'Results',
    topic: 'Risk of bias in studies',
    text: 'Give the assessment of risk of bias for each included study.',
    sections: ['risk-of-bias-in-studies'],
  },
  {
    item: '19',
    part: 'Results',
    topic: 'Results of individual studies',
    text: 'For every outcome, give each study’s results (summary statistics, effect estimates and their precision), ideally in tables or plots.',
    sections: ['themes'],
  },
  {
    item: '20a',
    part: 'Results',
    topic: 'Results of syntheses',
    text: 'For each synthesis, summarise the characteristics and risk of bias of the contributing studies.',
    sections: ['theme-frequencies', 'cross-tabulations'],
  },
  {
    item: '20b',
    part: 'Results',
    topic: 'Results of syntheses',
    text: 'Give the results of every statistical synthesis, with precision and heterogeneity measures.',
    sections: [],
  },
  {
    item: '20c',
    part: 'Results',
    topic: 'Results of syntheses',
    text: 'Give the results of any investigation of possible causes of heterogeneity.',
    sections: [],
  },
  {
    item: '20d',
    part: 'Results',
    topic: 'Results of syntheses',
    text: 'Give the results of any sensitivity analyses.',
    sections: [],
  },
  {
    item: '21',
    part: 'Results',
    topic: 'Reporting biases',
    text: 'Give the assessment of risk of bias from missing results for each synthesis.',
    sections: [],
  },
  {
    item: '22',
    part: 'Results',
    topic: 'Certainty of evidence',
    text: 'Give the certainty (confidence) in the body of evidence for each outcome.',
    sections: [],
  },
  {
    item: '23a',
    part: 'Discussion',
    topic: 'Discussion',
    text: 'Interpret the results in the context of other evidence.',
    sections: [],
  },
  {
    item: '23b',
    part: 'Discussion',
    topic: 'Discussion',
    text: 'Discuss the limitations of the evidence included.',
    sections: [],
  },
  {
    item: '23c',
    part: 'Discussion',
    topic: 'Discussion',
    text: 'Discuss the limitations of the review processes.',
    sections: [],
  },
  {
    item: '23d',
    part: 'Discussion',
    topic: 'Discussion',
    text: 'Discuss implications for practice, policy and future research.',
    sections: [],
  },
  {
    item: '24a',
    part: 'Other information',
    topic: 'Registration and protocol',
    text: 'Give registration details (register and number), or say the review was not registered.',
    sections: [],
  },
  {
    item: '24b',
    part: 'Other information',
    topic: 'Registration and protocol',
    text: 'Say where the protocol can be read, or that none was prepared.',
    sections: [],
  },
  {
    item: '24c',
    part: 'Other information',
    topic: 'Registration and protocol',
    text: 'Describe and explain any amendments to the registration or protocol.',
    sections: [],
  },
  {
    item: '25',
    part: 'Other information',
    topic: 'Support',
    text: 'Describe financial and non-financial support and the role of funders or sponsors.',
    sections: [],
  },
  {
    item: '26',
    part: 'Other information',
    topic: 'Competing interests',
    text: 'Declare the review authors’ competing interests.',
    sections: [],
  },
  {
    item: '27',
    part: 'Other information',
    topic: 'Availability of data, code and other materials',
    text: 'Say what is publicly available and where: data collection forms, extracted data, analysis data and code, other materials.',
    sections: [],
  },
];

export const TO_BE_COMPLETED = 'to be completed by the authors';

/** A checklist item with where the report drafts it (empty: left to the authors). */
export interface ChecklistEntry extends Omit<ChecklistItem, 'sections'> {
  location: { id: string; title: string }[];
}

/** The checklist against one drafted report: each item's sections that the report holds. */
export function fillChecklist(doc: Pick<ReportDocument, 'sections'>): ChecklistEntry[] {
  const titles = new Map<string, string>();
  const walk = (sections: readonly Section[], path: string[]) => {
    for (const s of sections) {
      titles.set(s.id, [...path, s.title].join(' › '));
      walk(s.sections, [...path, s.title]);
    }
  };
  walk(doc.sections, []);
  return PRISMA_2020_ITEMS.map(({ sections, ...item }) => ({
    ...item,
    location: sections.filter((id) => titles.has(id)).map((id) => ({ id, title: titles.get(id)! })),
  }));
}

/** The location column as text: the sections' titles, or that the authors complete it. */
export function locationText(entry: ChecklistEntry): string {
  return entry.location.length ? entry.location.map((l) => l.title).join('; ') : TO_BE_COMPLETED;
}

/** The checklist as rows (header first): what the CSV, the tables and the DOCX print. */
export function checklistRows(entries: readonly ChecklistEntry[]): string[][] {
  return [
    ['Section', 'Topic', 'Item', 'Checklist item', 'Location where reported'],
    ...entries.map((e) => [e.part, e.topic, e.item, e.text, locationText(e)]),
  ];
}
