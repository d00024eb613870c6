/** The fictional district's organization tree: government, 督查室, streets with 社区工作站, bureaus. */
import type { Organization } from '../model/types';
import { makeId } from './rng';

export const CITY_NAME = '澜州市';

/** Bureau keys used by the catalog. */
export type BureauKey =
  | 'mz'
  | 'jy'
  | 'wj'
  | 'zj'
  | 'cg'
  | 'wt'
  | 'rs'
  | 'xa'
  | 'cl'
  | 'zgh'
  | 'fl'
  | 'jt'
  | 'sw'
  | 'gws'
  | 'zzb'
  | 'tqw'
  | 'fg'
  | 'scjg'
  | 'ga'
  | 'zs'
  | 'yb'
  | 'tyjr';

/** [key, name, shortName, aliases]; '{d}' in an alias stands for the district's short name. */
const BUREAUS: [BureauKey, string, string | null, string[]][] = [
  ['mz', '区民政局', null, ['民政局']],
  ['jy', '区教育局', null, ['教育局']],
  ['wj', '区卫生健康局', '区卫健局', ['区卫健局', '卫健局', '区卫生健康委']],
  ['zj', '区住房建设局', '区住建局', ['区住建局', '住建局', '区住房和建设局']],
  ['cg', '区城市管理和综合执法局', '区城管局', ['区城管局', '城管局', '区城管和综合执法局']],
  ['wt', '区文化广电旅游体育局', '区文广旅体局', ['区文广旅体局', '区文体局', '文广旅体局']],
  ['rs', '区人力资源局', '区人力局', ['区人社局', '区人力局', '人力资源局']],
  ['xa', '区消防安全委员会办公室', '区消安委办', ['区消安委办', '消安委办']],
  ['cl', '区残联', null, ['区残疾人联合会', '残联']],
  ['zgh', '区总工会', null, ['总工会']],
  ['fl', '区妇联', null, ['区妇女联合会', '妇联']],
  ['jt', '区交通运输局', '区交通局', ['区交通局', '交通运输局']],
  ['sw', '区水务局', null, ['水务局']],
  ['gws', '区工务署', null, ['区建筑工务署', '工务署']],
  ['zzb', '区委组织部', null, ['组织部', '区委组织部（区人才工作局）']],
  ['tqw', '团区委', null, ['共青团{d}区委员会', '区团委']],
  ['fg', '区发展和改革局', '区发改局', ['区发改局', '发改局']],
  ['scjg', '区市场监督管理局', '区市场监管局', ['区市场监管局', '市场监管局']],
  ['ga', '区公安分局', null, ['澜州市公安局{d}分局', '公安分局']],
  ['zs', '区政务服务数据管理局', '区政数局', ['区政数局', '政务服务数据管理局']],
  ['yb', '区医疗保障局', '区医保局', ['区医保局', '医保局']],
  ['tyjr', '区退役军人事务局', '区退役军人局', ['区退役军人局', '退役军人事务局']],
];

const STREET_POOL = [
  '青石',
  '云溪',
  '枫林',
  '鹭湖',
  '桂岭',
  '松湾',
  '白沙',
  '梅岗',
  '翠屏',
  '金塘',
  '榕溪',
  '石门',
  '兰亭',
  '柳岸',
  '杉湖',
  '竹韵',
];

const COMMUNITY_POOL = [
  '溪岸',
  '望江',
  '松坪',
  '竹园',
  '花语',
  '泉头',
  '桥西',
  '东坑',
  '南岭',
  '北苑',
  '和平',
  '新田',
  '石岗',
  '柳塘',
  '上屋',
  '下围',
  '月湾',
  '锦绣',
  '翠湖',
  '金岭',
  '银湖',
  '枫香',
  '桃源',
  '杏林',
  '莲塘',
  '梧桐',
  '芳园',
  '盛平',
  '兴旺',
  '长岭',
  '横坑',
  '凤岗',
  '鹭洲',
  '安澜',
  '宝岭',
  '书香',
  '晨光',
  '德兴',
];

/** Communities per street (2–4), fixed so that the tree does not depend on the seed. */
const COMMUNITY_COUNTS = [3, 4, 2, 3, 3, 2, 4, 3, 2, 3, 4, 3];

const D_PREFIX = '枫鹭桂松梅翠金榕兰柳杉楠竹棠芷澄岚霞湘沐';
const D_SUFFIX = '山湖川岭浦湾塘港源林江原';

/** Short name of district `d` (0-based): 云溪, then generated two-character names. */
export function districtShortName(d: number): string {
  if (d === 0) return '云溪';
  const i = d - 1;
  return `${D_PREFIX[i % D_PREFIX.length]}${D_SUFFIX[Math.floor(i / D_PREFIX.length) % D_SUFFIX.length]}`;
}

export type StreetOrgs = { org: Organization; communities: Organization[] };

export type DistrictOrgs = {
  index: number;
  short: string;
  districtName: string;
  gov: Organization;
  office: Organization;
  streets: StreetOrgs[];
  bureaus: Record<BureauKey, Organization>;
  all: Organization[];
};

/** Build the organization tree of district `d`. Names of districts after the first carry the district name. */
export function buildDistrictOrgs(seed: number, d: number): DistrictOrgs {
  const short = districtShortName(d);
  const districtName = `${short}区`;
  const id = (key: string) => makeId(seed, `d${d}/org/${key}`);
  const named = (base: string) => (d === 0 ? base : base.startsWith('区') ? short + base : districtName + base);
  const aliasOf = (a: string) => (a.includes('{d}') ? a.replaceAll('{d}', short) : a.startsWith('区') ? named(a) : a);
  const all: Organization[] = [];
  const gov: Organization = {
    id: id('gov'),
    name: `${districtName}人民政府`,
    shortName: '区政府',
    kind: 'government',
    parentId: null,
    aliases: [`${districtName}政府`, `${CITY_NAME}${districtName}人民政府`],
  };
  const office: Organization = {
    id: id('office'),
    name: named('区政府督查室'),
    shortName: '督查室',
    kind: 'other',
    parentId: gov.id,
    aliases: [named('区督查室'), named('区府督查室')],
  };
  all.push(gov, office);
  const streets: StreetOrgs[] = [];
  let ci = 0;
  const rot = (d * 5) % STREET_POOL.length;
  COMMUNITY_COUNTS.forEach((count, si) => {
    const sname = `${STREET_POOL[(si + rot) % STREET_POOL.length]}街道`;
    const org: Organization = {
      id: id(`street-${si}`),
      name: named(sname),
      shortName: sname.replace('街道', ''),
      kind: 'street',
      parentId: gov.id,
      aliases: [named(`${sname}办事处`), named(`${sname}办`)],
    };
    all.push(org);
    const communities: Organization[] = [];
    for (let k = 0; k < count; k++) {
      const cname = COMMUNITY_POOL[(ci + d * 7) % COMMUNITY_POOL.length]!;
      ci++;
      const c: Organization = {
        id: id(`community-${si}-${k}`),
        name: named(`${cname}社区工作站`),
        shortName: `${cname}社区`,
        kind: 'community',
        parentId: org.id,
        aliases: [named(`${sname}${cname}社区工作站`), named(`${cname}社区`)],
      };
      communities.push(c);
      all.push(c);
    }
    streets.push({ org, communities });
  });
  const bureaus = {} as Record<BureauKey, Organization>;
  for (const [key, name, shortName, aliases] of BUREAUS) {
    const org: Organization = {
      id: id(`bureau-${key}`),
      name: named(name),
      shortName: shortName ? named(shortName) : null,
      kind: 'bureau',
      parentId: gov.id,
      aliases: [...new Set(aliases.map(aliasOf))].filter((x) => x !== named(name)),
    };
    bureaus[key] = org;
    all.push(org);
  }
  return { index: d, short, districtName, gov, office, streets, bureaus, all };
}
