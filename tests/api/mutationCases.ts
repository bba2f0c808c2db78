// Every mutation of the schema, for the role table of access.test.ts; introspection.test.ts
// checks that the list is complete.

/**
 * Every mutation of the schema with arguments that succeed for a caller allowed
 * to run it. Each is run by each caller on a fresh app, so successes do not
 * interfere; tests/api/introspection.test.ts checks this list is complete.
 */
export const mutationCases: Record<string, { needs: 'editor' | 'admin'; query: string }> = {
  createFirm: { needs: 'editor', query: 'mutation { createFirm(input: { id: "t-1", nameZh: "测试", regionId: "cn-js-wx-xinwu", ownership: PRIVATE, segments: [{ segmentId: "ic.fab" }] }) { id } }' },
  updateFirm: { needs: 'editor', query: 'mutation { updateFirm(id: "jy-pack", patch: { listed: true }) { id } }' },
  deleteFirm: { needs: 'editor', query: 'mutation { deleteFirm(id: "js-equip") }' },
  setFirmSegments: { needs: 'editor', query: 'mutation { setFirmSegments(firmId: "jy-pack", segments: [{ segmentId: "ic.fab" }]) { id } }' },
  addFirmSegment: { needs: 'editor', query: 'mutation { addFirmSegment(firmId: "jy-pack", segmentId: "ic.fab") { id } }' },
  removeFirmSegment: { needs: 'editor', query: 'mutation { removeFirmSegment(firmId: "wx-fab", segmentId: "ic.packaging") { id } }' },
  addSupplyTie: { needs: 'editor', query: 'mutation { addSupplyTie(input: { from: "jy-pack", to: "xw-module" }) { confidence } }' },
  removeSupplyTie: { needs: 'editor', query: 'mutation { removeSupplyTie(from: "jp-equip", to: "wx-fab") }' },
  setAnchor: { needs: 'editor', query: 'mutation { setAnchor(firmId: "xw-module", clusterId: "iot") { id } }' },
  createProject: { needs: 'editor', query: 'mutation { createProject(input: { id: "p-t", nameZh: "测试项目", firmId: "sh-fab", segmentIds: ["ic.fab"] }) { id } }' },
  updateProject: { needs: 'editor', query: 'mutation { updateProject(id: "p-seed", patch: { owner: "王五" }) { id } }' },
  moveProject: { needs: 'editor', query: 'mutation { moveProject(id: "p-seed", to: CONTACTED) { id } }' },
  deleteProject: { needs: 'editor', query: 'mutation { deleteProject(id: "p-seed") }' },
  createToken: { needs: 'admin', query: 'mutation { createToken(name: "新令牌", role: VIEWER) { token } }' },
  revokeToken: { needs: 'admin', query: 'mutation { revokeToken(id: "$VIEWER_ID") { id } }' },
  // A dry run needs an editor; a real import IMPORT_ROLE (admin by default): see access.test.ts.
  importFile: {
    needs: 'editor',
    query: `mutation { importFile(kind: FIRMS, filename: "f.csv", contentBase64: "${Buffer.from('id,nameZh\n').toString('base64')}", dryRun: true) { dryRun } }`,
  },
};
