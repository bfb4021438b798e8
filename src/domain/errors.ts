/**
 * The small error vocabulary shared by the core and the edges. `message` is Russian,
 * for the person in front of the screen; `detail` is English, for logs.
 * The HTTP layer maps `kind` to a status code; the CLI prints both.
 */
export type ErrorKind =
  'validation' | 'not_found' | 'forbidden' | 'conflict' | 'unauthorized' | 'too_large' | 'unsupported' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable machine-readable code, e.g. `import.unsupported_format`. */
    readonly code: string,
    /** Russian, shown to users. */
    message: string,
    /** English, for logs. */
    readonly detail: string = message,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** The two refusals every service raises; here so that services need nothing from the HTTP layer. */
export const notFound = (messageRu: string, detailEn: string) =>
  new DomainError('not_found', 'not_found', messageRu, detailEn);
export const forbidden = () =>
  new DomainError('forbidden', 'forbidden', 'Недостаточно прав для этого действия', 'forbidden by policy');
