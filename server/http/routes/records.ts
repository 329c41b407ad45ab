import { Router } from 'express';
import { z } from 'zod';
import type * as Api from '../../api/types';
import type { AppContext } from '../../app';
import { recordTimeline } from '../../services/record-timeline';
import { recordDetail, recordList } from '../../services/records';
import { addRecordNote, labelRecord, unlabelRecord } from '../../services/labels';
import { currentActor, currentProject, requireProjectAction } from '../auth';
import { FilterQuery, filterFromQuery, ListQuery, sortFromQuery } from '../record-filter';
import { idParam } from './params';

const NoteBody = z.object({ text: z.string().min(1).max(5000) });

/**
 * The records workspace: the list (search, filters, sorting, paging), the record page and its
 * timeline, and what members write on records (labels, notes). What each caller may see is the
 * services' business (the visibility policy).
 */
export function recordRoutes(ctx: AppContext): Router {
  const router = Router();
  const base = '/projects/:projectId/records';

  router.get(base, requireProjectAction(ctx, 'read'), (req, res) => {
    const { projectId } = currentProject(req);
    const list = ListQuery.parse(req.query);
    const filter = filterFromQuery(FilterQuery.parse(req.query));
    const page = recordList(ctx.db, projectId, currentActor(req), {
      filter,
      sort: sortFromQuery(list),
      limit: list.limit,
      offset: list.offset,
      ...(list.cursor !== undefined ? { cursor: list.cursor } : {}),
    });
    res.json(page satisfies Api.RecordListResponse);
  });

  router.get(`${base}/:recordId`, requireProjectAction(ctx, 'read'), (req, res) => {
    const { projectId } = currentProject(req);
    const record = recordDetail(ctx.db, projectId, currentActor(req), idParam(req, 'recordId'));
    res.json({ record } satisfies { record: Api.RecordPageDetail });
  });

  router.get(`${base}/:recordId/timeline`, requireProjectAction(ctx, 'read'), (req, res) => {
    const { projectId } = currentProject(req);
    res.json(recordTimeline(ctx.db, projectId, currentActor(req), idParam(req, 'recordId')));
  });

  router.put(`${base}/:recordId/labels/:labelId`, requireProjectAction(ctx, 'annotate'), (req, res) => {
    const { projectId } = currentProject(req);
    const labels = labelRecord(ctx, projectId, currentActor(req), {
      recordId: idParam(req, 'recordId'),
      labelId: idParam(req, 'labelId'),
    });
    res.json({ labels });
  });

  router.delete(`${base}/:recordId/labels/:labelId`, requireProjectAction(ctx, 'annotate'), (req, res) => {
    const { projectId } = currentProject(req);
    const labels = unlabelRecord(ctx, projectId, currentActor(req), {
      recordId: idParam(req, 'recordId'),
      labelId: idParam(req, 'labelId'),
    });
    res.json({ labels });
  });

  router.post(`${base}/:recordId/notes`, requireProjectAction(ctx, 'annotate'), (req, res) => {
    const { projectId } = currentProject(req);
    const { text } = NoteBody.parse(req.body);
    const note = addRecordNote(ctx, projectId, currentActor(req), {
      recordId: idParam(req, 'recordId'),
      text,
    });
    res.status(201).json({ note } satisfies Api.NoteResponse);
  });

  return router;
}
