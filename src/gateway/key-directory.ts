/** The identity a gateway key stands for. */
export interface KeyIdentity {
  keyId: string;
  account: string;
  org?: string;
}

/** Looks a bearer secret up synchronously: the request path never waits on the database. */
export interface KeyDirectory {
  lookup(secret: string): KeyIdentity | undefined;
  /** Re-reads the keys now (the admin API calls it after a change in this process). */
  refresh(): Promise<void>;
  close(): void;
}

/** A directory over a fixed list (tests, benchmarks): `{ secret → identity }`. */
export function staticKeyDirectory(keys: Record<string, KeyIdentity>): KeyDirectory {
  const map = new Map(Object.entries(keys));
  return { lookup: (s) => map.get(s), refresh: () => Promise.resolve(), close: () => undefined };
}
