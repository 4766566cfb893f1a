// Camunda prefixes the errors of some commands with what was being done ("Cannot complete task 42: …").
import { RestError } from "./http";

/** Runs fn; a 4xx RestError it throws (bad variable, bad parameter) gets `prefix: ` in front of its message. */
export async function withErrorPrefix<T>(prefix: string, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RestError && err.status < 500 && err.status !== 403 && err.status !== 401) {
      throw new RestError(err.status, err.type, `${prefix}: ${err.message}`, err.extra);
    }
    throw err;
  }
}
