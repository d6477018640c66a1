import type { AdoptionRecord } from '../../../shared/record.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { findTextRow } from '../texts/texts.repository.ts';
import { signaturesOf } from './signatures.repository.ts';

/**
 * A text's adoption record: its canonical JSON, its SHA-256 and its signatures, each verified.
 * As visible as the text (a caucus text's record is NotFound to the other party, as is a
 * text not yet adopted).
 */
export async function getAdoptionRecord(
  db: Executor,
  actor: Actor,
  textId: string,
): Promise<AdoptionRecord> {
  const text = await findTextRow(db, actor, textId);
  const record = await db
    .selectFrom('adoptionRecords')
    .select(['textId', 'canonical', 'sha256', 'at'])
    .where('textId', '=', text.id)
    .executeTakeFirst();
  if (!record) throw notFound('adoption record');
  return { ...record, ...(await signaturesOf(db, text.id, record.sha256)) };
}
