// Column-mapping templates: for each kind of import, the columns it reads,
// their Chinese and English headers and the other headers people use for
// them. The templates users download are generated from this table, and so is
// the header matching, so the two cannot drift apart.
import { normaliseHeader, splitHeaderUnit } from './normalize.js';

export const importKinds = ['firms', 'firm-segments', 'supplies', 'projects'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importKindLabels: Record<ImportKind, { zh: string; en: string }> = {
  firms: { zh: '企业名录', en: 'Firms' },
  'firm-segments': { zh: '企业环节归属', en: 'Firm segment assignments' },
  supplies: { zh: '企业供应关系', en: 'Supply ties' },
  projects: { zh: '招商项目台账', en: 'Attraction projects' },
};

/** A money or size amount column: header units such as "(万元)" scale the cells. */
export type AmountUnit = 'yi' | 'persons';

export interface ColumnSpec {
  /** Field key; also the English header of the templates. */
  key: string;
  headerZh: string;
  /** Further accepted headers (Chinese or English); matched after normaliseHeader. */
  aliases: readonly string[];
  /** `always`: every row needs a value; `new`: rows that create a record need one. */
  required: 'always' | 'new' | false;
  descriptionZh: string;
  descriptionEn: string;
  example: string;
  amount?: AmountUnit;
}

const firmRefHelp = {
  zh: '企业名称、统一社会信用代码或企业编号(须已在库中)',
  en: 'firm name, USCC or firm id (must already be in the store)',
};

const common = {
  cluster: {
    key: 'cluster',
    headerZh: '所属集群',
    aliases: ['产业集群', '集群', '所属产业', 'cluster', 'clusterid', 'cluster_id'],
    required: false,
    descriptionZh: '集群编号或名称;环节名称在多个集群中重复时用来区分',
    descriptionEn: 'cluster id or name; tells apart segment names used in several clusters',
    example: '集成电路',
  },
  source: {
    key: 'source',
    headerZh: '数据来源',
    aliases: ['来源', '来源编号', 'source', 'sourceid', 'source_id'],
    required: false,
    descriptionZh: '已登记的来源编号;留空则记为本次导入',
    descriptionEn: 'id of a registered source; empty = this import',
    example: '',
  },
  confidence: {
    key: 'confidence',
    headerZh: '可信度',
    aliases: ['置信度', 'confidence'],
    required: false,
    descriptionZh: '0–1,1 表示已与权威来源核实;留空默认 0.8',
    descriptionEn: '0–1, 1 = verified against a primary source; empty = 0.8',
    example: '1',
  },
} satisfies Record<string, ColumnSpec>;

export const columnSpecs: Record<ImportKind, readonly ColumnSpec[]> = {
  firms: [
    {
      key: 'name_zh',
      headerZh: '企业名称',
      aliases: ['名称', '企业名', '公司名称', '单位名称', '企业中文名称', '中文名称', 'name', 'namezh', 'company'],
      required: 'always',
      descriptionZh: '企业全称',
      descriptionEn: 'full registered name',
      example: '无锡示例微电子有限公司',
    },
    {
      key: 'uscc',
      headerZh: '统一社会信用代码',
      aliases: ['信用代码', '社会信用代码', '统一代码', 'uscc', 'creditcode'],
      required: false,
      descriptionZh: '18 位统一社会信用代码(GB 32100-2015,含校验位);请将此列设为文本格式',
      descriptionEn: '18-character Unified Social Credit Code with its check character; format the column as text',
      example: '91320214MA1XXXXXXX',
    },
    {
      key: 'id',
      headerZh: '企业编号',
      aliases: ['编号', 'firmid', 'firm_id', 'id'],
      required: false,
      descriptionZh: '无信用代码时的稳定编号(小写字母、数字、.-_);留空则自动生成',
      descriptionEn: 'stable id when there is no USCC (lower-case slug); empty = generated',
      example: '',
    },
    {
      key: 'name_en',
      headerZh: '英文名称',
      aliases: ['企业英文名称', 'nameen', 'englishname'],
      required: false,
      descriptionZh: '英文名称',
      descriptionEn: 'English name',
      example: 'Wuxi Example Microelectronics Co., Ltd.',
    },
    {
      key: 'region',
      headerZh: '所在地区',
      aliases: ['地区', '所在地', '注册地', '所在区域', '区域', '行政区划', 'region', 'regionid'],
      required: 'new',
      descriptionZh: '地区编号或中文名称,如 新吴区、无锡市新吴区、上海市',
      descriptionEn: 'region id or Chinese name, e.g. 新吴区, 无锡市新吴区, 上海市',
      example: '无锡市新吴区',
    },
    {
      key: 'ownership',
      headerZh: '企业性质',
      aliases: ['所有制', '经济类型', '企业类型', '登记注册类型', 'ownership'],
      required: 'new',
      descriptionZh: '外资 / 民营 / 国有 / 混合所有制(或 foreign / private / state / mixed)',
      descriptionEn: 'foreign / private / state / mixed (or 外资 / 民营 / 国有 / 混合所有制)',
      example: '民营',
    },
    {
      key: 'origin',
      headerZh: '资本来源',
      aliases: ['资本来源国', '投资来源国', '投资方国别', '国别', 'origin', 'originid'],
      required: false,
      descriptionZh: '资本来源国家(编号或名称,如 日本、kr);留空则取所在地区的国家',
      descriptionEn: 'country of origin of the capital (id or name); empty = the country of the region',
      example: '中国',
    },
    {
      key: 'segments',
      headerZh: '所属环节',
      aliases: ['环节', '产业链环节', '细分领域', 'segments', 'segment', 'segmentids'],
      required: 'new',
      descriptionZh: '环节编号或名称,多个用 ; 或 、 分隔,第一个为主营环节;填写即替换原有环节',
      descriptionEn: 'segment ids or names separated by ; — the first is the primary one; a value replaces the firm’s segments',
      example: 'IC设计;封装测试',
    },
    common.cluster,
    {
      key: 'listed',
      headerZh: '是否上市',
      aliases: ['上市', '上市企业', 'listed'],
      required: false,
      descriptionZh: '是 / 否',
      descriptionEn: 'yes / no',
      example: '否',
    },
    {
      key: 'high_tech',
      headerZh: '高新技术企业',
      aliases: ['是否高新技术企业', '高企', 'hightech'],
      required: false,
      descriptionZh: '是 / 否',
      descriptionEn: 'yes / no',
      example: '是',
    },
    {
      key: 'specialized',
      headerZh: '专精特新',
      aliases: ['是否专精特新', '专精特新企业', 'specialized'],
      required: false,
      descriptionZh: '是 / 否',
      descriptionEn: 'yes / no',
      example: '否',
    },
    {
      key: 'revenue',
      headerZh: '营收规模',
      aliases: ['营业收入', '营收', '年营收', 'revenue', 'revenueband'],
      required: false,
      descriptionZh: '规模档 XS/S/M/L/XL,或营业收入金额(默认亿元,表头可注明 万元)',
      descriptionEn: 'band XS/S/M/L/XL, or revenue (亿元 unless the header says 万元)',
      example: 'M',
      amount: 'yi',
    },
    {
      key: 'employees',
      headerZh: '员工规模',
      aliases: ['员工人数', '从业人数', '职工人数', '人数', 'employees', 'employeesband'],
      required: false,
      descriptionZh: '规模档 XS/S/M/L/XL,或员工人数',
      descriptionEn: 'band XS/S/M/L/XL, or head count',
      example: '300',
      amount: 'persons',
    },
    {
      key: 'tags',
      headerZh: '标签',
      aliases: ['tags', 'tag'],
      required: false,
      descriptionZh: '多个用 ; 分隔;填写即替换原有标签',
      descriptionEn: 'separated by ; — a value replaces the firm’s tags',
      example: '链主候选',
    },
    common.source,
    common.confidence,
  ],
  'firm-segments': [
    {
      key: 'firm',
      headerZh: '企业',
      aliases: ['企业名称', '公司名称', '企业编号', 'firm', 'firmid', 'name'],
      required: false,
      descriptionZh: firmRefHelp.zh + ';与信用代码至少填一项',
      descriptionEn: firmRefHelp.en + '; this or the USCC',
      example: '无锡示例微电子有限公司',
    },
    {
      key: 'uscc',
      headerZh: '统一社会信用代码',
      aliases: ['信用代码', '社会信用代码', 'uscc'],
      required: false,
      descriptionZh: '企业的统一社会信用代码',
      descriptionEn: 'the firm’s USCC',
      example: '',
    },
    {
      key: 'segment',
      headerZh: '环节',
      aliases: ['所属环节', '产业链环节', 'segment', 'segmentid'],
      required: 'always',
      descriptionZh: '一个环节的编号或名称',
      descriptionEn: 'one segment id or name',
      example: '封装测试',
    },
    common.cluster,
    {
      key: 'primary',
      headerZh: '是否主营',
      aliases: ['主营', '主营环节', 'primary'],
      required: false,
      descriptionZh: '是 / 否;留空对新归属记为否,对已有归属不变',
      descriptionEn: 'yes / no; empty = no for a new assignment, unchanged for an existing one',
      example: '是',
    },
  ],
  supplies: [
    {
      key: 'supplier',
      headerZh: '供应方',
      aliases: ['供应商', '供货企业', '卖方', '供应企业', 'supplier', 'from'],
      required: false,
      descriptionZh: '供货企业:' + firmRefHelp.zh,
      descriptionEn: 'the selling firm: ' + firmRefHelp.en,
      example: '无锡示例材料有限公司',
    },
    {
      key: 'supplier_uscc',
      headerZh: '供应方信用代码',
      aliases: ['供应商信用代码', 'supplieruscc', 'fromuscc'],
      required: false,
      descriptionZh: '供应方的统一社会信用代码(与供应方至少填一项)',
      descriptionEn: 'USCC of the supplier (this or the supplier column)',
      example: '',
    },
    {
      key: 'buyer',
      headerZh: '采购方',
      aliases: ['客户', '需求方', '买方', '采购企业', 'buyer', 'customer', 'to'],
      required: false,
      descriptionZh: '采购企业:' + firmRefHelp.zh,
      descriptionEn: 'the buying firm: ' + firmRefHelp.en,
      example: '无锡示例微电子有限公司',
    },
    {
      key: 'buyer_uscc',
      headerZh: '采购方信用代码',
      aliases: ['客户信用代码', 'buyeruscc', 'touscc'],
      required: false,
      descriptionZh: '采购方的统一社会信用代码(与采购方至少填一项)',
      descriptionEn: 'USCC of the buyer (this or the buyer column)',
      example: '',
    },
    {
      key: 'segment',
      headerZh: '供应环节',
      aliases: ['环节', '产品环节', 'segment', 'segmentid'],
      required: false,
      descriptionZh: '所供产品/服务所属环节(编号或名称)',
      descriptionEn: 'segment of what is supplied (id or name)',
      example: '封装材料',
    },
    common.cluster,
    common.source,
    common.confidence,
  ],
  projects: [
    {
      key: 'name_zh',
      headerZh: '项目名称',
      aliases: ['项目', 'projectname', 'name', 'namezh'],
      required: 'always',
      descriptionZh: '项目名称',
      descriptionEn: 'project name',
      example: '示例微电子12英寸特色工艺项目',
    },
    {
      key: 'id',
      headerZh: '项目编号',
      aliases: ['编号', 'projectid', 'project_id', 'id'],
      required: false,
      descriptionZh: '稳定编号(小写字母、数字、.-_);留空则由企业与项目名称生成',
      descriptionEn: 'stable id (lower-case slug); empty = derived from firm and name',
      example: '',
    },
    {
      key: 'name_en',
      headerZh: '英文名称',
      aliases: ['项目英文名称', 'nameen'],
      required: false,
      descriptionZh: '英文名称',
      descriptionEn: 'English name',
      example: '',
    },
    {
      key: 'firm',
      headerZh: '投资企业',
      aliases: ['企业', '企业名称', '签约企业', '投资方', 'firm', 'firmid'],
      required: false,
      descriptionZh: firmRefHelp.zh + ';与信用代码至少填一项',
      descriptionEn: firmRefHelp.en + '; this or the USCC',
      example: '无锡示例微电子有限公司',
    },
    {
      key: 'uscc',
      headerZh: '统一社会信用代码',
      aliases: ['信用代码', '企业信用代码', 'uscc', 'firmuscc'],
      required: false,
      descriptionZh: '投资企业的统一社会信用代码',
      descriptionEn: 'USCC of the investing firm',
      example: '',
    },
    {
      key: 'segments',
      headerZh: '所属环节',
      aliases: ['环节', '补链环节', '产业链环节', 'segments', 'segment', 'segmentids'],
      required: 'new',
      descriptionZh: '项目所填补的环节,多个用 ; 分隔',
      descriptionEn: 'segments the project fills, separated by ;',
      example: 'IC制造',
    },
    common.cluster,
    {
      key: 'status',
      headerZh: '项目状态',
      aliases: ['状态', '进度', '项目进度', 'status'],
      required: 'new',
      descriptionZh: '线索 / 接洽 / 洽谈 / 签约 / 落地 / 投产 / 终止',
      descriptionEn: 'lead / contacted / negotiating / signed / landed / operating / dropped',
      example: '签约',
    },
    {
      key: 'investment',
      headerZh: '总投资(亿元)',
      aliases: ['总投资', '投资额', '投资总额', '计划总投资', 'investment', 'investmentyi'],
      required: false,
      descriptionZh: '总投资金额,默认亿元(表头写 万元 则按万元)',
      descriptionEn: 'total investment in 亿元 (or 万元 when the header says so)',
      example: '25',
      amount: 'yi',
    },
    {
      key: 'signed_on',
      headerZh: '签约日期',
      aliases: ['签约时间', '签约', 'signedon', 'signed_on', 'signeddate'],
      required: false,
      descriptionZh: '日期,如 2021-03-05',
      descriptionEn: 'date, e.g. 2021-03-05',
      example: '2021-03-05',
    },
    {
      key: 'owner',
      headerZh: '负责人',
      aliases: ['责任人', '招商负责人', '责任单位', 'owner'],
      required: false,
      descriptionZh: '负责的人或部门',
      descriptionEn: 'person or office in charge',
      example: '招商中心',
    },
    common.source,
    common.confidence,
  ],
};

/** Columns of which a row needs at least one (a firm can be named by name/id or by USCC). */
export const oneOfColumns: Record<ImportKind, readonly (readonly string[])[]> = {
  firms: [],
  'firm-segments': [['firm', 'uscc']],
  supplies: [
    ['supplier', 'supplier_uscc'],
    ['buyer', 'buyer_uscc'],
  ],
  projects: [['firm', 'uscc']],
};

export interface MappedColumn {
  spec: ColumnSpec;
  /** 0-based index in the file's header row. */
  index: number;
  /** The header as written in the file. */
  header: string;
  /** Factor from the header's unit to the spec's base unit (万元 → 亿元 = 1e-4). */
  scale: number;
}

export interface HeaderMapping {
  kind: ImportKind;
  columns: MappedColumn[];
  /** Headers that no column of the kind reads (reported, not fatal). */
  ignored: string[];
  /** Keys of required columns missing from the header. */
  missing: string[];
  /** Several headers for one column. */
  duplicates: { key: string; headers: string[] }[];
}

const UNIT_SCALE: Record<AmountUnit, Record<string, number>> = {
  yi: { 亿元: 1, 亿: 1, 亿人民币: 1, 万元: 1e-4, 万: 1e-4, 元: 1e-8, cny100m: 1, yi: 1 },
  persons: { 人: 1, 名: 1, persons: 1, people: 1 },
};

type AliasIndex = Map<string, ColumnSpec>;
const aliasIndexes = new Map<ImportKind, AliasIndex>();

function aliasIndex(kind: ImportKind): AliasIndex {
  let index = aliasIndexes.get(kind);
  if (!index) {
    index = new Map();
    for (const spec of columnSpecs[kind]) {
      for (const name of [spec.key, spec.headerZh, ...spec.aliases]) {
        const n = normaliseHeader(name);
        index.set(n, spec);
        index.set(splitHeaderUnit(n).base, spec);
      }
    }
    aliasIndexes.set(kind, index);
  }
  return index;
}

/** Maps a header row onto the columns of one kind of import. */
export function mapHeader(kind: ImportKind, headers: readonly string[]): HeaderMapping {
  const index = aliasIndex(kind);
  const columns: MappedColumn[] = [];
  const ignored: string[] = [];
  const byKey = new Map<string, MappedColumn[]>();
  headers.forEach((header, i) => {
    if (!header.trim()) return;
    const n = normaliseHeader(header);
    const { base, unit } = splitHeaderUnit(n);
    const spec = index.get(n) ?? index.get(base);
    if (!spec) {
      ignored.push(header);
      return;
    }
    let scale = 1;
    if (spec.amount && unit) scale = UNIT_SCALE[spec.amount][unit] ?? 1;
    const col: MappedColumn = { spec, index: i, header, scale };
    columns.push(col);
    byKey.set(spec.key, [...(byKey.get(spec.key) ?? []), col]);
  });
  const duplicates = [...byKey.entries()]
    .filter(([, cols]) => cols.length > 1)
    .map(([key, cols]) => ({ key, headers: cols.map((c) => c.header) }));
  const present = new Set(byKey.keys());
  const missing = columnSpecs[kind].filter((s) => s.required === 'always' && !present.has(s.key)).map((s) => s.key);
  for (const group of oneOfColumns[kind]) {
    if (!group.some((k) => present.has(k))) missing.push(group.join('|'));
  }
  return { kind, columns, ignored, missing, duplicates };
}

/**
 * Picks the kind whose required columns are all present and which reads the
 * most of the file's columns; null when none fits or two fit equally well.
 */
export function detectKind(headers: readonly string[]): { kind: ImportKind | null; candidates: ImportKind[] } {
  const fits = importKinds
    .map((kind) => ({ kind, mapping: mapHeader(kind, headers) }))
    .filter((f) => f.mapping.missing.length === 0 && f.mapping.columns.length > 0)
    .sort((a, b) => b.mapping.columns.length - a.mapping.columns.length);
  if (fits.length === 0) return { kind: null, candidates: [] };
  if (fits.length > 1 && fits[0]!.mapping.columns.length === fits[1]!.mapping.columns.length) {
    return { kind: null, candidates: fits.filter((f) => f.mapping.columns.length === fits[0]!.mapping.columns.length).map((f) => f.kind) };
  }
  return { kind: fits[0]!.kind, candidates: [fits[0]!.kind] };
}

export function isImportKind(value: string): value is ImportKind {
  return (importKinds as readonly string[]).includes(value);
}
