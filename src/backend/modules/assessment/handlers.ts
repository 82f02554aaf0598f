import { IsNull, type EntityManager } from 'typeorm';
import type { assessmentMethods } from '../../../contract/methods/assessment';
import { RpcError } from '../../../contract/rpc';
import type { SyncTx } from '../../db/sync-tx';
import type { HandlerContext, Session } from '../../rpc/router';
import { actorOf, type HandlersFor, type ModuleDeps } from '../module';
import {
  acceptEvidenceOffers,
  approveAssessment,
  assessmentDto,
  createAssessment,
  evidenceOffers,
  listAssessments,
  removeAssessment,
  reopenAssessment,
  updateAssessment,
} from './assessment.service';
import { actorFor, findAssessmentRow, loadWorkspace, type Actor, type Workspace } from './context';
import {
  getCouncil,
  listAssignments,
  memberDtos,
  removeGroup,
  removeMember,
  saveGroup,
  saveMember,
  setAssignments,
} from './council.service';
import { buildEditor, confirmCarried, listCriteria, restoreVersion, saveRequirement } from './criterion.service';
import {
  CouncilMemberEntity,
  ImprovementIssueEntity,
  ImprovementItemEntity,
  ImprovementMonitoringEntity,
  PlanTaskEntity,
  WorkingGroupEntity,
} from './entities';
import { localToday } from './evidence-access';
import {
  getImprovement,
  issueDto,
  itemDtos,
  monitoringDto,
  pullIssues,
  removeIssue,
  removeItem,
  removeMonitoring,
  saveIssue,
  saveItem,
  saveMonitoring,
} from './improvement.service';
import { levelsView, loadData, readinessOf, statusOf, whatIfFor } from './levels.service';
import { addDefaultTasks, getPlan, myWork, removeTask, saveTask, taskDto } from './plan.service';
import {
  addComment,
  commentDto,
  eventDto,
  findComment,
  listComments,
  listEvents,
  resolveComment,
  transition,
} from './review.service';
import { getSchoolData, setSchoolData } from './school-data.service';
import { listSummaries, saveSummary } from './summary.service';
import { findVersion, history, versionDetail } from './versions';

/**
 * RPC handlers of the self-assessment workspace. Rules live in the services (and the pure ones
 * in src/core/assessment); handlers find the assessment, the caller's seat in its council, and
 * run writes through the write queue.
 */
export function assessmentHandlers(deps: ModuleDeps): HandlersFor<typeof assessmentMethods> {
  const { ds, writes, frameworks, resourcesDir } = deps;
  const m = ds.manager;

  /** Read: the workspace and the caller as seen by the reader connection. */
  const read = async (id: string, session: Session | null): Promise<{ ws: Workspace; actor: Actor }> => {
    const ws = await loadWorkspace(m, frameworks, id);
    return { ws, actor: await actorFor(m, session, ws.row.id) };
  };

  /** Write: the same, inside one transaction of the write queue. */
  const write = <T>(
    ctx: HandlerContext,
    assessmentId: string | ((em: EntityManager) => Promise<string>),
    work: (tx: SyncTx, ws: Workspace, actor: Actor) => Promise<T>,
  ): Promise<T> =>
    writes.run(actorOf(ctx.conn), async (tx) => {
      const id = typeof assessmentId === 'string' ? assessmentId : await assessmentId(tx.manager);
      const ws = await loadWorkspace(tx.manager, frameworks, id);
      return work(tx, ws, await actorFor(tx.manager, ctx.session, ws.row.id));
    });

  /** The assessment a row belongs to (rows found by their own id). */
  const owner =
    (entity: Parameters<EntityManager['getRepository']>[0], what: string, id: string) =>
    async (em: EntityManager): Promise<string> => {
      const row = (await em.getRepository(entity).findOneBy({ id, deletedAt: IsNull() })) as { assessmentId: string } | null;
      if (!row) throw new RpcError('NOT_FOUND', `Không tìm thấy ${what}.`);
      return row.assessmentId;
    };

  const ok = { ok: true as const };

  return {
    // --- Assessment years ------------------------------------------------------------------
    'assessment.list': async () => listAssessments(m, frameworks),
    'assessment.get': async ({ id }) => assessmentDto(m, frameworks, await findAssessmentRow(m, id)),
    'assessment.create': async (input, ctx) =>
      writes.run(actorOf(ctx.conn), async (tx) => {
        const actor = await actorFor(tx.manager, ctx.session, null);
        const { row, carried } = await createAssessment(tx, frameworks, input, actor);
        return { assessment: await assessmentDto(tx.manager, frameworks, row), carried };
      }),
    'assessment.update': async (input, ctx) =>
      writes.run(actorOf(ctx.conn), async (tx) =>
        assessmentDto(tx.manager, frameworks, await updateAssessment(tx, frameworks, input)),
      ),
    'assessment.remove': async ({ id }, ctx) => {
      await writes.run(actorOf(ctx.conn), (tx) => removeAssessment(tx, id));
      return ok;
    },
    'assessment.levels': async ({ id }) => {
      const ws = await loadWorkspace(m, frameworks, id);
      return levelsView(ws, await loadData(m, ws));
    },
    'assessment.whatIf': async ({ id, changes }) => {
      const ws = await loadWorkspace(m, frameworks, id);
      try {
        return whatIfFor(ws, await loadData(m, ws), changes);
      } catch (err) {
        throw new RpcError('VALIDATION', (err as Error).message);
      }
    },
    'assessment.readiness': async ({ id }) => readinessOf(m, await loadWorkspace(m, frameworks, id)),
    'assessment.status': async ({ id }) => {
      const ws = await loadWorkspace(m, frameworks, id);
      return statusOf(m, ws, await assessmentDto(m, frameworks, ws.row));
    },
    'assessment.approve': async ({ id, expectedRev }, ctx) =>
      write(ctx, id, async (tx, ws, actor) =>
        assessmentDto(tx.manager, frameworks, await approveAssessment(tx, ws, actor, expectedRev)),
      ),
    'assessment.reopen': async ({ id, reason }, ctx) =>
      write(ctx, id, async (tx, ws, actor) =>
        assessmentDto(tx.manager, frameworks, await reopenAssessment(tx, ws, actor, reason)),
      ),
    'assessment.evidenceOffers': async ({ id }) => evidenceOffers(m, await loadWorkspace(m, frameworks, id)),
    'assessment.acceptEvidenceOffers': async ({ id, items }, ctx) =>
      write(ctx, id, (tx, ws) => acceptEvidenceOffers(tx, ws, resourcesDir, items)),
    'assessment.myWork': async ({ assessmentId }, { session }) => {
      const actor = await actorFor(m, session, null);
      return myWork(m, frameworks, actor, assessmentId);
    },

    // --- Council, groups, assignments ------------------------------------------------------
    'council.get': async ({ assessmentId }, { session }) => {
      const { ws, actor } = await read(assessmentId, session);
      return getCouncil(m, ws, actor);
    },
    'council.saveMember': async (input, ctx) =>
      write(ctx, input.assessmentId, async (tx, ws, actor) => {
        const row = await saveMember(tx, ws, actor, input);
        return (await memberDtos(tx.manager, [row]))[0]!;
      }),
    'council.removeMember': async ({ id }, ctx) => {
      await write(ctx, owner(CouncilMemberEntity, 'thành viên hội đồng', id), (tx, ws, actor) => removeMember(tx, ws, actor, id));
      return ok;
    },
    'council.saveGroup': async (input, ctx) => write(ctx, input.assessmentId, (tx, ws, actor) => saveGroup(tx, ws, actor, input)),
    'council.removeGroup': async ({ id }, ctx) => {
      await write(ctx, owner(WorkingGroupEntity, 'nhóm công tác', id), (tx, ws, actor) => removeGroup(tx, ws, actor, id));
      return ok;
    },
    'assignment.list': async ({ assessmentId }) => listAssignments(m, await loadWorkspace(m, frameworks, assessmentId)),
    'assignment.set': async (input, ctx) =>
      write(ctx, input.assessmentId, async (tx, ws, actor) => {
        await setAssignments(tx, ws, actor, input);
        return listAssignments(tx.manager, ws);
      }),

    // --- Plan ------------------------------------------------------------------------------
    'plan.get': async ({ assessmentId }, { session }) => {
      const { ws, actor } = await read(assessmentId, session);
      return getPlan(m, ws, actor);
    },
    'plan.saveTask': async (input, ctx) =>
      write(ctx, input.assessmentId, async (tx, ws, actor) => taskDto(await saveTask(tx, ws, actor, input), localToday())),
    'plan.removeTask': async ({ id }, ctx) => {
      await write(ctx, owner(PlanTaskEntity, 'nhiệm vụ', id), (tx, ws, actor) => removeTask(tx, ws, actor, id));
      return ok;
    },
    'plan.addDefaultTasks': async ({ assessmentId }, ctx) =>
      write(ctx, assessmentId, async (tx, ws, actor) => {
        await addDefaultTasks(tx, ws, actor);
        return getPlan(tx.manager, ws, actor);
      }),

    // --- Criterion editor ------------------------------------------------------------------
    'criterion.list': async ({ assessmentId }, { session }) => {
      const { ws, actor } = await read(assessmentId, session);
      return listCriteria(m, ws, actor);
    },
    'criterion.get': async ({ assessmentId, criterionCode }, { session }) => {
      const { ws, actor } = await read(assessmentId, session);
      return buildEditor(m, ws, criterionCode, actor);
    },
    'criterion.saveRequirement': async (input, ctx) =>
      write(ctx, input.assessmentId, async (tx, ws, actor) => {
        await saveRequirement(tx, ws, actor, input, resourcesDir);
        return buildEditor(tx.manager, ws, input.criterionCode, actor);
      }),
    'criterion.confirm': async (input, ctx) =>
      write(ctx, input.assessmentId, async (tx, ws, actor) => {
        const result = await confirmCarried(tx, ws, actor, input);
        return { ...result, editor: await buildEditor(tx.manager, ws, input.criterionCode, actor) };
      }),
    'criterion.history': async ({ assessmentId, criterionCode }) => {
      await loadWorkspace(m, frameworks, assessmentId);
      return history(m, assessmentId, criterionCode);
    },
    'criterion.version': async ({ versionId }) => versionDetail(await findVersion(m, versionId)),
    'criterion.restore': async ({ versionId }, ctx) =>
      write(
        ctx,
        async (em) => (await findVersion(em, versionId)).assessmentId,
        async (tx, ws, actor) => {
          const { criterionCode, downgraded } = await restoreVersion(tx, ws, actor, versionId);
          return { editor: await buildEditor(tx.manager, ws, criterionCode, actor), downgraded };
        },
      ),

    // --- Review ----------------------------------------------------------------------------
    'review.transition': async (input, ctx) =>
      write(ctx, input.assessmentId, async (tx, ws, actor) => {
        const { state, event } = await transition(tx, ws, actor, input);
        return {
          reviewState: state,
          event: eventDto(event),
          editor: await buildEditor(tx.manager, ws, input.criterionCode, actor),
        };
      }),
    'review.events': async ({ assessmentId, criterionCode }) => {
      await loadWorkspace(m, frameworks, assessmentId);
      return listEvents(m, assessmentId, criterionCode);
    },
    'review.comments': async ({ assessmentId, criterionCode, includeResolved }) => {
      await loadWorkspace(m, frameworks, assessmentId);
      return listComments(m, assessmentId, criterionCode, includeResolved);
    },
    'review.addComment': async (input, ctx) =>
      write(ctx, input.assessmentId, async (tx, ws, actor) => commentDto(await addComment(tx, ws, actor, input))),
    'review.resolveComment': async ({ id, resolved }, ctx) =>
      write(
        ctx,
        async (em) => (await findComment(em, id)).assessmentId,
        async (tx, ws, actor) => commentDto(await resolveComment(tx, ws, actor, await findComment(tx.manager, id), resolved)),
      ),

    // --- Summaries -------------------------------------------------------------------------
    'summary.list': async ({ assessmentId }, { session }) => {
      const { ws, actor } = await read(assessmentId, session);
      return listSummaries(m, frameworks, ws, actor);
    },
    'summary.save': async (input, ctx) =>
      write(ctx, input.assessmentId, async (tx, ws, actor) => {
        await saveSummary(tx, ws, actor, input);
        const all = await listSummaries(tx.manager, frameworks, ws, actor);
        return all.items.find((s) => s.scopeCode === input.scopeCode)!;
      }),

    // --- Improvement plan ------------------------------------------------------------------
    'improvement.get': async ({ assessmentId }, { session }) => {
      const { ws, actor } = await read(assessmentId, session);
      return getImprovement(m, frameworks, ws, actor);
    },
    'improvement.pullIssues': async ({ assessmentId }, ctx) =>
      write(ctx, assessmentId, async (tx, ws, actor) => (await pullIssues(tx, ws, actor)).map(issueDto)),
    'improvement.saveIssue': async (input, ctx) =>
      write(ctx, input.assessmentId, async (tx, ws, actor) => issueDto(await saveIssue(tx, ws, actor, input))),
    'improvement.removeIssue': async ({ id }, ctx) => {
      await write(ctx, owner(ImprovementIssueEntity, 'vấn đề cải tiến', id), (tx, ws, actor) => removeIssue(tx, ws, actor, id));
      return ok;
    },
    'improvement.saveItem': async (input, ctx) =>
      write(
        ctx,
        input.assessmentId,
        async (tx, ws, actor) => (await itemDtos(tx.manager, ws, [await saveItem(tx, ws, actor, input)]))[0]!,
      ),
    'improvement.removeItem': async ({ id }, ctx) => {
      await write(ctx, owner(ImprovementItemEntity, 'nội dung kế hoạch cải tiến', id), (tx, ws, actor) =>
        removeItem(tx, ws, actor, id),
      );
      return ok;
    },
    'improvement.saveMonitoring': async (input, ctx) =>
      write(ctx, input.assessmentId, async (tx, ws, actor) => monitoringDto(await saveMonitoring(tx, ws, actor, input))),
    'improvement.removeMonitoring': async ({ id }, ctx) => {
      await write(ctx, owner(ImprovementMonitoringEntity, 'kết quả theo dõi', id), (tx, ws, actor) =>
        removeMonitoring(tx, ws, actor, id),
      );
      return ok;
    },

    // --- Data annex ------------------------------------------------------------------------
    'schoolData.get': async ({ assessmentId }, { session }) => {
      const { ws, actor } = await read(assessmentId, session);
      return getSchoolData(m, ws, actor);
    },
    'schoolData.set': async ({ assessmentId, schoolYear, values }, ctx) =>
      write(ctx, assessmentId, async (tx, ws, actor) => {
        await setSchoolData(tx, ws, actor, schoolYear, values);
        return getSchoolData(tx.manager, ws, actor);
      }),
  };
}
