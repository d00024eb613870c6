/** Word lists used by the scanner: qualifiers, idioms and context words that are not measures. */

/** Approximation/bound words written before a number (longest first): 不少于, 约, 近, 超… */
export const PRE_QUALIFIERS = [
  '不少于',
  '不低于',
  '不超过',
  '不高于',
  '不足',
  '低于',
  '高于',
  '超过',
  '至少',
  '达到',
  '将近',
  '接近',
  '大约',
  '约为',
  '多于',
  '少于',
  '约',
  '近',
  '超',
  '逾',
  '达',
];
/** Approximation/bound words written after a unit: 以上, 左右, 余… */
export const POST_QUALIFIERS = ['以上', '以下', '左右', '以内', '余', '多'];
/** Unit + next character that form an ordinary word, not a measure ("一次性", "部分", "场所"). */
export const UNIT_WORD_BLACKLIST = new Set([
  '次性',
  '个别',
  '个人',
  '个性',
  '个案',
  '场所',
  '场地',
  '场馆',
  '场景',
  '部分',
  '部门',
  '部署',
  '件事',
  '张网',
  '张图',
  '条龙',
  '条件',
  '条例',
  '本账',
  '处理',
  '处置',
  '处罚',
  '批复',
  '批准',
  '门诊',
  '门店',
  '门口',
  '周年',
  '周边',
  '周岁',
  '节点',
  '节能',
  '节日',
  '站式',
  '组织',
  '组建',
  '班子',
  '起草',
  '起步',
  '起来',
  '支持',
  '支付',
  '支出',
  '根据',
  '家庭',
  '台账',
  '类型',
  '个都',
]);
/** Measure words that after a bare 一 are idioms (一起, 一批, 一期工程…). */
export const YI_IDIOM_UNITS = new Set([
  '起',
  '批',
  '体',
  '站',
  '期',
  '类',
  '片',
  '周',
  '轮',
  '届',
  '班',
  '组',
  '节',
  '门',
  '部',
  '本',
]);
/** Characters before 一 that make it part of a word (统一, 唯一, 进一步…). */
export const YI_BAD_BEFORE = '统唯进之第逐同万其合专单划周期初星礼每这那';
/** Position words after 栋/座 that mark an address ("79栋东侧"), not a count. */
export const POSITION_AFTER = '东西南北前后侧旁边';
/** Nouns that imply a count of people when no unit is written ("十万职工"). */
export const PERSON_NOUNS =
  '职工|居民|群众|老人|老年人|学生|儿童|青少年|青年|妇女|残疾人|市民|员工|会员|人员|骑手|劳动者|农民工|村民|游客|患者|孕产妇|新生儿|婴幼儿';
/** A person noun right after the number. */
export const IMPLICIT_PERSON = new RegExp(`^(?:${PERSON_NOUNS})`);
/** A person noun within three characters (after 万/亿: "14.5万持卡职工"). */
export const IMPLICIT_PERSON_LOOSE = new RegExp(`^[^\\s,;。、\\d]{0,3}?(?:${PERSON_NOUNS})`);
/** Words before a bare 万/亿 that make it money ("资金预算2000万" → 万元). */
export const MONEY_CONTEXT = /(?:资金|预算|投资|金额|经费|补助|补贴|奖励|资助|拨付|发放|投入|费用|款|造价|营业额|收入)/;
