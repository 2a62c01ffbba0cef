// Waiting for work with a bound, the way the shutdowns do it (inbox service, stage worker).

/**
 * Waits for `p` at most `ms`: true when it finished first, false when the time ran out (its
 * rejection, if first, is passed on). The timer is cleared either way: a pending one would hold
 * the process open for the whole wait after the work was done.
 */
export async function finishedWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p.then(() => true), new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}
