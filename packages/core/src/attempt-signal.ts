/**
 * Why this file exists: every attempt needs a signal that fires on the caller's abort or on the
 * attempt's timeout. `AbortSignal.timeout` + `AbortSignal.any` do that but cost more per call in
 * Node 20 than the HTTP request itself on loopback (timers held until they fire, transferable
 * signals); one controller, one cleared timer and one listener do the same for a fraction.
 */

export interface AttemptSignal {
  signal: AbortSignal;
  /** True when the timeout (not the caller) ended the attempt. */
  readonly timedOut: boolean;
  /** Clears the timer and the listener; call once the attempt is over. */
  done(): void;
}

export function attemptSignal(user: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(user?.reason);
  if (user?.aborted) controller.abort(user.reason);
  else user?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`the attempt timed out after ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  (timer as { unref?: () => void }).unref?.();
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    done() {
      clearTimeout(timer);
      user?.removeEventListener("abort", onAbort);
    },
  };
}
