import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { signWithReferenceKey } from '../record/sign-with-reference-key.ts';

/**
 * Signs the seeded texts whose adoption record the seed has just written (new, or changed by a
 * correction of the reference record), in the seed's unit of work. They are reconstructions
 * from the fact sheet, so they are signed with reference keys whose note says so, never with
 * either party's own key: an adopted seeded text shows verifying reference signatures and is
 * never "signed by both".
 */
export async function signSeededAdoptionRecords(
  uow: UnitOfWork,
  textIds: readonly string[],
): Promise<void> {
  if (textIds.length === 0) return;
  await signWithReferenceKey(uow, textIds);
}
