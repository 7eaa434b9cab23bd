/** Someone who acts on an entitlement: the FM who declares, the manager who decides. */
export interface Person {
  /** Microsoft Entra object id. */
  readonly aadObjectId: string;
  readonly name: string;
}
