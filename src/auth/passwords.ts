import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id (a const enum that isolated modules cannot read).
const ARGON2ID = 2;

/**
 * Password hashing: argon2id (OWASP minimum m=19 MiB, t=2, p=1, configurable upwards) computed by
 * @node-rs/argon2 in libuv's thread pool — off the event loop.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the same time as a real verification, for a login whose identifier does not exist. */
  verifyDummy(password: string): Promise<false>;
}

export function createPasswordHasher(p: { memoryCost: number; timeCost: number; parallelism: number }): PasswordHasher {
  const options = { algorithm: ARGON2ID as never, memoryCost: p.memoryCost, timeCost: p.timeCost, parallelism: p.parallelism };
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, options),
    verify: async (h, password) => {
      try {
        return await verify(h, password);
      } catch {
        return false;
      }
    },
    verifyDummy: async (password) => {
      dummy ??= hash('dummy-password-for-timing-0000', options);
      await verify(await dummy, password).catch(() => false);
      return false;
    },
  };
}
