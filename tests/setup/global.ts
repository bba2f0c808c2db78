// Global test setup. Starts shared services for the whole run (the Neo4j
// test server is added by the Neo4j store work) and stops them at the end.
export default async function setup(): Promise<() => Promise<void>> {
  return async () => {};
}
