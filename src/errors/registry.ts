/**
 * The registry of errors a person (or an API client) can meet. One shape for every entry: a stable
 * code, the French message shown to the person, a line for support staff, the HTTP status (and,
 * when thrown, the form field it belongs to: see AppError).
 *
 * Each module owns its entries, in its own `errors.ts`, and adds their codes to `ErrorCodes`:
 *
 *   export const householdErrors = { … } as const satisfies Record<string, ErrorEntry>;
 *   declare module './registry' { interface ErrorCodes extends Codes<typeof householdErrors> {} }
 *
 * and one assembly (src/app-errors.ts) registers every module's entries at start-up. This folder
 * (the core) imports no feature.
 */
export interface ErrorEntry {
  status: number;
  message: string;
  support: string;
}

/** The codes of every module, merged by declaration (see above): `keyof ErrorCodes` is every code. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ErrorCodes {}

export type ErrorCode = keyof ErrorCodes & string;

/** The codes of a module's entries, for `interface ErrorCodes extends Codes<typeof xxxErrors> {}`. */
export type Codes<T extends Record<string, ErrorEntry>> = { readonly [K in keyof T]: true };

const entries = new Map<string, ErrorEntry>();

/** Adds modules' entries (the assembly calls it once); a code registered twice with another entry is a mistake. */
export function registerErrors(...groups: Record<string, ErrorEntry>[]): void {
  for (const group of groups) {
    for (const [code, entry] of Object.entries(group)) {
      const known = entries.get(code);
      if (known && known !== entry) throw new Error(`error code ${code} registered twice`);
      entries.set(code, entry);
    }
  }
}

/** The entry of a code; throws when its module's entries were not registered (a wiring mistake). */
export function errorEntry(code: ErrorCode): ErrorEntry {
  const e = entries.get(code);
  if (!e) throw new Error(`error code ${code} is not registered: add its module's entries to src/app-errors.ts`);
  return e;
}

/** Every registered entry, by code (documentation, tests). */
export function registeredErrors(): ReadonlyMap<string, ErrorEntry> {
  return entries;
}
