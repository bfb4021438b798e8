/** Placeholder replaced when the deadline parser lands. */
export function isDeadlineUnderstood(_text: string): boolean {
  return true;
}
