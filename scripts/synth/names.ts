// Firm names for synthetic firms: "<city><3-character trade name><industry word><legal form>",
// e.g. 苏州瑞芯鼎微电子有限公司. The trade name is a bijection of the firm's index
// (mixed radix over 127 characters, scrambled by a multiplier), so names are
// unique for the first 127³ ≈ 2 million firms of a seed; beyond that a branch
// number keeps them unique.
import type { Region } from '../../server/domain/model.js';

const CHARS = [
  ...'华信芯微创新达科泰恒瑞盛通源宏鼎汇联智航锐博睿晶光德利安康迅鑫丰海天中金银星辰凯祥福隆佳和嘉正诚腾飞云益启元捷峰明昊宇翔辉强力凌扬远众兴旭东方南北富荣昌永长亿万千百成立宁合纳卓越精工英特思维普美尔奥斯蓝青紫彩虹宸泓澜涛浩洋江川山林森禾田景朗晟祺琪瑾璟琦琨',
];
if (new Set(CHARS).size !== 127) throw new Error('names.ts: CHARS must hold 127 distinct characters');
const LATIN = ['ka', 'ri', 'to', 'ne', 'su', 'mo', 'la', 'vi', 'den', 'sor', 'tel', 'mar', 'xin', 'hua', 'tai', 'rui'];
const SPACE = 127 ** 3;
const MULTIPLIER = 7919; // prime, coprime with 127³

const INDUSTRY: Record<string, { zh: string[]; en: string }> = {
  ic: { zh: ['微电子', '半导体', '集成电路', '芯片科技'], en: 'Semiconductor' },
  software: { zh: ['软件', '信息技术', '数字科技', '网络科技'], en: 'Software' },
  equipment: { zh: ['智能装备', '机械', '精密机械', '自动化设备'], en: 'Machinery' },
  'auto-parts': { zh: ['汽车零部件', '汽车部件', '汽车电子', '动力系统'], en: 'Auto Parts' },
  components: { zh: ['电子元件', '电子', '精密电子', '电子材料'], en: 'Electronics' },
  materials: { zh: ['新材料', '材料科技', '化工材料', '特种材料'], en: 'Materials' },
  iot: { zh: ['物联网科技', '传感技术', '智能科技', '物联技术'], en: 'IoT' },
  'new-energy': { zh: ['新能源', '能源科技', '光伏科技', '储能科技'], en: 'New Energy' },
  biomed: { zh: ['生物医药', '医疗器械', '生物科技', '药业'], en: 'Biotech' },
  eco: { zh: ['环保科技', '环境工程', '节能科技', '水处理'], en: 'Environmental' },
  ai: { zh: ['人工智能', '智能科技', '机器人', '视觉科技'], en: 'AI' },
  '5g': { zh: ['通信技术', '通讯科技', '射频科技', '网络技术'], en: 'Communications' },
};
const FALLBACK = { zh: ['科技', '实业', '技术', '工业'], en: 'Technology' };

export interface FirmNameParts {
  city: Region;
  clusterId: string;
  abroad: boolean;
  listed: boolean;
}

export function firmName(index: number, seed: number, parts: FirmNameParts): { zh: string; en?: string } {
  const round = Math.floor(index / SPACE);
  let x = (((index % SPACE) * MULTIPLIER) % SPACE + (seed % SPACE)) % SPACE;
  const a = x % 127;
  x = Math.floor(x / 127);
  const b = x % 127;
  const c = Math.floor(x / 127);
  const trade = CHARS[a]! + CHARS[b]! + CHARS[c]!;
  const industry = INDUSTRY[parts.clusterId] ?? FALLBACK;
  const word = industry.zh[(a + b) % industry.zh.length]!;
  const place = parts.city.nameZh.replace(/市$/, '');
  const branch = round > 0 ? `第${round + 1}分公司` : '';
  if (parts.abroad) {
    const latin = LATIN[a % 16]! + LATIN[b % 16]! + LATIN[c % 16]!;
    const en = `${latin[0]!.toUpperCase()}${latin.slice(1)} ${industry.en} ${parts.city.nameEn}${round > 0 ? ` ${round + 1}` : ''}`;
    return { zh: `${place}${trade}${word}公司${branch}`, en };
  }
  return { zh: `${place}${trade}${word}${parts.listed ? '股份有限公司' : '有限公司'}${branch}` };
}
