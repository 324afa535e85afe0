/** A problem a provider finds across the fields of one account's configuration, with the key it is about. */
export interface AccountIssue {
  /** Relative to the account, e.g. `['knownSubAccounts', 1]`. */
  path: (string | number)[];
  message: string;
}
