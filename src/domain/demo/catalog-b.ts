/** Demo catalog, categories 三 and 四 (fictional content). */
import { type CategorySpec, ms, pc, q } from './catalog-types';

export const CATALOG_B: CategorySpec[] = [
  {
    name: '三、提升医疗卫生服务水平',
    matters: [
      {
        title: '织密社区健康服务网络',
        goals: ['新建社区健康服务中心3家，年底前投入使用。', '推动社区健康服务机构延时服务全覆盖。'],
        projects: [
          {
            name: '社区健康服务中心建设',
            type: '工程类',
            tpl: 'count',
            lead: ['wj'],
            key: true,
            target: '新建社区健康服务中心3家，年底前投入使用。',
            ind: [q('社区健康服务中心', '家', 3, '新建社区健康服务中心{n}家')],
            sub: [
              {
                name: '{street}{estate}社区健康服务中心',
                type: '工程类',
                tpl: 'build',
                w: 'building',
                lead: ['wj'],
                assist: ['S', 'C'],
                per: 3,
                ind: [ms()],
              },
            ],
          },
          {
            name: '社区健康服务机构延时服务',
            type: '服务类',
            tpl: 'rate',
            lead: ['wj'],
            ind: [pc('延时服务覆盖率', 100, '社区健康服务机构延时服务覆盖率达到{n}%')],
          },
        ],
      },
      {
        title: '开展重点人群健康筛查',
        goals: ['为2.4万名适龄妇女免费开展“两癌”筛查。', '为65岁以上老年人免费健康体检4.5万人。'],
        projects: [
          {
            name: '适龄妇女“两癌”免费筛查',
            type: '服务类',
            tpl: 'service',
            lead: ['fl'],
            assist: ['wj'],
            key: true,
            ind: [q('筛查人数', '人', 24000, '完成“两癌”筛查{n}人')],
          },
          {
            name: '老年人免费健康体检',
            type: '服务类',
            tpl: 'service',
            lead: ['wj'],
            ind: [q('体检人数', '人', 45000, '为65岁以上老年人免费体检{n}人')],
          },
        ],
      },
      {
        title: '加强疫苗接种服务',
        goals: ['适龄女生HPV疫苗首针接种率达到90%。', '为60岁以上老年人免费接种流感疫苗3万剂次。'],
        projects: [
          {
            name: '适龄女生HPV疫苗接种',
            type: '服务类',
            tpl: 'rate',
            lead: ['wj'],
            assist: ['jy'],
            ind: [pc('首针接种率', 90, '首针接种率达到{n}%')],
          },
          {
            name: '老年人流感疫苗免费接种',
            type: '服务类',
            tpl: 'service',
            lead: ['wj'],
            ind: [q('接种剂次', '剂次', 30000, '接种流感疫苗{n}剂次')],
          },
        ],
      },
      {
        title: '提升院前急救能力',
        goals: ['在公共场所配置AED 180台。', '开展急救技能培训2万人次。'],
        projects: [
          {
            name: '公共场所AED配置',
            type: '实物类',
            tpl: 'count',
            lead: ['S'],
            cohost: 'wj',
            shared: 6,
            ind: [q('AED', '台', 180, '配置AED{n}台')],
          },
          {
            name: '“人人学急救”技能培训',
            type: '服务类',
            tpl: 'service',
            lead: ['wj'],
            assist: ['zgh', 'jy'],
            ind: [q('培训人次', '人次', 20000, '开展急救技能培训{n}人次')],
          },
        ],
      },
      {
        title: '建设高水平医院',
        goals: ['推进区中心医院改扩建工程。', '建设社区中医馆8家。'],
        projects: [
          {
            name: '区中心医院改扩建工程',
            type: '工程类',
            tpl: 'build',
            w: 'building',
            lead: ['gws'],
            assist: ['wj'],
            key: true,
            ind: [ms(70)],
          },
          {
            name: '社区中医馆建设',
            type: '工程类',
            tpl: 'count',
            lead: ['wj'],
            ind: [q('中医馆', '家', 8, '建设社区中医馆{n}家')],
          },
        ],
      },
    ],
  },
  {
    name: '四、完善养老托育服务',
    matters: [
      {
        title: '发展居家社区养老服务',
        goals: ['为300户困难老年人家庭实施适老化改造。', '建设家庭养老床位300张。'],
        projects: [
          {
            name: '困难老年人家庭适老化改造',
            type: '实物类',
            tpl: 'count',
            lead: ['mz'],
            assist: ['S3'],
            key: true,
            ind: [q('改造户数', '户', 300, '完成适老化改造{n}户')],
          },
          {
            name: '家庭养老床位建设',
            type: '服务类',
            tpl: 'count',
            lead: ['mz'],
            ind: [q('家庭养老床位', '张', 300, '建设家庭养老床位{n}张')],
          },
        ],
      },
      {
        title: '建设社区长者服务点',
        goals: ['推动长者服务点向社区延伸，新增长者服务点14个以上。'],
        projects: [
          {
            name: '{street}长者服务点建设',
            type: '工程类',
            tpl: 'count',
            lead: ['S'],
            assist: ['C'],
            cohost: 'mz',
            per: 7,
            ind: [q('长者服务点', '个', [2, 3], '完成{n}个长者服务点建设')],
          },
        ],
      },
      {
        title: '增加养老服务床位供给',
        goals: ['新增养老床位600张，其中认知症照护床位120张。'],
        projects: [
          {
            name: '新增养老床位',
            type: '工程类',
            tpl: 'count',
            lead: ['mz'],
            key: true,
            ind: [q('养老床位', '张', 600, '新增养老床位{n}张')],
            adjust: { to: 520, reason: '两处养老机构选址调整，项目用地未能按期落实' },
          },
          {
            name: '认知症照护专区建设',
            type: '工程类',
            tpl: 'count',
            lead: ['mz'],
            assist: ['wj'],
            ind: [q('认知症床位', '张', 120, '新增认知症照护床位{n}张')],
          },
        ],
      },
      {
        title: '完善老年助餐服务',
        goals: ['新建长者助餐点18个。', '全年提供助餐服务20万人次。'],
        projects: [
          {
            name: '长者助餐点建设',
            type: '工程类',
            tpl: 'count',
            lead: ['S'],
            cohost: 'mz',
            shared: 6,
            key: true,
            ind: [q('长者助餐点', '个', 18, '新建长者助餐点{n}个')],
          },
          {
            name: '老年助餐服务',
            type: '服务类',
            tpl: 'service',
            lead: ['mz'],
            ind: [q('助餐服务', '人次', 200000, '提供助餐服务{n}人次')],
          },
        ],
      },
      {
        title: '发展普惠托育服务',
        goals: ['新增普惠性托位1200个。', '建设社区嵌入式托育点3个。'],
        projects: [
          {
            name: '普惠性托位建设',
            type: '服务类',
            tpl: 'count',
            lead: ['wj'],
            ind: [q('普惠性托位', '个', 1200, '新增普惠性托位{n}个')],
          },
          {
            name: '{street}社区嵌入式托育点',
            type: '工程类',
            tpl: 'build',
            w: 'building',
            lead: ['S'],
            assist: ['wj'],
            per: 3,
            ind: [ms()],
          },
        ],
      },
    ],
  },
];
