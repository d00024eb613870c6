import { describe, expect, it } from 'vitest';
import { extractQuantities } from './quantities';

const brief = (text: string) =>
  extractQuantities(text).map((q) => `${q.value}|${q.unit}|${q.kind}|${q.qualifier ?? ''}`);

describe('extractQuantities', () => {
  it.each([
    ['新建自行车道4.2公里，总体工程进度61.5%', ['4.2|公里|cumulative|', '61.5|%|percent|']],
    ['9月服务职工12000名,累计服务职工140100名', ['12000|名|period|', '140100|名|cumulative|']],
    ['新增75台,完工48台', ['75|台|cumulative|', '48|台|cumulative|']],
    ['新增就业2.76万人，投入11.54亿元', ['27600|人|cumulative|', '11.54|亿元|money|']],
    ['改造精品小区153万平方米', ['153|万平方米|cumulative|']],
    [
      '服务450余人次，近600人次，超400人，约200人',
      ['450|人次|cumulative|余', '600|人次|cumulative|近', '400|人|cumulative|超', '200|人|cumulative|约'],
    ],
    ['床位1500张以上', ['1500|张|other|以上']],
    ['新建两条通道、三万五千元、一百二十个', ['2|条|cumulative|', '35000|元|money|', '120|个|cumulative|']],
    ['完成百分之三十', ['30|%|percent|']],
    ['超序时22.1个百分点', ['22.1|个百分点|other|']],
    ['补助不低于3700元/月', ['3700|元/月|other|不低于']],
    ['新建口袋公园2-3个', ['2|个|cumulative|区间']],
    ['累计培训３，２００人次', ['3200|人次|cumulative|']],
    ['完成改造三百二十戶', ['320|户|cumulative|']],
  ])('%s', (text, expected) => {
    expect(brief(text)).toEqual(expected);
  });

  it.each([
    '7月15日开调度会，10月底前完成，2023年12月31日前投用',
    '1-9月情况',
    '1.已开会 2、已部署 （一）已落实 ①已验收 五、其他',
    '“两企三新”、二价HPV疫苗、“15分钟就业服务圈”、1号线、第二分公司',
    '实事项目第19-2项，01-01-01地块，10KV线路，5G网络，0-3岁，60周岁',
    '一批、一起、一次性、进一步、“一张网”、一户一档、二期工程、二次供水',
  ])('no quantities in: %s', (text) => {
    expect(extractQuantities(text)).toEqual([]);
  });

  it('keeps exact spans into the original text', () => {
    const text = '已完成１２００米（按计划推进）';
    const [q] = extractQuantities(text);
    expect(q?.text).toBe('１２００米');
    expect(text.slice(q?.span[0], q?.span[1])).toBe('１２００米');
  });

  it('marks breakdown components that sum to a total as other', () => {
    expect(brief('厨卫改造10户，扶手40户，合计50户')).toEqual(['10|户|other|', '40|户|other|', '50|户|cumulative|']);
  });

  it('reads planned, pending and distribution quantities as other', () => {
    expect(brief('计划新增200个，其中已完成150个，另有30个正在施工')).toEqual([
      '200|个|other|',
      '150|个|cumulative|',
      '30|个|other|',
    ]);
  });

  it('uses the unit inferred from a noun or money context', () => {
    expect(brief('为十万职工送保障，预算资金2000万')).toEqual(['100000|人|cumulative|', '2000|万元|money|']);
  });

  it('target context gives other/percent/money kinds only', () => {
    expect(extractQuantities('新开工380台、竣工190台', { context: 'target' }).map((q) => q.kind)).toEqual([
      'other',
      'other',
    ]);
  });
});
