/** A scheduler worker that dies as a real one might (out of memory, a bug): for tests. */
throw new Error('the scheduler fell over');
