/**
 * For afterAll: when beforeAll failed part-way, what it should have started is still undefined,
 * whatever the variable's declared type says. `await ifStarted(server)?.close()` then skips it,
 * and the real failure is reported instead of a TypeError from the teardown.
 */
export function ifStarted<T>(value: T): T | undefined {
  return value;
}
