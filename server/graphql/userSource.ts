// Provenance of facts users enter through the API: the `user` source
// (kind 'user'). Stores only accept writes citing a known source, so it is
// created on first use (through importBatch, which both stores implement).
import type { Source } from '../domain/model.js';
import type { GraphStore } from '../store/GraphStore.js';

export const USER_SOURCE_ID = 'user';

export const userSource: Source = {
  id: USER_SOURCE_ID,
  kind: 'user',
  titleZh: '本系统用户录入',
  titleEn: 'Entered by users of this deployment',
  note: '经 GraphQL API 录入或修改;操作人与时间见审计日志。Entered or changed through the GraphQL API; who and when are in the audit log.',
};

const ensured = new WeakSet<GraphStore>();

/** Makes sure the `user` source exists (once per store object). */
export async function ensureUserSource(store: GraphStore): Promise<void> {
  if (ensured.has(store)) return;
  const sources = await store.listSources();
  if (!sources.some((s) => s.id === USER_SOURCE_ID)) await store.importBatch({ sources: [userSource] });
  ensured.add(store);
}
