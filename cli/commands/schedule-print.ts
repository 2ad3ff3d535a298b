/** Small printing helpers shared by schedule commands. */

/** A client's display name from the caseload index, or the id when unknown. */
export function clientNameOf(names: ReadonlyMap<string, string>, clientId: string): string {
  return names.get(clientId) ?? clientId;
}
