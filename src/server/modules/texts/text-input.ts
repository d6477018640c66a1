import {
  type ParsedSegment,
  parseParagraph,
  TextFormatError,
} from '../../../shared/text-content.ts';
import type { Executor } from '../../db/database.ts';
import { invalid } from '../../domain/errors.ts';
import type { UserActor } from '../access/actor.ts';

/** A paragraph in the plain-text form, read; ValidationFailed naming the field and the offset. */
export function parsed(
  text: string,
  holderOf: (label: string) => string | null,
  field: string,
): ParsedSegment[] {
  try {
    return parseParagraph(text, holderOf);
  } catch (error) {
    if (error instanceof TextFormatError) throw invalid(field, error.message);
    throw error;
  }
}

export function checkLanguage(languages: readonly string[], language: string, field: string): void {
  if (!languages.includes(language)) {
    throw invalid(field, `not a language of the council (${languages.join(', ')})`);
  }
}

/**
 * A marking of the council's scheme, with the parties it is releasable to. A joint or public
 * text is read by every party, so it must be releasable to every party (or to all: null).
 */
export async function checkMarking(
  db: Executor,
  classification: string,
  releasableTo: readonly string[] | null,
  visibility: 'caucus' | 'joint' | 'public',
  user: UserActor | null = null,
): Promise<{ classification: string; releasableTo: string | null }> {
  const marking = await db
    .selectFrom('classifications')
    .select(['id', 'rank'])
    .where('id', '=', classification)
    .executeTakeFirst();
  if (!marking) throw invalid('classification', 'not a marking of the council’s scheme');
  if (user) {
    // Nobody marks a text above what they may read: they would lose it the moment they did.
    const clearance = await db
      .selectFrom('users')
      .innerJoin('classifications', 'classifications.id', 'users.clearance')
      .select(['classifications.rank', 'classifications.name'])
      .where('users.id', '=', user.userId)
      .executeTakeFirst();
    if (!clearance || marking.rank > clearance.rank) {
      throw invalid('classification', `above your clearance (${clearance?.name ?? 'none'})`);
    }
  }
  if (releasableTo !== null) {
    const parties = (await db.selectFrom('parties').select('id').execute()).map((p) => p.id);
    const unknown = releasableTo.filter((p) => !parties.includes(p));
    if (unknown.length > 0) throw invalid('releasableTo', `no party ${unknown.join(', ')}`);
    if (visibility !== 'caucus' && parties.some((p) => !releasableTo.includes(p))) {
      throw invalid('releasableTo', 'a joint text is read by every party: release it to all');
    }
  }
  if (user && visibility !== 'caucus') {
    // A joint text is the parties' common work: marked above every clearance the other party's
    // users hold, it would vanish from them while it still counted as theirs to agree (or to
    // stay silent on). Only a party with users at all counts, and none of them by name. Last of
    // the checks, so that a request bound to fail anyway is no free probe of the other party's
    // clearances (a request that passes changes the text, for both parties to see).
    const uncleared = await db
      .selectFrom('users')
      .innerJoin('classifications', 'classifications.id', 'users.clearance')
      .select('users.party')
      .where('users.disabledAt', 'is', null)
      .groupBy('users.party')
      .having((eb) => eb.fn.max('classifications.rank'), '<', marking.rank)
      .orderBy('users.party')
      .execute();
    if (uncleared.length > 0) {
      throw invalid(
        'classification',
        `a ${visibility} text is read by every party: no user of ${uncleared.map((u) => u.party).join(', ')} is cleared for it`,
      );
    }
  }
  return {
    classification,
    releasableTo: releasableTo === null ? null : JSON.stringify([...new Set(releasableTo)].sort()),
  };
}
