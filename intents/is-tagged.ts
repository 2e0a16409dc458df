/**
 * Whether a value is a Map, Set, Float32Array… by its tag, not `instanceof`: data that crossed a
 * worker boundary or was deserialised may come from another realm (jest's vm), where `instanceof`
 * says no to a perfectly good Map.
 */
export function isTagged(value: unknown, tag: string): boolean {
  return Object.prototype.toString.call(value) === `[object ${tag}]`;
}
