import { parseError } from './errors'

/** Awaits a bound method and turns its rejection into an ApiError. */
export async function call<T>(p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (e) {
    throw parseError(e)
  }
}
