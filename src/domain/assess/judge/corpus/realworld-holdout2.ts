/**
 * FROZEN second blind held-out split (real-world prose shapes). Written blind on 2026-12-02, without reading the
 * engine's source or running it, from the SHAPES of the published statements listed below; every wording, place and
 * number here is this project's own (fictional). Labels are what a careful analyst would say under the labelling rules
 * of the brief (ratio = completion of the year's target, expected = month / 12, class from the gap in points), never
 * what the engine is guessed to output. Never tune the engine on these cases and never edit their labels to match it.
 *
 * Sources studied (search tool, corpus "pages"), and the shapes each gave:
 * - 黄石 全民健身示范工程 1-3月 https://www.huangshi.gov.cn/ztjj/2023sjss/ncglxg/my6/202305/t20230530_1018268.html :
 *   "N个…已开工M个、开工率X%，已完工K个、完工率Y%；完成投资…万元、占年度计划的Z%" (开工率 and investment share vs 完工率)
 * - 眉山 十大民生工程 进度表 https://www.ms.gov.cn/info/5565/1013561.htm , https://www.ms.gov.cn/info/5565/1006442.htm ,
 *   https://www.ms.gov.cn/info/5565/1083570.htm : rows 目标任务 | 进度 | 完成目标(%) | 备注 (达到时间进度, 超额完成, 已完成);
 *   人次 units; rates as targets (失业率低于4.3%)
 * - 岳阳 12件重点民生实事 1-11月 https://www.yueyang.gov.cn/ztxx/57832/57839/content_1644511.html : 万人 / 公里 / 万元
 *   units, 已完成数 | 占年任务之比; standards "不低于60元" reached ("达到目标60元")
 * - 浙江 十方面民生实事 上半年 https://zjnews.zjol.com.cn/zjnews/zjxw/201707/t20170707_4509822.shtml : two sub-targets
 *   "分别完成年度目标任务的82.3%和80.4%"; 万人次; "计划…截至5月底已消除25个，完成年度目标任务的43.1%"
 * - 锡山 东北塘街道 民生实事 https://www.jsxishan.gov.cn/doc/2025/04/27/4553271.shtml : stage and share texts (主体完成约70%,
 *   完成总工程量的40%, 已完工待验收后通车, 目前已新增…15个 of a target of 50)
 * - 张家港 德积街道 / 杨舍镇 进度表 http://www.zjg.gov.cn/zjgszwz/ssxmjjzqkfgn/202308/dbf83f0adbda4c9ca4deada0e9b269d9.shtml ,
 *   http://qdyichengda.com/zjgszwz/ssxmjjzqksc/202207/62a0e8e845b149ff82749508c19a9801.shtml : stage-only 当前进度 cells
 *   (方案设计, 招投标准备, 已全部完工, 已正式运营, 计划…月招标)
 * - 恩平 十件民生實事 截至11月底 (traditional mirror) http://828139.com/zwgk/zdxm/content/post_3217039.html : 按進度推進 /
 *   已完成 counts, "撥付…萬元，撥付率100%", 進展較為緩慢
 * - 金門 施政計畫 第4季 https://www.kmdn.gov.tw/1117/1271/1272/585281 : 預定進度X%, 實際進度Y%, 落後約Z% (traditional)
 * - 臺灣 工程會 公共建設 http://formosarace.blogspot.com/2015/03/104110435.html : "截至…累計進度達X%" (traditional)
 * - 瑪沁 排水管網 (traditional mirror) http://www.sailingon.com.cn/ProjectNewsInfoDetails_pid_7395.html : "已完成總工程量的8%，
 *   完成投資260萬元，計劃於…完工"
 * - 宝安 重大建设项目 http://www.bidhome.com.cn/IndustryInfoDetail/8222.html : "完成年底计划的45.3%", "工程总进度的20%"
 * - 龙岩新罗 民生项目 https://m.52fuqing.com/newsshow-71777.html : 已完成投资…万元 beside total investment, 按序时进度推进
 * - 清水 十件惠民实事 https://m.yybnet.net/tianshui/qingshui/201208/3928962.html : long multi-clause paragraphs (开工…完成…,
 *   累计完成投资…万元, 预计11月底全面完成)
 * - 四川 民生工程 前三季度 http://f.china.com.cn/2015-10/30/content_36934403.htm : a month's new amount then the total
 *   ("9月…新增85466人，达565965人"), "为目标任务的565.97%", 占目标任务的210.2%
 * - 会昌 10月份通报 http://www.huichang.gov.cn/hcxxxgk/hc1373/202403/ac532136c88e40c999782114a0b6a02f.shtml : 完成率 beside 开工率
 * - 巴中 1—9月公示 https://sthjj.cnbz.gov.cn/ztzl/msgc/14460961.html : 正常推进 / 推进缓慢 / 提前完成或超额完成
 * - 城厢 1-8月 https://www.chengxiang.gov.cn/zwgk/wmbss/202211/t20221118_1775567.htm : 滞后项目 described by stage
 *   (正在编制招标文件, 预计9月份开始, 2公里未启动), 已竣工 / 已完工 / 按序时推进
 * - 寿县 9月份通报 https://www.shouxianinfo.com/News/show/33767.html : 实施进度较慢
 * - 大连 4月 http://m.dl.bendibao.com/news/78650.shtm : 提前完成全年目标 / 超额完成节点目标 / 按计划完成节点目标
 * - 湖北 某市 3月份十件实事 https://bbs.cnhubei.com/thread-2961648-1-1.html : "完成阶段目标任务的100%" (a stage's share),
 *   勘探选址 / 招投标 / 拆迁 stages, 已完成…1处，开工建设3处
 * - 新建区 票决项目进度表 http://www.pc28forum.com/xjqrmzf/msss/202412/80436a1e5df84a3ea912087b118f9118.shtml : 已完工
 *   cells, 前期手续 / 在建形象进度 columns
 * - 萧县 9月份 https://www.ahxx.gov.cn/xxdt/ztzl/xxmsgc/gggs/163042521.html : "N…已完成M个（P%）", 完成率 above 100%
 * - 苍南 进度表 http://www.cncn.gov.cn/art/2022/12/14/art_1229664772_59047997.html : bare percentage cells with notes
 * - 重庆 25件 http://fzggw.cq.gov.cn/zwxx/xwbd/202003/t20200319_5756150_wap.html : 万人 folding, 占总计划, 其中 breakdowns
 * - 上海 2024 https://wxredian.com/art?id=bd7cd930c6657519c80e45e2ec441443 : 完成数 | 占全年计划 rows above 100%
 * - 港城 前三季度 (traditional mirror) http://www.7263355.com/zglygzfmhwz/gzdt_msss2025/content/2399a463-3ef6-47e4-bed9-614ef9ecfd36.html :
 *   超序時進度 / 按序時推進, "完成年度總投資的88.76%"
 *
 * Labelling notes: 已开工 counts are cumulative quantities (as in the project's other corpora) but never the completion;
 * every money amount is money (a period's money too); per-person standards are other; a standard or rate target that
 * is reached gives ratio 1.
 */
import { type CorpusCase, c } from './case';

/** Blind held-out statements, second split. */
export const realworldHoldout2: CorpusCase[] = [
  // plain counts done to date
  c('rwh2-01', '已完成18个。', '18 个 cum', {
    target: '新建社区食堂24个',
    asOf: '2025-09-30',
    ratio: 18 / 24,
    cls: 'onTrack',
  }),
  c('rwh2-02', '已完成22处。', '22 处 cum', {
    target: '改造城区易涝积水点30处',
    asOf: '2025-11-30',
    ratio: 22 / 30,
    cls: 'behind',
  }),
  c('rwh2-03', '新增养老床位412张。', '412 张 cum', {
    target: '新增养老床位400张',
    asOf: '2025-09-30',
    ratio: 412 / 400,
    cls: 'complete',
  }),
  c('rwh2-04', '已培训家政服务员1,420人次。', '1420 人次 cum', {
    target: '培训家政服务人员3000人次',
    asOf: '2025-06-30',
    ratio: 1420 / 3000,
    cls: 'behind',
  }),
  c('rwh2-05', '已完成3个，其余均在办理用地手续。', '3 个 cum', {
    target: '新建乡镇综合文化站12个',
    asOf: '2025-10-31',
    ratio: 3 / 12,
    cls: 'severe',
  }),
  c('rwh2-06', '已完成河道清淤整治8600米。', '8600 米 cum', {
    target: '整治农村河道12公里',
    asOf: '2025-06-30',
    ratio: 8.6 / 12,
    cls: 'ahead',
  }),
  c('rwh2-07', '累计完成天然气入户改造1.12万户。', '11200 户 cum', {
    target: '完成老旧小区天然气入户改造1.6万户',
    asOf: '2025-09-30',
    ratio: 11200 / 16000,
    cls: 'behind',
  }),
  c('rwh2-08', '上半年新增城镇就业1.63万人。', '16300 人 cum', {
    target: '城镇新增就业3.2万人',
    asOf: '2025-06-30',
    ratio: 16300 / 32000,
    cls: 'onTrack',
  }),
  c('rwh2-09', '已开展送戏下乡216场，超额完成年度任务。', '216 场 cum', {
    target: '开展送戏下乡200场',
    asOf: '2025-10-31',
    ratio: 216 / 200,
    cls: 'complete',
  }),
  c('rwh2-10', '已建成9个，完成率100%。', '9 个 cum; 100 % pct', {
    target: '建成社区嵌入式托育点9个',
    asOf: '2025-09-30',
    ratio: 1,
    cls: 'complete',
  }),
  // count + completion percentage
  c('rwh2-11', '累计完成燃气管道改造31.6公里，完成率79%。', '31.6 公里 cum; 79 % pct', {
    target: '改造老旧小区燃气管道40公里',
    asOf: '2025-08-31',
    ratio: 0.79,
    cls: 'ahead',
  }),
  c('rwh2-12', '城镇新增就业2.46万人，占年度目标的82%。', '24600 人 cum; 82 % pct', {
    target: '城镇新增就业3万人',
    asOf: '2025-10-31',
    ratio: 0.82,
    cls: 'behind',
  }),
  c('rwh2-13', '已为1.38万名老年人免费体检，完成年度任务的69%。', '13800 名 cum; 69 % pct', {
    target: '为2万名老年人免费健康体检',
    asOf: '2025-06-30',
    ratio: 0.69,
    cls: 'ahead',
  }),
  c('rwh2-14', '已完成适龄儿童免费窝沟封闭6,930人，完成率86.6%。', '6930 人 cum; 86.6 % pct', {
    target: '为8000名适龄儿童免费窝沟封闭',
    asOf: '2025-09-30',
    ratio: 0.866,
    cls: 'ahead',
  }),
  c('rwh2-15', '截至6月底，已完成危房改造312户，完成率48%（按序时推进）。', '312 户 cum; 48 % pct', {
    target: '完成农村危房改造650户',
    asOf: '2025-06-30',
    ratio: 0.48,
    cls: 'behind',
  }),
  c('rwh2-16', '已安装完成智能充电桩1,126个，完成率93.8%，超序时进度。', '1126 个 cum; 93.8 % pct', {
    target: '新建电动自行车智能充电桩1200个',
    asOf: '2025-11-30',
    ratio: 0.938,
    cls: 'ahead',
  }),
  c('rwh2-17', '累计开展健康讲座惠及群众12.6万人次，完成年度目标的105%。', '126000 人次 cum; 105 % pct', {
    target: '开展健康知识讲座惠及群众12万人次',
    asOf: '2025-10-31',
    ratio: 1.05,
    cls: 'complete',
  }),
  c('rwh2-18', '截至3月底，已完成全年任务的31%，超序时进度。', '31 % pct', {
    target: '发放困难群众临时救助资金1500万元',
    asOf: '2025-03-31',
    ratio: 0.31,
    cls: 'ahead',
  }),
  // bare percentage cells, with or without a note
  c('rwh2-19', '64%', '64 % pct', {
    target: '新增公共停车泊位2500个',
    asOf: '2025-06-30',
    ratio: 0.64,
    cls: 'ahead',
  }),
  c('rwh2-20', '41%（用地报批偏慢）', '41 % pct', {
    target: '新建农村公路桥梁6座',
    asOf: '2025-08-31',
    ratio: 0.41,
    cls: 'behind',
  }),
  c('rwh2-21', '18%（严重滞后）', '18 % pct', {
    target: '建成城市书房8家',
    asOf: '2025-10-31',
    ratio: 0.18,
    cls: 'severe',
  }),
  c('rwh2-22', '正在施工中（形象进度55%）', '55 % pct', {
    target: '建成区妇幼保健院门诊楼',
    asOf: '2025-06-30',
    ratio: 0.55,
    cls: 'ahead',
  }),
  // fractions in words
  c('rwh2-23', '已完成年度任务的七成左右。', '', {
    target: '改造提升农贸市场15个',
    asOf: '2025-10-31',
    ratio: 0.7,
    cls: 'behind',
  }),
  c('rwh2-24', '总工程量已完成过半，正在铺设管网。', '', {
    target: '建设城北片区雨污分流工程',
    asOf: '2025-08-31',
    ratio: 0.5,
    cls: 'behind',
  }),
  // money
  c('rwh2-25', '已完成投资3.15亿元，占年度计划的75%。', '3.15 亿元 money; 75 % pct', {
    target: '完成投资4.2亿元',
    asOf: '2025-09-30',
    ratio: 0.75,
    cls: 'onTrack',
  }),
  c('rwh2-26', '累计完成投资9600万元。', '9600 万元 money', {
    target: '完成城区供水管网改造投资1.6亿元',
    asOf: '2025-06-30',
    ratio: 9600 / 16000,
    cls: 'ahead',
  }),
  c('rwh2-27', '县医院迁建项目今年已完成投资4100万元，主体结构施工至第六层。', '4100 万元 money', {
    target: '完成县医院迁建年度投资6000万元',
    asOf: '2025-08-31',
    ratio: 4100 / 6000,
    cls: 'ahead',
  }),
  c('rwh2-28', '10月份发放高龄津贴186万元，1—10月累计发放1720万元。', '186 万元 money; 1720 万元 money', {
    target: '全年发放高龄津贴2100万元',
    asOf: '2025-10-31',
    ratio: 1720 / 2100,
    cls: 'behind',
  }),
  c('rwh2-29', '已发放救助补助资金2.35亿元，惠及困难群众4.1万人。', '2.35 亿元 money; 41000 人 other', {
    target: '发放城乡困难群众救助补助资金3.2亿元',
    asOf: '2025-08-31',
    ratio: 2.35 / 3.2,
    cls: 'ahead',
  }),
  // period amounts beside cumulative ones
  c('rwh2-30', '本月新增托位46个，累计新增318个。', '46 个 per; 318 个 cum', {
    target: '新增普惠托位500个',
    asOf: '2025-08-31',
    ratio: 318 / 500,
    cls: 'behind',
  }),
  c('rwh2-31', '二季度完成农村户厕改造390户，上半年累计完成810户。', '390 户 per; 810 户 cum', {
    target: '完成农村户厕改造1500户',
    asOf: '2025-06-30',
    ratio: 810 / 1500,
    cls: 'ahead',
  }),
  // a share of something else is not the completion
  c('rwh2-32', '已建成村级互助养老点42个，行政村覆盖率达到56%。', '42 个 cum; 56 % pct', {
    target: '新建村级互助养老点60个',
    asOf: '2025-09-30',
    ratio: 42 / 60,
    cls: 'behind',
  }),
  c('rwh2-33', '已完成改造36个小区，完成投资2860万元，占计划投资的81%。', '36 个 cum; 2860 万元 money; 81 % pct', {
    target: '改造老旧小区45个',
    asOf: '2025-09-30',
    ratio: 36 / 45,
    cls: 'ahead',
  }),
  c(
    'rwh2-34',
    '10个全民健身工程已开工9个、开工率90%，已完工6个、完工率60%；完成投资315万元、占年度计划的74%。',
    '10 个 other; 9 个 cum; 90 % pct; 6 个 cum; 60 % pct; 315 万元 money; 74 % pct',
    { target: '建设全民健身示范工程10个', asOf: '2025-06-30', ratio: 0.6, cls: 'ahead' },
  ),
  c('rwh2-35', '完成三季度目标任务的100%，累计改造路灯1,840盏。', '100 % pct; 1840 盏 cum', {
    target: '改造城区老旧路灯3000盏',
    asOf: '2025-09-30',
    ratio: 1840 / 3000,
    cls: 'behind',
  }),
  c('rwh2-36', '已完工3座，另有2座主体完成约70%，1座正在办理施工许可。', '3 座 cum; 2 座 other; 70 % pct; 1 座 other', {
    target: '新建公共厕所6座',
    asOf: '2025-11-30',
    ratio: 3 / 6,
    cls: 'severe',
  }),
  // several sub-targets in one target: the lowest
  c('rwh2-37', '已建成城市口袋公园9个、绿道14.2公里。', '9 个 cum; 14.2 公里 cum', {
    target: '建成口袋公园12个、绿道20公里',
    asOf: '2025-09-30',
    ratio: 0.71,
    cls: 'behind',
  }),
  c('rwh2-38', '截至9月底，宫颈癌、乳腺癌筛查分别完成年度目标任务的78.5%和74.2%。', '78.5 % pct; 74.2 % pct', {
    target: '完成宫颈癌筛查4万人、乳腺癌筛查4万人',
    asOf: '2025-09-30',
    ratio: 0.742,
    cls: 'onTrack',
  }),
  // the target restated, or the whole the done part is taken from, before what is done
  c('rwh2-39', '新建改建农村公路85公里，现已完成71.4公里。', '85 公里 other; 71.4 公里 cum', {
    target: '新建改建农村公路85公里',
    asOf: '2025-10-31',
    ratio: 71.4 / 85,
    cls: 'onTrack',
  }),
  c(
    'rwh2-40',
    '120个村中已完成人居环境整治97个（80.8%），其余23个正在扫尾。',
    '120 个 other; 97 个 cum; 80.8 % pct; 23 个 other',
    { target: '完成120个行政村人居环境整治', asOf: '2025-10-31', ratio: 0.808, cls: 'behind' },
  ),
  c('rwh2-41', '已完成8个，另有4个正在施工，2个尚未开工。', '8 个 cum; 4 个 other; 2 个 other', {
    target: '改造提升村级综合服务中心14个',
    asOf: '2025-10-31',
    ratio: 8 / 14,
    cls: 'behind',
  }),
  c('rwh2-42', '已完成4所，剩余3所正在主体施工。', '4 所 cum; 3 所 other', {
    target: '改造薄弱学校校舍7所',
    asOf: '2025-06-30',
    ratio: 4 / 7,
    cls: 'ahead',
  }),
  c('rwh2-43', '截至12月31日，已完成改造桥梁11座，剩余1座因汛期影响顺延至明年。', '11 座 cum; 1 座 other', {
    target: '完成危桥改造12座',
    asOf: '2025-12-31',
    ratio: 11 / 12,
    cls: 'behind',
  }),
  // standards and rates reached
  c('rwh2-44', '城乡低保标准已分别提高至每人每月820元和650元。', '820 元 other; 650 元 other', {
    target: '城市低保标准不低于800元/月、农村低保标准不低于640元/月',
    asOf: '2025-06-30',
    ratio: 1,
    cls: 'complete',
  }),
  c('rwh2-45', '全市生活垃圾分类覆盖率已达到93%。', '93 % pct', {
    target: '城区生活垃圾分类覆盖率达到90%',
    asOf: '2025-09-30',
    ratio: 1,
    cls: 'complete',
  }),
  // finished, no figure
  c('rwh2-46', '已竣工并投入使用。', '', {
    target: '建成市残疾人康复中心',
    asOf: '2025-11-30',
    ratio: 1,
    cls: 'complete',
  }),
  c('rwh2-47', '已提前完成全年目标任务。', '', {
    target: '开展职业技能培训8000人次',
    asOf: '2025-10-31',
    ratio: 1,
    cls: 'complete',
  }),
  // status or stage only
  c('rwh2-48', '按序时推进', '', {
    target: '开展适龄儿童免费窝沟封闭',
    asOf: '2025-06-30',
    ratio: null,
    cls: 'onTrack',
  }),
  c('rwh2-49', '前期手续办理中，尚未开工（滞后）', '', {
    target: '新建乡镇卫生院业务用房1栋',
    asOf: '2025-09-30',
    ratio: null,
    cls: 'behind',
  }),
  c('rwh2-50', '推进缓慢，征迁问题尚未解决。', '', {
    target: '打通城区断头路4条',
    asOf: '2025-10-31',
    ratio: null,
    cls: 'behind',
  }),
  c('rwh2-51', '已完成设计招标，施工招标挂网中（按计划推进）', '', {
    target: '新建城市应急避难场所3处',
    asOf: '2025-06-30',
    ratio: null,
    cls: 'onTrack',
  }),
  c('rwh2-52', '進展順利，主體工程已完工，正進行設備安裝。', '', {
    target: '建設鎮級污水處理廠1座',
    asOf: '2025-11-30',
    ratio: null,
    cls: 'onTrack',
  }),
  c('rwh2-53', '主体结构已封顶，正在进行内部装修。', '', {
    target: '建成区实验中学新校区',
    asOf: '2025-09-30',
    ratio: null,
  }),
  c('rwh2-54', '已完成可研批复，正在进行初步设计。', '', {
    target: '开工建设第二水厂扩建工程',
    asOf: '2025-03-31',
    ratio: null,
  }),
  // traditional characters
  c('rwh2-55', '截至10月底，已完成既有住宅加裝電梯136部，佔年度任務的85%。', '136 部 cum; 85 % pct', {
    target: '既有住宅加裝電梯160部',
    asOf: '2025-10-31',
    ratio: 0.85,
    cls: 'ahead',
  }),
  c('rwh2-56', '已新增公辦學位2,850個，完成率95%，其餘學位預計秋季學期前到位。', '2850 个 cum; 95 % pct', {
    target: '新增公辦學位3000個',
    asOf: '2025-08-31',
    ratio: 0.95,
    cls: 'ahead',
  }),
  c('rwh2-57', '累計完成投資1.26億元，佔年度計劃投資的63%，進度滯後。', '1.26 亿元 money; 63 % pct', {
    target: '完成老舊小區改造投資2億元',
    asOf: '2025-11-30',
    ratio: 0.63,
    cls: 'behind',
  }),
  c('rwh2-58', '預定進度60%，實際進度52%，落後8個百分點。', '60 % pct; 52 % pct; 8 个百分点 other', {
    target: '建成區立圖書館新館',
    asOf: '2025-06-30',
    ratio: 0.52,
    cls: 'ahead',
  }),
  // long 通报 paragraphs
  c(
    'rwh2-59',
    '截至9月30日，全县已完成农村饮水提升工程28处，惠及群众3.6万人，完成年度任务的70%；完成投资2150万元，其中中央资金1200万元；其余12处正在施工，预计11月底前全部完工。',
    '28 处 cum; 36000 人 other; 70 % pct; 2150 万元 money; 1200 万元 money; 12 处 other',
    { target: '实施农村饮水安全提升工程40处', asOf: '2025-09-30', ratio: 0.7, cls: 'behind' },
  ),
  c(
    'rwh2-60',
    '今年以来，各镇（街道）累计建成农村供水管网186公里，其中主管网42公里、支管网144公里，完成全年计划的62%；本月新铺设管网23公里，目前进度总体正常。',
    '186 公里 cum; 42 公里 cum; 144 公里 cum; 62 % pct; 23 公里 per',
    { target: '铺设农村供水管网300公里', asOf: '2025-08-31', ratio: 0.62, cls: 'behind' },
  ),
];
