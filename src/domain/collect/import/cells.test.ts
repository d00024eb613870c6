import { describe, expect, it } from 'vitest';
import {
  colourName,
  extractSelfAssessment,
  parseEvaluation,
  parseNameCell,
  parseSeqCell,
  splitProblemsAndNextSteps,
  splitUnits,
} from './cells';
import { isEmptyMarker, valueOrNull } from './text';

describe('cells', () => {
  it('codes, co-hosts and levels inside names', () => {
    expect(parseNameCell('实施“智慧+居家”养老服务（区共同主办单位：区民政局）区民生实事第19-2项')).toEqual({
      name: '实施“智慧+居家”养老服务',
      code: '19-2',
      cohosts: ['区民政局'],
      levels: ['区级'],
      flags: [],
    });
    const n = parseNameCell(
      '社区民生微实事 (区共同主办单位:区委组织部 (区委编办、区人才工作局)、区民政局) 区民生实事第32项',
    );
    expect(n).toMatchObject({
      name: '社区民生微实事',
      code: '32',
      cohosts: ['区委组织部（区委编办、区人才工作局）', '区民政局'],
    });
    expect(parseNameCell('新(改)建5家智慧菜场(标准化菜市场)(区级)')).toMatchObject({
      name: '新(改)建5家智慧菜场(标准化菜市场)',
      levels: ['区级'],
    });
    expect(parseNameCell('新增3家社区综合为老服务分中心(市级、区级)').levels).toEqual(['市级', '区级']);
    expect(parseNameCell('提高城乡居民医保报销比例（第二十六项）')).toMatchObject({
      code: '26',
      name: '提高城乡居民医保报销比例',
    });
    expect(parseNameCell('19-3 民治街道社区长者服务站')).toMatchObject({
      code: '19-3',
      name: '民治街道社区长者服务站',
    });
    expect(parseNameCell('老旧小区改造（人大重点监督）').flags).toEqual(['key_supervision']);
    expect(parseNameCell('“两企三新”党建 1号线').code).toBeNull();
  });

  it('seq cells', () => {
    expect(parseSeqCell('１')).toBe('1');
    expect(parseSeqCell('1.0')).toBe('1');
    expect(parseSeqCell('19－2')).toBe('19-2');
    expect(parseSeqCell('第32项')).toBe('32');
    expect(parseSeqCell('合计')).toBeNull();
    expect(parseSeqCell('/')).toBeNull();
  });

  it('self-assessment at the end of the progress text', () => {
    expect(extractSelfAssessment('完成总工程量39%（按计划推进）。')).toEqual({
      text: '完成总工程量39%。',
      selfAssessment: '按计划推进',
    });
    expect(extractSelfAssessment('项目已完工(已完成)。')).toEqual({ text: '项目已完工。', selfAssessment: '已完成' });
    expect(extractSelfAssessment('绿化待补种(绿化待10月补种)')).toEqual({
      text: '绿化待补种(绿化待10月补种)',
      selfAssessment: null,
    });
    expect(extractSelfAssessment('无')).toEqual({ text: null, selfAssessment: null });
  });

  it('empty markers', () => {
    for (const s of ['无', '/', '-', '—', ' 无。', '', '／']) expect(isEmptyMarker(s)).toBe(true);
    expect(valueOrNull('无障碍改造')).toBe('无障碍改造');
  });

  it('several units in one cell', () => {
    expect(splitUnits('城市建设办公室（前期办） 建设工程事务中心')).toEqual([
      '城市建设办公室（前期办）',
      '建设工程事务中心',
    ]);
    expect(splitUnits('区委组织部（区委编办、区人才工作局）、民政局、各街道')).toEqual([
      '区委组织部（区委编办、区人才工作局）',
      '民政局',
      '各街道',
    ]);
    expect(splitUnits('区民政局，区卫健委。')).toEqual(['区民政局', '区卫健委']);
    expect(splitUnits('/')).toEqual([]);
    expect(splitUnits('民治街道（工务）')).toEqual(['民治街道（工务）']);
  });

  it('problems and next steps in one cell', () => {
    expect(splitProblemsAndNextSteps('存在问题：资金未到位。下一步：尽快拨付。')).toEqual({
      problems: '资金未到位。',
      nextSteps: '尽快拨付。',
    });
    expect(splitProblemsAndNextSteps('1.征地滞后。\n2.下一步工作计划：加快征地。')).toEqual({
      problems: '1.征地滞后。',
      nextSteps: '加快征地。',
    });
    expect(splitProblemsAndNextSteps('无')).toEqual({ problems: null, nextSteps: null });
    expect(splitProblemsAndNextSteps('资金未到位')).toEqual({ problems: '资金未到位', nextSteps: null });
  });

  it('▋ → colour', () => {
    expect(colourName('00B050')).toBe('green');
    expect(colourName('FFFF00')).toBe('yellow');
    expect(colourName('FFC000')).toBe('yellow');
    expect(colourName('FF0000')).toBe('red');
    expect(colourName('D9D9D9')).toBeNull();
    expect(colourName('0070C0')).toBeNull();
    expect(parseEvaluation({ text: '▋', fill: '92D050' })).toEqual({ value: 'green', colourUnknown: false });
    expect(parseEvaluation({ text: '▋' })).toEqual({ value: null, colourUnknown: true });
    expect(parseEvaluation({ text: '已完成' })).toEqual({ value: '已完成', colourUnknown: false });
  });
});
