/** Password hashing with Argon2id (@node-rs/argon2: maintained, prebuilt, no install script). */
import { hash, verify } from '@node-rs/argon2';
import { DomainError } from '../../domain/errors.js';

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Minimal strength rule: length, because composition rules mostly produce «Password1!». */
export function assertPasswordAcceptable(password: string): void {
  if (password.length < 8) throw new DomainError('validation', 'password.too_short', 'Пароль должен содержать не менее 8 символов', 'password shorter than 8');
  if (password.length > 200) throw new DomainError('validation', 'password.too_long', 'Пароль слишком длинный (не более 200 символов)', 'password longer than 200');
}
