import type { TextState } from '../../../shared/vocabularies.ts';
import { DomainError } from '../../domain/errors.ts';

/**
 * What may happen to a text in each state. A draft is its party's own to edit; a tabled text
 * changes only by brackets (proposed, withdrawn, accepted) and translations; from ad
 * referendum on, the wording is agreed and only the procedure moves it; an adopted text
 * changes no more (it may be published), and a withdrawn one is history.
 */
export type TextStep =
  | 'edit-draft'
  | 'table'
  | 'negotiate'
  | 'translate'
  | 'agree-ad-ref'
  | 'concur'
  | 'start-silence'
  | 'break-silence'
  | 'lodge-statement'
  | 'reopen'
  | 'publish'
  | 'issue'
  | 'withdraw'
  | 'change-marking';

const ALLOWED: Record<TextStep, readonly TextState[]> = {
  'edit-draft': ['draft'],
  table: ['draft'],
  negotiate: ['tabled'],
  translate: ['draft', 'tabled'],
  'agree-ad-ref': ['tabled'],
  // A party's chair adopts its caucus's common position from the draft itself.
  concur: ['draft', 'tabled', 'ad-ref'],
  'start-silence': ['tabled', 'ad-ref', 'draft'],
  'break-silence': ['under-silence'],
  'lodge-statement': ['ad-ref', 'under-silence'],
  reopen: ['ad-ref'],
  publish: ['adopted'],
  issue: ['draft', 'tabled'],
  withdraw: ['draft', 'tabled', 'ad-ref'],
  'change-marking': ['draft', 'tabled'],
};

/** Conflict naming the state when the step is not one the text's state allows. */
export function assertStep(state: TextState, step: TextStep): void {
  if (!ALLOWED[step].includes(state)) {
    throw new DomainError('Conflict', `a text that is ${state} cannot take this step (${step})`, [
      { field: 'state', message: `${step} needs ${ALLOWED[step].join(' or ')}` },
    ]);
  }
}

export const CLEAN_REQUIRED =
  'nothing is agreed until everything is agreed: resolve every bracket first';
