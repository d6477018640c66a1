import type { Decision } from '../../../shared/decisions.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertNamesOnlyPublic, type NamedItem } from '../publication/publication.policy.ts';
import {
  clearPublicationRequests,
  requestPublication,
} from '../publication/publication-requests.ts';
import { findDecisionRow, getDecision } from './decision.repository.ts';

/**
 * The caller's party asks to publish the version of a joint decision it read (manage-council;
 * VersionRequired, StaleVersion). A decision is both parties' own, so it becomes public, with
 * the parties' responses, only once every party has asked for the same version; until then
 * the answer shows who has asked. Publishing a public decision again changes nothing.
 * VisibilityTooWide while its meeting or what it approves is not public: the public would
 * read the name of something it may not see (publish that first).
 */
export async function publishDecision(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
): Promise<Decision> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at } = uow;
    const before = await findDecisionRow(trx, actor, id);
    if (before.visibility === 'public') return getDecision(trx, actor, id);
    assertCurrentVersion('decision', before.agreedVersion, version);
    assertNamesOnlyPublic('decision', await namedByDecision(trx, before));
    const { everyPartyAsked } = await requestPublication(uow, user, {
      entity: 'decision',
      id,
      version: before.agreedVersion,
      scope: before,
    });
    if (everyPartyAsked) {
      const after = { ...before, visibility: 'public' as const, updatedAt: at };
      await trx
        .updateTable('decisions')
        .set({ visibility: 'public', updatedAt: at })
        .where('id', '=', id)
        .execute();
      await trx
        .updateTable('decisionResponses')
        .set({ visibility: 'public' })
        .where('decisionId', '=', id)
        .execute();
      await clearPublicationRequests(uow, 'decision', id);
      uow.record({ entity: 'decision', id, action: 'publish', before, after });
    }
    return getDecision(trx, actor, id);
  });
}

/** What a public decision shows the public: its meeting and what it approves. */
async function namedByDecision(trx: Executor, decision: Row<'decisions'>): Promise<NamedItem[]> {
  const named: NamedItem[] = [];
  if (decision.meetingId !== null) {
    const meeting = await trx
      .selectFrom('meetings')
      .select(['visibility', 'party'])
      .where('id', '=', decision.meetingId)
      .executeTakeFirst();
    if (meeting)
      named.push({ field: 'meetingId', what: `meeting ${decision.meetingId}`, item: meeting });
  }
  if (decision.approvesKind !== null && decision.approvesId !== null) {
    const table = decision.approvesKind === 'office' ? 'offices' : 'workProgrammes';
    const target = await trx
      .selectFrom(table)
      .select(['visibility', 'party'])
      .where('id', '=', decision.approvesId)
      .executeTakeFirst();
    if (target) {
      named.push({
        field: 'approves',
        what: `${decision.approvesKind === 'office' ? 'office' : 'work programme'} ${decision.approvesId}`,
        item: target,
      });
    }
  }
  return named;
}
