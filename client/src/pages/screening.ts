import type {
  DecisionResponse,
  MineResponse,
  Progress,
  QueueResponse,
  ReportListResponse,
  Stage,
  VoteDecision,
} from '../../../server/api/types';
import { api, ApiError, optional } from '../api';
import { blindedNotice, unlessBlinded } from '../blind';
import { h, mount } from '../dom';
import { frame } from '../layout';
import { loadProject } from '../project';
import { isStage, STAGE_LABEL } from '../records';
import { signInThenReturn } from '../router';
import { listenForShortcuts } from '../screening/keyboard';
import type { KeyCommand } from '../screening/keys';
import { DECISION_LABEL } from '../screening/record-view';
import {
  advanced,
  atLastItem,
  currentItem,
  decided,
  moved,
  needsTopUp,
  startSession,
  takeUndo,
  toppedUp,
  undone,
  withDraftNote,
  withRemaining,
  type ScreeningSession,
} from '../screening/session';
import { screeningView } from '../screening/view';

/**
 * One record at a time, driven by the keyboard. The list holds the reviewer's own votes
 * (oldest first, so ← walks back through them) followed by their queue; votes can be changed
 * until the record is resolved. The state lives in screening/session.ts and the DOM in
 * screening/view.ts; this page talks to the server and moves the session on.
 */
export async function screeningPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const stage: Stage = isStage(params.stage) ? params.stage : 'title_abstract';
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}/screening/${stage}`;
  // Full text is closed to a reviewer while title/abstract is blind to them: say so in the page.
  const opened = await unlessBlinded(api.get<QueueResponse>(`${base}/queue?limit=30`));
  if (opened instanceof ApiError) {
    mount(content, h('h1', {}, `Screening: ${STAGE_LABEL[stage]}`), blindedNotice(opened));
    return;
  }
  const [first, mine, reports] = await Promise.all([
    Promise.resolve(opened),
    api.get<MineResponse>(`${base}/mine`),
    stage === 'full_text'
      ? optional(api.get<ReportListResponse>(`/api/projects/${projectId}/fulltext`))
      : Promise.resolve(null),
  ]);
  const settings = first;
  let session: ScreeningSession = startSession(mine.records, first);
  const view = screeningView(
    content,
    settings,
    {
      projectId,
      stage,
      keywords: settings.highlightKeywords,
      prioritised: settings.prioritised,
      fullTexts: new Map((reports?.reports ?? []).map((r) => [r.recordId, r])),
    },
    { decide: (decision) => void decide(decision), undo: () => void undo(), move: (step) => void move(step) },
  );
  const { status } = view;

  async function refreshProgress(): Promise<void> {
    const p = await api.get<Progress>(`${base}/progress`);
    session = withRemaining(session, p.me?.remaining);
    view.showProgress(p, session.remaining);
  }

  async function topUp(): Promise<void> {
    if (!needsTopUp(session)) return;
    session = toppedUp(session, await api.get<QueueResponse>(`${base}/queue?limit=30`));
  }

  /** Keeps the note typed on the record shown, before anything may show another record. */
  function keepNote(): void {
    session = withDraftNote(session, view.note.value);
  }

  async function decide(decision: VoteDecision): Promise<void> {
    const record = currentItem(session);
    if (!record) return;
    keepNote();
    const reason = decision === 'exclude' ? view.reason.chosen() : null;
    if (decision === 'exclude' && settings.reasonRequired && !reason) {
      // said beside the buttons; focus stays where it was, so 1–9 and E work straight away
      status.textContent = 'Choose an exclusion reason first (keys 1–9, or the list), then press E.';
      status.classList.add('error');
      return;
    }
    status.classList.remove('error');
    try {
      const result = await api.post<DecisionResponse>(`${base}/decisions`, {
        recordId: record.id,
        stage,
        decision,
        reason,
        note: view.note.value.trim() || null,
      });
      session = decided(session, record.id, result.vote);
      status.textContent = `${DECISION_LABEL[decision]}: ${record.title ?? `record ${record.id}`}`;
      await topUp();
      session = advanced(session);
      view.show(session);
      await refreshProgress();
    } catch (error) {
      fail(error);
    }
  }

  async function undo(): Promise<void> {
    keepNote();
    const taken = takeUndo(session);
    session = taken.session;
    const id = taken.recordId;
    if (id === undefined) {
      status.textContent = 'Nothing to undo.';
      return;
    }
    try {
      await api.delete(`${base}/decisions/${id}`);
      session = undone(session, id);
      status.textContent = `Undone: ${session.items.find((r) => r.id === id)?.title ?? `record ${id}`}`;
      view.show(session);
      await refreshProgress();
    } catch (error) {
      fail(error);
    }
  }

  async function move(step: -1 | 1): Promise<void> {
    keepNote();
    if (step > 0 && atLastItem(session)) await topUp();
    session = moved(session, step);
    view.show(session);
  }

  function fail(error: unknown): void {
    status.classList.add('error');
    status.textContent = error instanceof ApiError ? error.message : 'The decision was not saved.';
    if (error instanceof ApiError && error.status === 401) signInThenReturn();
  }

  /** Carries out a shortcut; false when it does not apply here (a reason number past the list). */
  function run(command: KeyCommand): boolean {
    switch (command.kind) {
      case 'decide':
        void decide(command.decision);
        return true;
      case 'undo':
        void undo();
        return true;
      case 'note':
        view.note.focus();
        return true;
      case 'move':
        void move(command.step);
        return true;
      case 'help':
        view.help.toggle();
        return true;
      case 'reason': {
        const picked = view.reason.pick(command.n);
        if (picked !== undefined) {
          status.classList.remove('error');
          status.textContent = `Reason: ${picked}`;
        }
        return picked !== undefined;
      }
    }
  }

  listenForShortcuts(content, view.help.dialog, run, view.focusRecord);
  view.show(session);
  await refreshProgress();
}
