import { describe, expect, it } from 'vitest';
import { topicBefore } from './context';
import { preliminaryOf } from './preliminary';
import { extractQuantities } from './quantities';
import { matchQuantities } from './ratios';
import { parseTarget } from './targets';

const brief = (text: string) =>
  extractQuantities(text).map((q) => `${q.value}|${q.unit}|${q.kind}|${q.preliminary ? 'pre' : ''}`);

describe('preliminary work', () => {
  it.each([
    ['掌握3家机构运营情况', ['3|家|other|']],
    ['共计申报项目9个', ['9|个|other|pre']],
    ['累计摸排住户520户', ['520|户|cumulative|pre']],
    ['对接服务商2家', ['2|家|cumulative|pre']],
    ['完成6个小区方案设计', ['6|个|cumulative|pre']],
    ['已完成加装电梯立项40台', ['40|台|cumulative|pre']],
    ['走访慰问困难户150户', ['150|户|cumulative|']],
    ['排查出的隐患12处已全部整改', ['12|处|cumulative|']],
    ['已建成驿站7个', ['7|个|cumulative|']],
  ])('%s', (text, expected) => {
    expect(brief(text)).toEqual(expected);
  });

  it('budgets are money but preliminary', () => {
    expect(preliminaryOf('项目总投资', '', [])).toEqual({ verb: '', knowing: false });
    expect(preliminaryOf('已拨付资金', '', [])).toBeNull();
  });

  it('counts towards a target only when the target names the same work', () => {
    const qs = extractQuantities('已走访企业40家，摸排用工需求300个');
    expect(matchQuantities(parseTarget('走访企业100家'), qs).get(0)?.value).toBe(40);
    expect(matchQuantities(parseTarget('帮助企业招工300个'), qs).size).toBe(0);
  });
});

describe('topicBefore', () => {
  it.each([
    ['新增社区书屋', '社区书屋'],
    ['新建青少年活动服务中心', '青少年活动服务中心'.slice(-8)],
    ['新改建口袋公园已完成', '口袋公园'],
    ['全年加装电梯开工60台、竣工', null],
    ['已完成', null],
  ])('%s', (local, expected) => {
    expect(topicBefore(local)).toBe(expected);
  });
});

describe('matching across unit wordings', () => {
  const ratio = (progress: string, target: string) => {
    const subs = parseTarget(target);
    const m = matchQuantities(subs, extractQuantities(progress), progress);
    const q = m.get(0);
    return q && subs[0]?.value ? q.value / subs[0].value : null;
  };
  it.each([
    ['已为300个家庭安装', '为600户家庭安装', 0.5],
    ['已新建9处充电点位', '新建充电点位18个', 0.5],
    ['已为20部电梯加装', '为40台电梯加装', 0.5],
    ['参训群众900人次', '培训群众1800人', null],
    ['已签约楼栋10栋', '加装电梯20台', null],
  ])('%s ↔ %s', (progress, target, expected) => {
    expect(ratio(progress, target)).toBe(expected);
  });
});
