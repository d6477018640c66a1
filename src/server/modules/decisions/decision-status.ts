export type ResponseKind = 'concur' | 'decline';

/**
 * The consensus rule. A decision is `agreed` only when every party to the council has
 * concurred; one decline makes it `declined` (neither side has a veto over the other's own
 * actions, but a joint decision needs both). Responses from anyone who is not a party count
 * for nothing, and with no parties at all nothing is ever agreed.
 */
export function decisionStatus(
  parties: readonly string[],
  responses: readonly { party: string | null; response: ResponseKind }[],
): 'proposed' | 'agreed' | 'declined' {
  const of = (party: string) => responses.filter((r) => r.party === party);
  if (parties.some((p) => of(p).some((r) => r.response === 'decline'))) return 'declined';
  if (parties.length > 0 && parties.every((p) => of(p).some((r) => r.response === 'concur'))) {
    return 'agreed';
  }
  return 'proposed';
}
