/**
 * Second blind held-out set: 8 table shapes, written blind on 2026-12-02 WITHOUT reading the importer's source
 * (nothing under src/ was opened; only harness.ts, fixtures.ts, heldout.ts and SOURCES.md as format references).
 * FROZEN: score the importer on it as it is; never tune the importer on these fixtures, never edit them to fit it.
 *
 * Each fixture reproduces the SHAPE of a real published table found with the `search` tool (corpus "pages"), none of
 * them among the 23 sources in SOURCES.md. Names, units, places and figures are invented (fictional 青川县, 枫桥区,
 * 临江市, 南塘区 …); no text was copied.
 *
 *  g01  http://honglinkj.com/yylq/21487/21498/21517/content_904163.html (district, 2017 1-8月; also its traditional
 *       mirror http://monopolymediamarketing.com/21487/21498/21517/content_904163.html) — the 项目名称 header covers
 *       two columns: ordinary rows fill both, an item with several indicators has its name merged down the first
 *       column and one indicator per row in the second; 目标任务 with units ("1300人"), bare actuals, 完成率%, 备注
 *       reasons; empty actual cells. Plus http://yylq.gov.cn/21487/21498/21517/content_1568362.html (same district,
 *       2019 1-7月): targets written as standards ("不低于…"), actual left empty and the rate 100%, plain-text copy with
 *       runs of spaces.
 *  g02  https://www.chengxiang.gov.cn/zwgk/wmbss/201609/t20160920_622694.htm (district, 2016; the attached 一览表, not
 *       the 通报 texts of SOURCES #8) — two-row header: 进展情况 over two dated columns (earlier / 最新进展), 承办单位
 *       over 主办 / 协办; 内容和目标 column; "|" copy.
 *  g03  http://www.qwzhang.com/art/2024/7/10/art_100160_2950943.html (county-level city, 2024 Q2, traditional mirror) —
 *       序號 / 事項名稱 / 任務目標 / 進展情況 / 責任單位 / 完成情況, the last a status phrase (已完成二季度任務); inline "|" copy
 *       (written here as Markdown, the closest text form).
 *  g04  http://ticketshut.com/21487/21496/content_1375063.html (district, 2018 half-year 一览表, traditional mirror) —
 *       person columns interleaved with unit columns (责任领导 / 区政府办协管责任人 / 牵头单位 / 责任人 / 相关单位 /
 *       完成情况), names padded with spaces ("徐  平"), a ▲ flag before some item names, 相关单位 broken over lines
 *       with trailing commas; one cell per line with blank lines.
 *  g05  https://www.xuancheng.gov.cn/OpennessContent/show/3217501.html (city, 2024 notice of 47 项民生实事) — the annual
 *       list as text: "一、促进就业（3项）" category headings with a count, items numbered straight through "1.…"
 *       with the lead unit in brackets at the end "（牵头单位：市人社局）".
 *  g06  http://m.866tx.com/art/2021/8/23/art_1229471074_58991397.html (district, 2021, traditional mirror) — no number
 *       column; 项目名称 / 内容 / 牵头单位 / 进展情况（7月）/ 进展情况（10月）/ 进展情况（12月): three report periods
 *       side by side, header words broken inside their cells; one cell per line (the page has blank lines between
 *       cells; written here without them), the latest period still empty for one row.
 *  g07  https://www.haian.gov.cn/hasmzju/zdgz/content/fed72601-e743-42c4-bce2-ca1dcb3a7b0d.html (city bureau, 2023) —
 *       one department's excerpt numbered from 15; 责任单位 BEFORE the content, no separate name column (实施内容 is the
 *       item); 协同单位 separated by spaces; 分管领导; 最新进度（date in header）; 是否达序时; 未达序时原因及存在问题.
 *       Written as a tab copy (in-cell header breaks become spaces, as "分管 领导" in the page text).
 *  g08  https://www.ly.gov.tw/Pages/Detail.aspx?nodeid=43776&pid=193213 (Taiwan legislature budget office, 107年度
 *       決算評估) — unit line "單位：新臺幣千元" above the table; two-row header 可支用預算數 over 年度預算數 / 以前年度保留數
 *       / 合計, then 決算數 / 執行率; amounts with thousands commas; 合計 row; note line under the table; one cell per
 *       line with blank lines. (Same office's https://www.ly.gov.tw/Pages/Detail.aspx?nodeid=44303&pid=204859 shows the
 *       same unit-line + two-row-header habit.)
 *
 * Expected values are what a careful human would record; values a human might record differently (e.g. whether a
 * target cell is annualTarget or targetNumber, thousands commas, category labels with counts) are left out.
 */
import type { Fixture } from './harness';

export const HELDOUT2: Fixture[] = [
  {
    id: 'g01-spaces-name-over-two-columns-indicators',
    shape: '空格分隔：“项目名称”表头跨两列，普通行名称占两列，多指标项目名称纵向合并、第二列逐行写指标；目标任务带单位，实际完成为裸数，空格子，备注写原因',
    title: ['青川县2025年1-8月省重点民生实事完成情况表'],
    textForm: 'spaces',
    header: [['序号', { t: '省重点民生实事项目名称', cs: 2 }, '责任单位', '目标任务', '1-8月实际完成情况', '1-8月实际完成率%', '备注']],
    rows: [
      ['1', { t: '农村饮用水安全巩固提升', cs: 2 }, '县水利局', '1500人', '820', '55%', '已解决820人饮水问题'],
      ['2', { t: '新增城镇就业', cs: 2 }, '县人社局', '6200', '5100', '82%', ''],
      ['3', { t: '建设农村公办幼儿园', cs: 2 }, '县教育局', '3所', '', '65%', '两所主体完工，一所正在基础施工。'],
      [
        { t: '4', rs: 3 },
        { t: '提高城乡低保标准和救助水平', rs: 3 },
        '城市低保月人均补差达到320元',
        '县民政局',
        '320元',
        '335元',
        '100%',
        '',
      ],
      ['农村低保月人均补差达到180元', '县民政局', '180元', '186元', '100%', ''],
      ['特困人员基本生活标准不低于当地低保标准1.3倍', '县民政局', '不低于1.3倍', '', '100%', '已按1.3倍标准发放'],
      ['5', { t: '新增社会治安视频监控摄像头', cs: 2 }, '县公安局', '120个', '', '', '设备采购中'],
    ],
    expected: [
      {
        name: '农村饮用水安全巩固提升',
        code: '1',
        fields: { leadUnits: ['县水利局'], actual: '820', rate: '55%', remarks: '已解决820人饮水问题' },
      },
      { name: '新增城镇就业', code: '2', fields: { leadUnits: ['县人社局'], actual: '5100', rate: '82%' } },
      { name: '建设农村公办幼儿园', code: '3', fields: { rate: '65%', remarks: '两所主体完工，一所正在基础施工。' } },
      { name: '提高城乡低保标准和救助水平', code: '4' },
      {
        name: '城市低保月人均补差达到320元',
        code: null,
        parentCode: '4',
        fields: { leadUnits: ['县民政局'], actual: '335元', rate: '100%' },
      },
      { name: '农村低保月人均补差达到180元', code: null, parentCode: '4', fields: { actual: '186元' } },
      {
        name: '特困人员基本生活标准不低于当地低保标准1.3倍',
        code: null,
        parentCode: '4',
        fields: { rate: '100%', remarks: '已按1.3倍标准发放' },
      },
      { name: '新增社会治安视频监控摄像头', code: '5', fields: { leadUnits: ['县公安局'], remarks: '设备采购中' } },
    ],
  },
  {
    id: 'g02-pipe-two-periods-host-assist',
    shape: '“|”分隔，两行表头：“进展情况”下分上期/最新进展，“承办单位”下分主办/协办；内容和目标列',
    title: ['附件', '枫桥区2025年为民办实事项目进展情况一览表'],
    textForm: 'pipe',
    header: [
      [
        { t: '序号', rs: 2 },
        { t: '项目名称', rs: 2 },
        { t: '内容和目标', rs: 2 },
        { t: '进展情况', cs: 2 },
        { t: '承办单位', cs: 2 },
      ],
      ['至8月10日进展', '最新进展', '主办', '协办'],
    ],
    rows: [
      [
        '1',
        '农村公路安保工程',
        '完成县乡道安保设施提升80公里，年底前全部完工。',
        '已完成招标，进场施工12公里。',
        '已完成安保设施46公里，占任务的57.5%。',
        '区交通运输局',
        '区公安分局、各镇',
      ],
      ['2', '城乡菜市场提升改造', '改造提升菜市场6个，其中城区2个、乡镇4个。', '4个已完成设计。', '2个已完工，4个正在施工。', '区商务局', '区市场监管局'],
      ['3', '居家养护补助', '为800名失能半失能老人发放居家养护补助。', '已核定对象612人。', '已发放补助763人，进度滞后。', '区民政局', '区财政局、区卫健局'],
      ['4', '公办幼儿园建设', '新建公办幼儿园2所，新增学位540个。', '完成主体基础工程。', '1所主体封顶，1所正在二层施工。', '区教育局', ''],
    ],
    expected: [
      {
        name: '农村公路安保工程',
        code: '1',
        fields: {
          annualTarget: '完成县乡道安保设施提升80公里，年底前全部完工。',
          progress: '已完成安保设施46公里，占任务的57.5%。',
          leadUnits: ['区交通运输局'],
          assistUnits: ['区公安分局', '各镇'],
        },
      },
      {
        name: '城乡菜市场提升改造',
        code: '2',
        fields: { progress: '2个已完工，4个正在施工。', assistUnits: ['区市场监管局'] },
      },
      { name: '居家养护补助', code: '3', fields: { leadUnits: ['区民政局'], assistUnits: ['区财政局', '区卫健局'] } },
      {
        name: '公办幼儿园建设',
        code: '4',
        fields: { progress: '1所主体封顶，1所正在二层施工。', leadUnits: ['区教育局'] },
      },
    ],
  },
  {
    id: 'g03-markdown-traditional-status-column',
    shape: '繁體鏡像頁：序號/事項名稱/任務目標/進展情況/責任單位/完成情況（“已完成二季度任務”狀態短語）；行內“|”複製，以Markdown表示',
    title: ['附件', '2025年二季度20項重點民生實事進展情況表'],
    textForm: 'markdown',
    header: [['序號', '事項名稱', '任務目標', '進展情況', '責任單位', '完成情況']],
    rows: [
      [
        '1',
        '應急物資儲備庫擴建項目',
        '在城北儲備庫東側擴建倉房，預計2025年6月完工，新增儲備能力8000立方米。',
        '主體及屋面工程已完成，6月中旬完成預驗收，7月初投入使用。',
        '發改局',
        '已完成二季度任務',
      ],
      [
        '2',
        '鎮級便民服務中心“一窗通辦”改造',
        '完成5個鎮級便民服務中心綜合窗口改造。',
        '已完成3個中心改造，其餘2個正在進行設備調試。',
        '審批局',
        '未完成二季度任務',
      ],
      ['3', '城區智慧停車平台建設', '上半年建成停車信息平台，接入公共泊位3000個。', '平台已上線試運行，已接入泊位3150個。', '城管局', '已完成二季度任務'],
      ['4', '農村供水管網改造', '改造農村老舊供水管網60公里。', '已完成改造34公里，占全年任務的56.7%。', '水務局', '已完成二季度任務'],
    ],
    expected: [
      {
        name: '應急物資儲備庫擴建項目',
        code: '1',
        fields: {
          annualTarget: '在城北儲備庫東側擴建倉房，預計2025年6月完工，新增儲備能力8000立方米。',
          progress: '主體及屋面工程已完成，6月中旬完成預驗收，7月初投入使用。',
          leadUnits: ['發改局'],
          evaluation: '已完成二季度任務',
        },
      },
      {
        name: '鎮級便民服務中心“一窗通辦”改造',
        code: '2',
        fields: { leadUnits: ['審批局'], evaluation: '未完成二季度任務' },
      },
      { name: '城區智慧停車平台建設', code: '3', fields: { progress: '平台已上線試運行，已接入泊位3150個。' } },
      { name: '農村供水管網改造', code: '4', fields: { leadUnits: ['水務局'], evaluation: '已完成二季度任務' } },
    ],
  },
  {
    id: 'g04-cells-blank-persons-interleaved-flag',
    shape: '网页复制每格一行、格间空行：责任领导/协管责任人/牵头单位/责任人/相关单位/完成情况，人名列与单位列交错，人名中间有空格；名称前▲标记（表后注释说明）；相关单位分行、行尾逗号',
    title: ['2025年区政府民生实事项目半年度完成情况一览表'],
    textForm: 'cellsBlank',
    header: [['序号', '实事项目', '责任领导', '区政府办协管责任人', '牵头单位', '责任人', '相关单位', '完成情况']],
    rows: [
      [
        '1',
        '新建城南、城北2所公办幼儿园，新增学位720个',
        '周  敏',
        '李  航',
        '区教育局',
        '陈立群',
        '区住建局、区自然资源局，\n城南街道、城北街道',
        '城南幼儿园主体封顶，城北幼儿园完成基础施工。',
      ],
      ['2', '▲改造提升农贸市场3个', '周  敏', '李  航', '区商务局', '王建平', '区市场监管局、区城管局', '2个已完工，1个正在屋面施工。'],
      [
        '3',
        '为1.2万名65岁以上老年人免费健康体检',
        '赵晓红',
        '孙  洁',
        '区卫健局',
        '刘  芳',
        '各乡、街道办事处',
        '已体检7860人，完成年度任务的65.5%。',
      ],
      [
        '4',
        '▲新增城市公共停车泊位1500个',
        '何国庆',
        '李  航',
        '区城管局',
        '邓  伟',
        '区公安分局交警大队，\n区住建局，\n各街道办事处',
        '已建成泊位980个。',
      ],
    ],
    after: ['注：标▲的为市级绩效考核事项。'],
    expected: [
      {
        name: '新建城南、城北2所公办幼儿园，新增学位720个',
        code: '1',
        fields: {
          leadUnits: ['区教育局'],
          assistUnits: ['区住建局', '区自然资源局', '城南街道', '城北街道'],
          progress: '城南幼儿园主体封顶，城北幼儿园完成基础施工。',
        },
      },
      {
        name: '改造提升农贸市场3个',
        code: '2',
        fields: { leadUnits: ['区商务局'], assistUnits: ['区市场监管局', '区城管局'] },
      },
      {
        name: '为1.2万名65岁以上老年人免费健康体检',
        code: '3',
        fields: { leadUnits: ['区卫健局'], progress: '已体检7860人，完成年度任务的65.5%。' },
      },
      {
        name: '新增城市公共停车泊位1500个',
        code: '4',
        fields: {
          leadUnits: ['区城管局'],
          assistUnits: ['区公安分局交警大队', '区住建局', '各街道办事处'],
          progress: '已建成泊位980个。',
        },
      },
    ],
  },
  {
    id: 'g05-notice-list-categories-inline-lead',
    shape: '年度民生实事通知正文：“一、类别（N项）”标题，条目连续编号“1.…”，句末括注“（牵头单位：…）”',
    title: ['临江市民生工作领导小组办公室关于2026年实施30项民生实事的通知'],
    narrative: [
      '各县（市、区）人民政府，市直有关单位：',
      '经市政府同意，2026年我市实施30项民生实事，具体安排如下。',
      '一、促进就业（2项）',
      '1.促进高校毕业生等重点群体就业，新增城镇就业3.6万人（牵头单位：市人社局）',
      '2.开展家政服务人员技能培训8000人次。（牵头单位：市商务局、市人社局）',
      '二、社会保障（3项）',
      '3.为困难失能老年人提供居家上门服务1200人。（牵头单位：市民政局）',
      '4.新增普惠托位600个。（牵头单位：市卫健委）',
      '5.提高城乡低保标准，城市低保不低于每人每月780元。（牵头单位：市民政局）',
      '三、交通出行（1项）',
      '6.新建改建农村公路120公里。（牵头单位：市交通运输局）',
    ],
    expected: [
      { name: '促进高校毕业生等重点群体就业，新增城镇就业3.6万人', code: '1', fields: { leadUnits: ['市人社局'] } },
      { name: '开展家政服务人员技能培训8000人次', code: '2', fields: { leadUnits: ['市商务局', '市人社局'] } },
      { name: '为困难失能老年人提供居家上门服务1200人', code: '3', fields: { leadUnits: ['市民政局'] } },
      { name: '新增普惠托位600个', code: '4', fields: { leadUnits: ['市卫健委'] } },
      { name: '提高城乡低保标准，城市低保不低于每人每月780元', code: '5', fields: { leadUnits: ['市民政局'] } },
      { name: '新建改建农村公路120公里', code: '6', fields: { leadUnits: ['市交通运输局'] } },
    ],
  },
  {
    id: 'g06-cells-three-periods-no-number',
    shape: '无序号；项目名称/内容/牵头单位/进展情况（7月）/（10月）/（12月）三期并列，表头单元格内折行；每格一行，一行的最新一期为空',
    title: ['南塘区2025年民生实事项目进展情况'],
    textForm: 'cells',
    header: [['项目\n名称', '内容', '牵头单位', '进展情况\n（7月）', '进展情况\n（10月）', '进展情况\n（12月）']],
    rows: [
      [
        '养老服务项目',
        '新增示范型居家养老服务照料中心12家，实施困难老年人家庭适老化改造300户。',
        '区民政局',
        '已建成照料中心5家，完成适老化改造140户。',
        '已建成照料中心12家，完成适老化改造262户。',
        '已建成照料中心13家，完成适老化改造318户，超额完成。',
      ],
      ['托育服务项目', '新增普惠托位400个。', '区卫健局', '已新增托位150个。', '已新增托位310个。', '已新增托位426个。'],
      ['校园安全提升项目', '为全区中小学校安装智能门禁系统60套。', '区教育局', '完成招标。', '已安装41套。', '已全部安装调试完毕。'],
      ['背街小巷改造项目', '改造背街小巷20条。', '区城管局', '8条已开工。', '已完工11条。', ''],
    ],
    expected: [
      {
        name: '养老服务项目',
        code: null,
        fields: {
          annualTarget: '新增示范型居家养老服务照料中心12家，实施困难老年人家庭适老化改造300户。',
          leadUnits: ['区民政局'],
          progress: '已建成照料中心13家，完成适老化改造318户，超额完成。',
        },
      },
      { name: '托育服务项目', code: null, fields: { leadUnits: ['区卫健局'], progress: '已新增托位426个。' } },
      { name: '校园安全提升项目', code: null, fields: { progress: '已全部安装调试完毕。' } },
      { name: '背街小巷改造项目', code: null, fields: { leadUnits: ['区城管局'] } },
    ],
  },
  {
    id: 'g07-tsv-unit-first-content-as-name',
    shape: '部门摘录（序号从15起）：责任单位在前，实施内容即项目（无名称列）；协同单位以空格分隔；分管领导；最新进度（日期在表头）；是否达序时；未达序时原因及存在问题',
    title: ['临江市民政局2025年民生实事项目实施进度表'],
    textForm: 'tsv',
    header: [['序号', '责任单位', '实施内容', '协同单位', '分管\n领导', '最新进度（8月24日）', '是否\n达序时', '未达序时原因\n及存在问题']],
    rows: [
      [
        '15',
        '民政局',
        '新增养老机构不少于2家、养老床位不少于300张，完成居家适老化改造400户。',
        '财政局 住建局 行政审批局 各镇街道',
        '陈晓东',
        '新增养老机构2家，新增床位260张；适老化改造已完成310户，9月底前全部完成。',
        '是',
        '',
      ],
      ['16', '民政局', '建设村（社区）儿童之家10个。', '教育局 妇联 各镇街道', '陈晓东', '已建成6个，其余4个正在装修。', '否', '部分村选址调整，开工推迟1个月。'],
      ['17', '民政局', '为困难群众发放取暖补贴1.5万户。', '财政局', '陈晓东', '补贴资金已下达，计划11月集中发放。', '是', ''],
      ['18', '民政局', '建成区级未成年人救助保护中心1个。', '住建局 财政局', '陈晓东', '主体工程完工，正在内部装修。', '是', ''],
    ],
    expected: [
      {
        name: '新增养老机构不少于2家、养老床位不少于300张，完成居家适老化改造400户',
        code: '15',
        fields: {
          leadUnits: ['民政局'],
          assistUnits: ['财政局', '住建局', '行政审批局', '各镇街道'],
          progress: '新增养老机构2家，新增床位260张；适老化改造已完成310户，9月底前全部完成。',
          evaluation: '是',
        },
      },
      {
        name: '建设村（社区）儿童之家10个',
        code: '16',
        fields: {
          assistUnits: ['教育局', '妇联', '各镇街道'],
          evaluation: '否',
          problems: '部分村选址调整，开工推迟1个月。',
        },
      },
      {
        name: '为困难群众发放取暖补贴1.5万户',
        code: '17',
        fields: { assistUnits: ['财政局'], progress: '补贴资金已下达，计划11月集中发放。' },
      },
      { name: '建成区级未成年人救助保护中心1个', code: '18', fields: { leadUnits: ['民政局'], evaluation: '是' } },
    ],
  },
  {
    id: 'g08-cells-blank-traditional-budget-total',
    shape: '繁體預算執行表：表上單位行“單位：新臺幣千元”；兩行表頭（可支用預算數下分年度預算數/以前年度保留數/合計）；決算數/執行率；千分位逗號；合計行；表下註；每格一行、格間空行',
    title: ['附表1：113年度「城鄉污水下水道建設計畫－基金辦理部分」預算執行概況', '單位：新臺幣千元'],
    textForm: 'cellsBlank',
    header: [
      [{ t: '計畫名稱', rs: 2 }, { t: '可支用預算數', cs: 3 }, { t: '決算數', rs: 2 }, { t: '執行率', rs: 2 }],
      ['113年度\n預算數', '以前年度\n保留數', '合計'],
    ],
    rows: [
      ['北區污水處理廠擴建工程', '520,000', '0', '520,000', '498,620', '95.89%'],
      ['南港溪流域截流管線工程', '1,214,300', '186,500', '1,400,800', '902,115', '64.40%'],
      ['海濱區用戶接管工程', '336,800', '42,700', '379,500', '351,060', '92.51%'],
      ['合計', '2,071,100', '229,200', '2,300,300', '1,751,795', '76.16%'],
    ],
    after: ['※註：資料來源為該基金113年度決算書。'],
    expected: [
      { name: '北區污水處理廠擴建工程', code: null, fields: { rate: '95.89%' } },
      { name: '南港溪流域截流管線工程', code: null, fields: { rate: '64.40%' } },
      { name: '海濱區用戶接管工程', code: null, fields: { rate: '92.51%' } },
      { name: '合計', isTotal: true, fields: { rate: '76.16%' } },
    ],
  },
];
