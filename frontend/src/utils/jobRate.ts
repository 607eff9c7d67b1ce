// Rows per second and time left for a long job, from its progress events.
// The rate is measured over the last few seconds (not since the start), so
// it follows the job when it speeds up or slows down, and it does not jump
// with every event.

/** How far back the rate looks. */
export const RATE_WINDOW_MS = 3000
/** No rate is shown before the job has run this long: the first events say little. */
export const RATE_MIN_SPAN_MS = 500

interface Sample {
  t: number
  done: number
}

export class RateMeter {
  private samples: Sample[] = []

  /** Starts over: the job begins now with nothing done. */
  reset(now: number, done = 0): void {
    this.samples = [{ t: now, done }]
  }

  /** Records a progress event. A count that goes down starts a new pass. */
  add(done: number, now: number): void {
    const last = this.samples[this.samples.length - 1]
    if (!last || done < last.done) {
      this.reset(now, done)
      return
    }
    this.samples.push({ t: now, done })
    // Keep one sample at or before the window's start, so the span covers the window.
    while (this.samples.length > 2 && this.samples[1].t <= now - RATE_WINDOW_MS) this.samples.shift()
  }

  /** Rows per second over the window; null until it can be told. */
  rate(): number | null {
    if (this.samples.length < 2) return null
    const first = this.samples[0]
    const last = this.samples[this.samples.length - 1]
    const span = last.t - first.t
    if (span < RATE_MIN_SPAN_MS) return null
    return ((last.done - first.done) * 1000) / span
  }

  /** Seconds left at the current rate; null when the total or the rate is unknown. */
  eta(done: number, total: number): number | null {
    const r = this.rate()
    if (total <= 0 || r === null || r <= 0) return null
    return Math.max(0, (total - done) / r)
  }
}
