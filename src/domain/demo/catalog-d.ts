/** Demo catalog, categories 七 and 八 (fictional content). */
import { type CategorySpec, ms, q } from './catalog-types';

export const CATALOG_D: CategorySpec[] = [
  {
    name: '七、提升城市品质和公共安全',
    matters: [
      {
        title: '建设公园城市',
        goals: ['新建、改造提升街心公园和社区公园9个。', '建设城市绿道15公里。'],
        projects: [
          {
            name: ['{road}街心公园提升工程', '{estate}社区公园建设工程', '{road}口袋公园建设工程'],
            type: '工程类',
            tpl: 'build',
            w: 'park',
            lead: ['S'],
            assist: ['C'],
            per: 9,
            ind: [ms()],
          },
          {
            name: '城市绿道建设',
            type: '工程类',
            tpl: 'count',
            lead: ['cg'],
            lv: ['市级'],
            ind: [q('绿道', '公里', 15, '建设城市绿道{n}公里')],
          },
        ],
      },
      {
        title: '实施边坡挡墙安全治理',
        goals: ['完成12处边坡、挡墙隐患治理，消除地质灾害隐患。'],
        projects: [
          {
            name: [
              '{estate}{dir}侧挡墙治理工程',
              '{school}后侧边坡治理工程',
              '{road}{dir}侧边坡治理工程',
              '{estate}{k}栋{dir}侧边坡治理工程',
            ],
            type: '工程类',
            tpl: 'build',
            w: 'slope',
            lead: ['S'],
            assist: ['C'],
            per: 12,
            ind: [ms()],
          },
        ],
      },
      {
        title: '提升环境卫生设施',
        goals: ['完成3座垃圾转运站升级改造。', '新建、改造公共厕所40座。'],
        projects: [
          {
            name: '{road}垃圾转运站升级改造工程',
            type: '工程类',
            tpl: 'build',
            w: 'station',
            lead: ['S'],
            assist: ['cg'],
            per: 3,
            ind: [ms()],
          },
          {
            name: '公共厕所新建改造',
            type: '工程类',
            tpl: 'count',
            lead: ['cg'],
            ind: [q('公共厕所', '座', 40, '新建、改造公共厕所{n}座')],
          },
        ],
      },
      {
        title: '守护食品安全',
        goals: ['完成6个农贸市场升级改造。', '开展食品安全快速检测1.2万批次。'],
        projects: [
          {
            name: '农贸市场升级改造',
            type: '工程类',
            tpl: 'count',
            lead: ['scjg'],
            assist: ['S2'],
            ind: [q('农贸市场', '个', 6, '完成农贸市场升级改造{n}个')],
          },
          {
            name: '食品安全快速检测',
            type: '服务类',
            tpl: 'service',
            lead: ['scjg'],
            ind: [q('快检批次', '批次', 12000, '完成食品安全快速检测{n}批次')],
          },
        ],
      },
      {
        title: '筑牢公共安全防线',
        goals: [
          '开展家庭安全应急科普，提升居民安全防范意识。',
          '完成30个老旧小区消防设施改造。',
          '新增公共视频监控点位800个。',
          '建设24小时政务自助服务点60个。',
        ],
        projects: [
          {
            name: '{street}家庭安全应急科普行动',
            type: '服务类',
            tpl: 'service',
            lead: ['S'],
            per: 3,
            ind: [q('覆盖居民', '人次', [50000, 120000], '宣传覆盖居民{n}人次')],
          },
          {
            name: '老旧小区消防设施改造',
            type: '工程类',
            tpl: 'count',
            lead: ['xa'],
            assist: ['zj'],
            listed: true,
            ind: [q('老旧小区', '个', 30, '完成{n}个老旧小区消防设施改造')],
          },
          {
            name: '公共视频监控补点',
            type: '工程类',
            tpl: 'count',
            lead: ['ga'],
            ind: [q('监控点位', '个', 800, '新增视频监控点位{n}个')],
          },
          {
            name: '24小时政务自助服务点建设',
            type: '实物类',
            tpl: 'count',
            lead: ['zs'],
            assist: ['S3'],
            ind: [q('自助服务点', '个', 60, '建设24小时政务自助服务点{n}个')],
          },
        ],
      },
    ],
  },
  {
    name: '八、丰富群众精神文化生活',
    matters: [
      {
        title: '开展公共文化惠民活动',
        goals: ['开展公益文化活动2000场。', '建设“书香空间”10个。', '放映公益电影600场。'],
        projects: [
          {
            name: '公益文化活动',
            type: '服务类',
            tpl: 'service',
            lead: ['wt'],
            ind: [q('文化活动', '场', 2000, '开展公益文化活动{n}场')],
          },
          {
            name: '“书香空间”建设',
            type: '工程类',
            tpl: 'count',
            lead: ['wt'],
            assist: ['S2'],
            ind: [q('书香空间', '个', 10, '建设“书香空间”{n}个')],
          },
          {
            name: '公益电影进社区',
            type: '服务类',
            tpl: 'service',
            lead: ['wt'],
            ind: [q('公益电影', '场', 600, '放映公益电影{n}场')],
          },
        ],
      },
      {
        title: '完善全民健身设施',
        goals: ['新建、更新健身路径60条。', '新建社区球场12片。', '推动学校体育场地向社会开放。'],
        projects: [
          {
            name: '健身路径新建更新',
            type: '实物类',
            tpl: 'count',
            lead: ['wt'],
            ind: [q('健身路径', '条', 60, '新建、更新健身路径{n}条')],
          },
          {
            name: '社区球场建设',
            type: '工程类',
            tpl: 'count',
            lead: ['wt'],
            assist: ['S3'],
            ind: [q('社区球场', '片', 12, '新建社区球场{n}片')],
          },
          {
            name: '学校体育场地向社会开放',
            type: '服务类',
            tpl: 'service',
            lead: ['jy'],
            assist: ['wt'],
            routine: true,
            target: '常态化推进，不设年度目标任务。',
            ind: [q('开放学校', '所', null, '向社会开放学校体育场地{n}所')],
          },
        ],
      },
      {
        title: '推进社区微民生项目',
        goals: ['全年审核完成社区微民生项目860个，回应居民身边的小微需求。'],
        bare: true,
        projects: [
          {
            name: '社区微民生项目',
            type: '服务类',
            tpl: 'count',
            lead: ['zzb', 'mz', 'S'],
            shared: 12,
            key: true,
            target: '全年审核完成社区微民生项目860个。',
            ind: [q('审核项目', '个', 860, '审核完成社区微民生项目{n}个')],
          },
        ],
      },
    ],
  },
];
