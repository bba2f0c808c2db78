// Placeholder page: the 12 clusters grouped by tier (梯队), fetched over
// GraphQL. The chain-map UI (Cytoscape) replaces it in its own issue.
interface ClusterRow {
  id: string;
  nameZh: string;
  nameEn: string;
  tier: 'INTERNATIONAL' | 'NATIONAL' | 'HIGH_GROWTH';
  segments: { id: string }[];
}

const tiers: { tier: ClusterRow['tier']; zh: string; en: string }[] = [
  { tier: 'INTERNATIONAL', zh: '国际影响力产业集群', en: 'International influence' },
  { tier: 'NATIONAL', zh: '全国领先产业集群', en: 'Nationally leading' },
  { tier: 'HIGH_GROWTH', zh: '高成长产业集群', en: 'High growth' },
];

const QUERY = `{ clusters { id nameZh nameEn tier segments { id } } }`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function fetchClusters(): Promise<ClusterRow[]> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await res.json()) as {
    data?: { clusters: ClusterRow[] };
    errors?: { extensions?: { messageZh?: string; messageEn?: string } }[];
  };
  if (body.errors?.length || !body.data) {
    const e = body.errors?.[0]?.extensions;
    throw new Error(`${e?.messageZh ?? '请求失败'} / ${e?.messageEn ?? `request failed (${res.status})`}`);
  }
  return body.data.clusters;
}

function render(root: HTMLElement, clusters: ClusterRow[]): void {
  root.replaceChildren();
  for (const { tier, zh, en } of tiers) {
    const inTier = clusters.filter((c) => c.tier === tier);
    if (!inTier.length) continue;
    const section = el('section');
    section.dataset.tier = tier;
    const heading = el('h2', `${zh}(${inTier.length})`);
    heading.append(' ', el('span', en, 'en'));
    const list = el('ul');
    for (const c of inTier) {
      const item = el('li');
      item.dataset.cluster = c.id;
      item.append(el('strong', c.nameZh), el('div', c.nameEn, 'en'), el('div', `${c.segments.length} 个产业链环节 segments`, 'count'));
      list.append(item);
    }
    section.append(heading, list);
    root.append(section);
  }
}

const root = document.getElementById('clusters')!;
fetchClusters().then(
  (clusters) => render(root, clusters),
  (e: unknown) => root.replaceChildren(el('p', `加载失败 / failed to load: ${(e as Error).message}`, 'error')),
);
