/** The exit code a command asks for (commander actions cannot return one). */
export const exitState = { code: 0 };

/** A user-facing failure (bad path, bad option): one line on stderr, exit code 2. */
export class UsageError extends Error {}
