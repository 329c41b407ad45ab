import type { RecordDetail } from '../../api/projects';
import type { ReportBlock, ReportSection, ReportStyleName } from '../../api/report';
import type { AppraisalFacts } from './appraisal';
import type { CodePairTable } from '../coding/dual-coding';
import type { SynthesisReport } from '../coding/report';
import type { SynthesisStudy } from '../coding/synthesis';
import type { PrismaResult, SourceCount } from '../prisma/types';
import type { StageAgreement } from '../screening/stage-agreement';
import type { StageSettings } from '../screening/settings';
import type { Stage } from '../screening/types';

/**
 * What the report is drafted from: plain data a service loads, every number already computed by
 * the functions that compute it elsewhere (the PRISMA diagram, the agreement statistics, the
 * synthesis), never counted again here.
 */
export interface ReportInput {
  project: { name: string; description: string | null };
  /** When the draft was made (passed in: the domain reads no clock). */
  draftedAt: Date;
  /** The PRISMA 2020 diagram, as computePrisma made it for the diagram page. */
  prisma: PrismaResult;
  /** The sources as the diagram's input counts them, with what was recorded about each search. */
  sources: (SourceCount & {
    searchDate: string | null;
    searchString: string | null;
    format: string | null;
  })[];
  dedup: DedupFacts;
  screening: {
    eligibilityCriteria: string;
    stages: Record<Stage, ScreeningStageFacts>;
  };
  prioritisation: PrioritisationFacts;
  coding: CodingFacts;
  /** The appraisal (risk of bias), when the project appraises its studies. */
  appraisal: AppraisalFacts | null;
  synthesis: SynthesisReport;
  /** The included studies as the synthesis counts them, with their extracted characteristics. */
  studies: SynthesisStudy[];
  /** Every record the report names (excluded reports, included studies), by id. */
  records: ReadonlyMap<number, CitableRecord>;
}

export interface DedupFacts {
  /** Clusters merged by the automatic rules and still merged. */
  mergedAutomatically: number;
  /** Clusters merged by a person (after review). */
  mergedByPerson: number;
  /** Candidate clusters a person judged not to be duplicates. */
  keptApart: number;
  /** Candidate clusters still waiting for a person. */
  awaitingReview: number;
}

export interface ScreeningStageFacts {
  settings: StageSettings;
  /** People who voted at the stage. */
  reviewers: number;
  /** Records where votes disagreed: resolved by an owner, and still open. */
  resolved: number;
  conflicts: number;
  agreement: StageAgreement;
}

export interface PrioritisationFacts {
  enabled: boolean;
  model: 'nb' | 'lr';
  keywords: string[];
  /** The stopping panel's figures when prioritisation is on. */
  stopping: { screened: number; totalRecords: number; relevantFound: number } | null;
}

export interface CodingFacts {
  codersRequired: 1 | 2;
  blind: boolean;
  fields: { key: string; label: string; kind: string; options: string[] }[];
  /** Coders who worked on at least one study. */
  coders: number;
  agreement: CodePairTable[];
}

/** What a reference is drafted from: a record's bibliographic fields (as GET …/records/:id names them). */
export type CitableRecord = Pick<
  RecordDetail,
  'id' | 'type' | 'title' | 'authors' | 'year' | 'journal' | 'volume' | 'issue' | 'pages' | 'doi' | 'url'
>;

/** The citation styles offered (the CSL styles @citation-js/plugin-csl ships). */
export const REPORT_STYLES = ['apa', 'vancouver', 'harvard'] as const satisfies readonly ReportStyleName[];
export type ReportStyle = (typeof REPORT_STYLES)[number];

export type Block = ReportBlock;
export type Section = ReportSection;

export interface ReportDocument {
  title: string;
  /** The review question, as the project describes it. */
  question: string | null;
  draftedAt: Date;
  style: ReportStyle;
  sections: Section[];
}
