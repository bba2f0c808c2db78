// Every mutation over HTTP with an editor token: firms, their segments,
// SUPPLIES ties, anchors, projects through the pipeline with history; zod
// field errors; the `user` source; an audit entry for every write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestApp, type TestApp } from './helpers.js';

let t: TestApp;
let editor: string;
beforeAll(async () => {
  t = await startTestApp();
  editor = t.tokens.editor;
});
afterAll(() => t.close());

const FIRM = `id nameZh nameEn ownership origin { id } region { id } listed tags confidence source { id kind } segments { primary segment { id } }`;

async function lastAudit(n = 1) {
  const r = await t.gql(`{ auditLog(first: ${n}) { edges { node { actor action target detail } } } }`, undefined, t.tokens.admin);
  return r.data.auditLog.edges.map((e: { node: unknown }) => e.node);
}

describe('firms', () => {
  it('createFirm cites the user source (created on first use), then update, segments, delete', async () => {
    const created = await t.gql(
      `mutation($i: FirmInput!) { createFirm(input: $i) { ${FIRM} } }`,
      { i: { id: 'xw-new', nameZh: '新吴封测新厂', regionId: 'cn-js-wx-xinwu', ownership: 'PRIVATE', segments: [{ segmentId: 'ic.packaging' }], tags: ['new'] } },
      editor,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createFirm).toEqual({
      id: 'xw-new', nameZh: '新吴封测新厂', nameEn: null, ownership: 'PRIVATE', origin: { id: 'cn' }, region: { id: 'cn-js-wx-xinwu' },
      listed: false, tags: ['new'], confidence: 0.8, source: { id: 'user', kind: 'user' },
      segments: [{ primary: true, segment: { id: 'ic.packaging' } }],
    });
    expect(await lastAudit()).toEqual([expect.objectContaining({ actor: 'editor', action: 'createFirm', target: 'xw-new' })]);

    const dup = await t.gql('mutation { createFirm(input: { id: "xw-new", nameZh: "x", regionId: "cn", ownership: STATE, segments: [{ segmentId: "ic.fab" }] }) { id } }', undefined, editor);
    expect(codes(dup)).toEqual(['CONFLICT']);

    const updated = await t.gql('mutation { updateFirm(id: "xw-new", patch: { nameEn: "Xinwu Packaging", listed: true }) { nameEn listed nameZh } }', undefined, editor);
    expect(updated.data.updateFirm).toEqual({ nameEn: 'Xinwu Packaging', listed: true, nameZh: '新吴封测新厂' });
    const cleared = await t.gql('mutation { updateFirm(id: "xw-new", patch: { nameEn: null }) { nameEn } }', undefined, editor);
    expect(cleared.data.updateFirm).toEqual({ nameEn: null });

    const added = await t.gql('mutation { addFirmSegment(firmId: "xw-new", segmentId: "ic.fab", primary: true) { segments { primary segment { id } } } }', undefined, editor);
    expect(added.data.addFirmSegment.segments).toEqual([
      { primary: true, segment: { id: 'ic.fab' } },
      { primary: false, segment: { id: 'ic.packaging' } },
    ]);
    const removed = await t.gql('mutation { removeFirmSegment(firmId: "xw-new", segmentId: "ic.fab") { segments { primary segment { id } } } }', undefined, editor);
    expect(removed.data.removeFirmSegment.segments).toEqual([{ primary: true, segment: { id: 'ic.packaging' } }]);
    const last = await t.gql('mutation { removeFirmSegment(firmId: "xw-new", segmentId: "ic.packaging") { id } }', undefined, editor);
    expect(codes(last)).toEqual(['BAD_INPUT']);
    const set = await t.gql('mutation { setFirmSegments(firmId: "xw-new", segments: [{ segmentId: "iot.module" }, { segmentId: "iot.app", primary: true }]) { segments { primary segment { id } } } }', undefined, editor);
    expect(set.data.setFirmSegments.segments).toEqual([
      { primary: false, segment: { id: 'iot.module' } },
      { primary: true, segment: { id: 'iot.app' } },
    ]);
    const seg = await t.gql('{ segment(id: "iot.app") { firms(local: true) { id } } }');
    expect(seg.data.segment.firms.map((f: { id: string }) => f.id)).toContain('xw-new');

    expect((await t.gql('mutation { deleteFirm(id: "xw-new") }', undefined, editor)).data).toEqual({ deleteFirm: true });
    expect(codes(await t.gql('mutation { deleteFirm(id: "xw-new") }', undefined, editor))).toEqual(['NOT_FOUND']);
    expect((await t.gql('{ firm(id: "xw-new") { id } }')).data).toEqual({ firm: null });
  });

  it('validates every input with field-level errors (zod, then references)', async () => {
    const r = await t.gql(
      `mutation($i: FirmInput!) { createFirm(input: $i) { id } }`,
      { i: { nameZh: '', uscc: '91320214MA1XXXXXXX', regionId: 'Not A Slug', ownership: 'PRIVATE', segments: [], confidence: 2 } },
      editor,
    );
    expect(codes(r)).toEqual(['BAD_INPUT']);
    const paths = r.errors![0]!.extensions.fields!.map((f) => f.path).sort();
    expect(paths).toEqual(['input.confidence', 'input.nameZh', 'input.regionId', 'input.segments', 'input.uscc']);
    for (const f of r.errors![0]!.extensions.fields!) {
      expect(f.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(f.messageEn).toMatch(/[a-z]/);
    }
    const refs = await t.gql('mutation { createFirm(input: { nameZh: "某企业", regionId: "cn-nowhere", ownership: PRIVATE, segments: [{ segmentId: "ic.nothing" }] }) { id } }', undefined, editor);
    expect(codes(refs)).toEqual(['BAD_INPUT']);
    expect(refs.errors![0]!.extensions.fields!.map((f) => f.path).sort()).toEqual(['regionId', 'segments.0.segmentId']);
  });

  it('SUPPLIES ties and anchors', async () => {
    const tie = await t.gql('mutation { addSupplyTie(input: { from: "jy-pack", to: "xw-module", segmentId: "ic.packaging" }) { from { id } to { id } segment { id } source { id } confidence } }', undefined, editor);
    expect(tie.data.addSupplyTie).toEqual({ from: { id: 'jy-pack' }, to: { id: 'xw-module' }, segment: { id: 'ic.packaging' }, source: { id: 'user' }, confidence: 0.8 });
    expect(codes(await t.gql('mutation { addSupplyTie(input: { from: "jy-pack", to: "jy-pack" }) { confidence } }', undefined, editor))).toEqual(['BAD_INPUT']);
    expect((await t.gql('mutation { removeSupplyTie(from: "jy-pack", to: "xw-module") }', undefined, editor)).data).toEqual({ removeSupplyTie: true });
    expect(codes(await t.gql('mutation { removeSupplyTie(from: "jy-pack", to: "xw-module") }', undefined, editor))).toEqual(['NOT_FOUND']);

    const on = await t.gql('mutation { setAnchor(firmId: "xw-module", clusterId: "iot") { anchorOf { id } } }', undefined, editor);
    expect(on.data.setAnchor.anchorOf).toEqual([{ id: 'iot' }]);
    expect((await t.gql('{ cluster(id: "iot") { anchors { id } } }')).data.cluster.anchors).toEqual([{ id: 'xw-module' }]);
    const off = await t.gql('mutation { setAnchor(firmId: "xw-module", clusterId: "iot", anchored: false) { anchorOf { id } } }', undefined, editor);
    expect(off.data.setAnchor.anchorOf).toEqual([]);
    expect(codes(await t.gql('mutation { setAnchor(firmId: "xw-module", clusterId: "nope") { id } }', undefined, editor))).toEqual(['NOT_FOUND']);
  });
});

describe('projects: the pipeline 线索 → 接洽 → 洽谈 → 签约 → 落地 → 投产, or 终止', () => {
  const P = 'id status nextStatuses signedOn firm { id } segments { id } history { by from to note at }';

  it('creates a lead, moves it step by step with history, refuses jumps and moves out of a final status', async () => {
    const c = await t.gql(`mutation { createProject(input: { id: "p-fab2", nameZh: "晶圆二期", firmId: "sh-fab", segmentIds: ["ic.fab"], investmentYi: 120 }) { ${P} } }`, undefined, editor);
    expect(c.errors).toBeUndefined();
    expect(c.data.createProject).toMatchObject({ id: 'p-fab2', status: 'LEAD', nextStatuses: ['CONTACTED', 'DROPPED'], signedOn: null, firm: { id: 'sh-fab' }, segments: [{ id: 'ic.fab' }] });
    expect(c.data.createProject.history).toEqual([{ by: 'editor', from: null, to: 'LEAD', note: null, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);

    const jump = await t.gql('mutation { moveProject(id: "p-fab2", to: SIGNED) { status } }', undefined, editor);
    expect(codes(jump)).toEqual(['ILLEGAL_TRANSITION']);
    expect(jump.errors![0]!.extensions.messageZh).toBe('项目 p-fab2 不能从线索变为签约;可变为:接洽、终止');
    expect(jump.errors![0]!.extensions.messageEn).toBe('project p-fab2 cannot move from lead to signed; allowed: contacted, dropped');

    for (const to of ['CONTACTED', 'NEGOTIATING']) {
      expect((await t.gql(`mutation { moveProject(id: "p-fab2", to: ${to}) { status } }`, undefined, editor)).data.moveProject.status).toBe(to);
    }
    const signed = await t.gql(`mutation { moveProject(id: "p-fab2", to: SIGNED, note: "签约仪式", signedOn: "2026-03-18") { ${P} } }`, undefined, editor);
    expect(signed.data.moveProject).toMatchObject({ status: 'SIGNED', signedOn: '2026-03-18', nextStatuses: ['LANDED', 'DROPPED'] });
    expect(signed.data.moveProject.history.map((h: { from: string; to: string }) => [h.from, h.to])).toEqual([
      [null, 'LEAD'], ['LEAD', 'CONTACTED'], ['CONTACTED', 'NEGOTIATING'], ['NEGOTIATING', 'SIGNED'],
    ]);
    expect(signed.data.moveProject.history[3].note).toBe('签约仪式');
    expect(codes(await t.gql('mutation { moveProject(id: "p-fab2", to: SIGNED) { status } }', undefined, editor))).toEqual(['ILLEGAL_TRANSITION']);
    for (const to of ['LANDED', 'OPERATING']) await t.gql(`mutation { moveProject(id: "p-fab2", to: ${to}) { status } }`, undefined, editor);
    const final = await t.gql('mutation { moveProject(id: "p-fab2", to: DROPPED) { status } }', undefined, editor);
    expect(codes(final)).toEqual(['ILLEGAL_TRANSITION']);
    expect(final.errors![0]!.extensions.messageEn).toContain('allowed: none (final status)');
  });

  it('drops from any stage before 投产; a dropped project cannot come back', async () => {
    await t.gql('mutation { createProject(input: { id: "p-drop", nameZh: "模组项目", firmId: "sh-design", segmentIds: ["iot.module"], status: NEGOTIATING }) { id } }', undefined, editor);
    const d = await t.gql('mutation { moveProject(id: "p-drop", to: DROPPED, note: "企业另择他地") { status history { from to note } } }', undefined, editor);
    expect(d.data.moveProject).toEqual({ status: 'DROPPED', history: [{ from: null, to: 'NEGOTIATING', note: null }, { from: 'NEGOTIATING', to: 'DROPPED', note: '企业另择他地' }] });
    expect(codes(await t.gql('mutation { moveProject(id: "p-drop", to: LEAD) { status } }', undefined, editor))).toEqual(['ILLEGAL_TRANSITION']);
  });

  it('reads projects by segment, cluster, firm, status and signing date; per cluster; update and delete', async () => {
    const bySegment = await t.gql('{ projects(segmentId: "ic.fab") { id } }');
    expect(bySegment.data.projects).toEqual([{ id: 'p-fab2' }]);
    const signedThisYear = await t.gql('{ clusters { id projects(statuses: [SIGNED, LANDED, OPERATING], signedFrom: "2026-01-01", signedTo: "2026-12-31") { id signedOn } } }');
    expect(signedThisYear.data.clusters).toEqual([
      { id: 'iot', projects: [] },
      { id: 'ic', projects: [{ id: 'p-fab2', signedOn: '2026-03-18' }] },
    ]);
    expect((await t.gql('{ projects(status: DROPPED) { id } }')).data.projects).toEqual([{ id: 'p-drop' }]);
    expect((await t.gql('{ projects(firmId: "sh-design", clusterId: "iot") { id } }')).data.projects).toEqual([{ id: 'p-drop' }]);
    expect((await t.gql('{ firm(id: "sh-fab") { projects { id } } }')).data.firm.projects).toEqual([{ id: 'p-fab2' }]);
    expect(codes(await t.gql('{ projects(signedFrom: "2026-02-30") { id } }'))).toEqual(['BAD_INPUT']);

    const u = await t.gql('mutation { updateProject(id: "p-drop", patch: { owner: "李四", investmentYi: 3.5 }) { owner investmentYi status } }', undefined, editor);
    expect(u.data.updateProject).toEqual({ owner: '李四', investmentYi: 3.5, status: 'DROPPED' });
    expect(codes(await t.gql('mutation { updateProject(id: "p-none", patch: { owner: "x" }) { id } }', undefined, editor))).toEqual(['NOT_FOUND']);
    const bad = await t.gql('mutation { updateProject(id: "p-drop", patch: { segmentIds: [] , investmentYi: -1 }) { id } }', undefined, editor);
    expect(bad.errors![0]!.extensions.fields!.map((f) => f.path).sort()).toEqual(['patch.investmentYi', 'patch.segmentIds']);

    expect(codes(await t.gql('mutation { deleteFirm(id: "sh-design") }', undefined, editor))).toEqual(['CONFLICT']);
    expect((await t.gql('mutation { deleteProject(id: "p-drop") }', undefined, editor)).data).toEqual({ deleteProject: true });
    expect((await t.gql('{ project(id: "p-drop") { id } }')).data).toEqual({ project: null });
  });

  it('createProject as the web page sends it (status LEAD, generated id)', async () => {
    const r = await t.gql('mutation AddLead($input: ProjectInput!) { createProject(input: $input) { id status } }', {
      input: { nameZh: '引进 上海晶圆', firmId: 'sh-fab', segmentIds: ['ic.fab'], status: 'LEAD' },
    }, editor);
    expect(r.errors).toBeUndefined();
    expect(r.data.createProject.id).toMatch(/^p-\d{8}-[0-9a-f]{8}$/);
  });
});

describe('audit log', () => {
  it('records every write (who = token name, what, which record, arguments), newest first, paged with before', async () => {
    const all = await t.gql('{ auditLog(first: 100) { edges { cursor node { id actor action target at detail } } pageInfo { hasNextPage endCursor } } }', undefined, t.tokens.admin);
    const nodes = all.data.auditLog.edges.map((e: { node: { action: string; actor: string } }) => e.node);
    const actions = new Set(nodes.map((n: { action: string }) => n.action));
    for (const a of ['createFirm', 'updateFirm', 'addFirmSegment', 'removeFirmSegment', 'setFirmSegments', 'deleteFirm', 'addSupplyTie', 'removeSupplyTie', 'setAnchor', 'createProject', 'moveProject', 'updateProject', 'deleteProject']) {
      expect(actions).toContain(a);
    }
    expect(nodes.every((n: { actor: string }) => n.actor === 'editor')).toBe(true);
    // Refused writes leave no entry: every moveProject entry is a move that happened (5 for p-fab2, 1 for p-drop).
    expect(nodes.filter((n: { action: string }) => n.action === 'moveProject')).toHaveLength(6);
    const ids = nodes.map((n: { id: string }) => Number(n.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page1 = await t.gql('{ auditLog(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', undefined, t.tokens.admin);
    expect(page1.data.auditLog.pageInfo.hasNextPage).toBe(true);
    const page2 = await t.gql('query($b: String) { auditLog(first: 2, before: $b) { edges { node { id } } } }', { b: page1.data.auditLog.pageInfo.endCursor }, t.tokens.admin);
    expect(page2.data.auditLog.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([String(ids[2]), String(ids[3])]);
  });
});
