// Lists of records that are already the output of their zod schema (the CSV
// importer parses every row it accepts), so that a store's validateImportBatch
// does not parse them a second time. Only code holding the list object can
// mark it: a batch that arrives from outside (GraphQL, a script, JSON) is
// never marked and is parsed as before. A marked list is frozen, so nothing
// unparsed can be pushed into it afterwards.
const parsed = new WeakSet<object>();

/** Marks `list` as parsed by its record schema (every element is a `schema.parse` result) and freezes it. */
export function markParsed<T>(list: T[]): T[] {
  Object.freeze(list);
  parsed.add(list);
  return list;
}

/** True when `list` was marked by markParsed. */
export function isParsed(list: unknown): boolean {
  return typeof list === 'object' && list !== null && parsed.has(list);
}
