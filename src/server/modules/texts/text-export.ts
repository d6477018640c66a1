import type { Text } from '../../../shared/texts.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { canSee } from '../access/visibility.policy.ts';
import { getText } from './text.view.ts';
import { labelsOf } from './texts.repository.ts';

/** The media type of Akoma Ntoso documents (OASIS LegalDocML). */
export const AKN_MEDIA_TYPE = 'application/akn+xml';

/**
 * Everything an export of a text shows, read as the caller may read it: the text through the
 * same read as `GET /texts/{id}` (visibility and marking, 404 alike for what the caller may not
 * see), with the council, the parties and the source it cites. The formats (Akoma Ntoso, PDF)
 * are pure functions of this value, so two exports of the same version are byte for byte the
 * same.
 */
export interface TextExport {
  text: Text;
  council: { id: string; name: string; shortName: string };
  parties: { id: string; name: string; label: string }[];
  source: { id: string; title: string; publisher: string | null } | null;
  /** The meeting or decision the text belongs to, as the caller may read it. */
  ref: { kind: 'meeting' | 'decision'; title: string; date: string | null } | null;
}

export async function textExportOf(db: Executor, actor: Actor, id: string): Promise<TextExport> {
  const text = await getText(db, actor, id);
  const council = await db
    .selectFrom('council')
    .select(['id', 'name', 'shortName'])
    .executeTakeFirst();
  const { labels, parties } = await labelsOf(db);
  const source =
    text.sourceId === null
      ? undefined
      : await db
          .selectFrom('sources')
          .select(['id', 'title', 'publisher'])
          .where('id', '=', text.sourceId)
          .executeTakeFirst();
  return {
    text,
    ref: await refOf(db, actor, text.ref),
    council: council ?? { id: 'council', name: 'Joint Council', shortName: 'COUNCIL' },
    parties: parties.map((p) => ({ id: p.id, name: p.name, label: labels.get(p.id) ?? p.id })),
    source: source ?? null,
  };
}

/** A reference never names something narrower than the text; it is checked all the same. */
async function refOf(db: Executor, actor: Actor, ref: Text['ref']): Promise<TextExport['ref']> {
  if (ref === null) return null;
  if (ref.kind === 'meeting') {
    const meeting = await db
      .selectFrom('meetings')
      .select(['title', 'date', 'visibility', 'party'])
      .where('id', '=', ref.id)
      .executeTakeFirst();
    return meeting && canSee(actor, meeting)
      ? { kind: 'meeting', title: meeting.title, date: meeting.date }
      : null;
  }
  const decision = await db
    .selectFrom('decisions')
    .select(['subject', 'decidedOn', 'visibility', 'party'])
    .where('id', '=', ref.id)
    .executeTakeFirst();
  return decision && canSee(actor, decision)
    ? { kind: 'decision', title: decision.subject, date: decision.decidedOn }
    : null;
}
