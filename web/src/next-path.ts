/**
 * Where to go after signing in: the server's own rule (src/domain/next-path.ts, plain code with no
 * imports), so that the page and the mailed link never disagree about what is safe to follow.
 */
export { NEXT_MAX_LENGTH, safeNextPath } from '../../src/domain/next-path';
