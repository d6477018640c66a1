import type { UnitOfWork } from '../changes/unit-of-work.ts';

/**
 * THE HOOK WHERE THE SEED SIGNS ITS TEXTS. Called by the seed, in its unit of work, with the
 * ids of the seeded texts whose adoption record it has just written (new, or changed by a
 * correction of the reference record). It is to sign each adoption record's SHA-256 with a
 * reference key whose note says what it is: a key of this record, signing reconstructions
 * from the fact sheet, never either party's own key; so that an adopted seeded text shows the
 * reference signature and is never "signed by both". Until the signatures land it signs
 * nothing, and the seeded texts show no signature.
 */
export async function signSeededAdoptionRecords(
  _uow: UnitOfWork,
  _textIds: readonly string[],
): Promise<void> {}
