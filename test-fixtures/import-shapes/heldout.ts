/**
 * Shapes written AFTER the importer work was finished and scored once, without changing the importer for them:
 * an honest (small) check of how the general rules carry to tables not used while building. Not part of the tests.
 */
import type { Fixture } from './harness';

export const HELDOUT: Fixture[] = [
  {
    id: 'h01-cells-traditional-investment',
    shape: '繁体网页复制每格一行；計劃投資/完成投資（萬元）；責任部門',
    title: ['2023年鎮政府民生實事投資進度'],
    textForm: 'cellsBlank',
    header: [['序號', '項目名稱', '計劃投資（萬元）', '完成投資（萬元）', '責任部門']],
    rows: [
      ['1', '鎮區污水管網延伸', '860', '512', '鎮建設辦'],
      ['2', '村級衛生室標準化', '240', '240', '鎮衛生院'],
    ],
    expected: [
      {
        name: '鎮區污水管網延伸',
        code: '1',
        fields: { investmentPlanned: '860', investmentDone: '512', leadUnits: ['鎮建設辦'] },
      },
      { name: '村級衛生室標準化', code: '2', fields: { investmentDone: '240' } },
    ],
  },
  {
    id: 'h02-spaces-street-breakdown',
    shape: '空格分隔，一个项目按街道分解，项目名称只写在第一行，末行合计',
    title: ['2024年区级民生实事：新增公共充电桩分街道进度'],
    textForm: 'spaces',
    header: [['序号', '项目名称', '街道', '计划数', '完成数', '完成率']],
    rows: [
      [{ t: '1', rs: 3 }, { t: '新增公共充电桩', rs: 3 }, '北关街道', '120', '96', '80%'],
      ['南湖街道', '80', '80', '100%'],
      ['城西街道', '100', '45', '45%'],
      ['合计', '', '', '300', '221', '73.7%'],
    ],
    expected: [{ name: '新增公共充电桩', code: '1', breakdown: 3, fields: { targetNumber: '300', actual: '221' } }],
  },
  {
    id: 'h03-pipe-excerpt-responsible',
    shape: '“|”分隔，序号从11起，责任单位+工作进展+累计进度',
    title: ['（接上表）'],
    textForm: 'pipe',
    header: [['序号', '实事项目', '责任单位', '工作进展', '累计进度']],
    rows: [
      ['11', '建设城市绿道15公里', '市园林局', '已建成绿道11公里。', '73%'],
      ['12', '改造农贸市场6个', '市商务局', '4个已完工，2个正在施工。', '80%'],
      ['13', '新增婴幼儿托位900个', '市卫健委', '已新增托位520个。', '58%'],
    ],
    expected: [
      { name: '建设城市绿道15公里', code: '11', fields: { rate: '73%', leadUnits: ['市园林局'] } },
      { name: '改造农贸市场6个', code: '12', fields: { progress: '4个已完工，2个正在施工。' } },
      { name: '新增婴幼儿托位900个', code: '13', fields: { rate: '58%' } },
    ],
  },
];
