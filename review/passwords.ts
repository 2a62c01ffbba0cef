// Password hashing for review accounts: scrypt from node:crypto (no native add-on to build),
// a random salt per password, the parameters stored with the hash so they can be raised later,
// and a timing-safe comparison.
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string | Buffer, salt: Buffer, keylen: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

/**
 * N = 2^15, r = 8, p = 3: one of the OWASP Password Storage Cheat Sheet's equivalent scrypt
 * minimums (same work as N = 2^17, p = 1) with a quarter of the memory (32 MiB per sign-in, so
 * a burst of sign-ins cannot exhaust memory); about 0.1–0.2 s per hash on an idle core.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LEN = 32;
const maxmem = (N: number, r: number) => 256 * N * r;

export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LEN, { ...PARAMS, maxmem: maxmem(PARAMS.N, PARAMS.r) });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const N = Number(n), R = Number(r), P = Number(p);
  const expected = Buffer.from(key, 'base64url');
  const got = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}

/** A hash of a random password: verified against when the username does not exist, so an unknown name costs the same time as a wrong password. */
let dummy: Promise<string> | null = null;
export const dummyHash = () => (dummy ??= hashPassword(crypto.randomBytes(16).toString('hex')));
