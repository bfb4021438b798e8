/** Password hashing with Argon2id (@node-rs/argon2: maintained, prebuilt, no install script). */
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { DomainError } from '../../domain/errors.js';

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** NIST SP 800-63B: length first; 12 keeps a strength estimate meaningful. */
export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn score 0–4; 3 is «safely unguessable: moderate protection from offline attacks». */
export const MIN_PASSWORD_SCORE = 3;

// zxcvbn-ts (maintained port of Dropbox's zxcvbn) with its list of common passwords and
// keyboard patterns; built once, on first use (the dictionaries take ~50 ms to rank).
let estimator: ZxcvbnFactory | undefined;
const strength = () => (estimator ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs }));

/**
 * Refuses a password that is short or guessable (common passwords, keyboard runs,
 * repeats, the user's own login or name). Composition rules are not used: they mostly
 * produce «Password1!».
 */
export function assertPasswordAcceptable(password: string, userInputs: string[] = []): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new DomainError(
      'validation',
      'password.too_short',
      `Пароль должен содержать не менее ${MIN_PASSWORD_LENGTH} символов`,
      `password shorter than ${MIN_PASSWORD_LENGTH}`,
    );
  }
  if (password.length > 200)
    throw new DomainError(
      'validation',
      'password.too_long',
      'Пароль слишком длинный (не более 200 символов)',
      'password longer than 200',
    );
  const inputs = userInputs.flatMap((s) => s.toLowerCase().split(/[\s.@_-]+/)).filter((s) => s.length >= 3);
  const score = strength().check(password, inputs).score;
  if (score < MIN_PASSWORD_SCORE) {
    throw new DomainError(
      'validation',
      'password.weak',
      'Пароль слишком простой: его легко подобрать. Составьте его из нескольких несвязанных слов или добавьте непредсказуемые символы; не используйте логин, имя и распространённые пароли.',
      `password strength score ${score} < ${MIN_PASSWORD_SCORE}`,
    );
  }
}

// No 0/O, 1/l/I: the password is read off a screen and typed.
const OTP_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password for an account an administrator sets up: 16 characters (~93 bits). */
export function generateOneTimePassword(): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += OTP_ALPHABET[randomInt(OTP_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12)}`;
}
