/**
 * Traditional → simplified characters, for MATCHING only (header words, units, status words, total rows, region
 * names; the judgement engine's length-preserving normalisation, judge/numerals.ts, uses the same map). Tables copied from mirror sites and Hong Kong/Taiwan-style pages write 序號, 項目名稱, 進展情況, 牽頭單位,
 * 完成情況, 合計; the importer compares on the simplified form and keeps every cell as written for display.
 * A compact map: the characters that occur in progress-table headers, units, status words and administrative names,
 * not a full converter.
 */
const PAIRS =
  '號号項项內内進进況况牽牵頭头單单責责務务門门計计劃划當当實实際际績绩據据數数與与畫划標标區区縣县鎮镇鄉乡見见現现達达於于為为爲为辦办處处問问題题體体屬属歲岁點点' +
  '線线網网機机構构設设備备開开關关啟启動动續续繼继從从後后時时間间週周這这個个們们來来對对應应並并總总類类別别資资產产業业費费價价貨货農农園园場场廣广歷历層层級级' +
  '鄰邻環环衛卫醫医療疗護护養养殘残聯联災灾險险遷迁賬账戶户齡龄兒儿學学書书圖图館馆競竞運运輸输車车橋桥鐵铁軌轨燈灯氣气電电熱热節节約约顯显驗验讓让證证認认討讨論论' +
  '議议說说話话請请調调審审將将麼么僅仅雖虽盡尽擬拟彙汇滯滞緩缓嚴严順顺暢畅穩稳紮扎積积極极優优準准確确補补輔辅導导師师專专態态漸渐萬万億亿註注幣币額额餘余張张臺台' +
  '條条塊块隻只筆笔輛辆裏里噸吨畝亩滿满獲获幫帮擴扩維维團团隊队員员組组織织講讲訓训練练參参協协佈布儲储齊齐廠厂礎础測测駐驻廳厅營营銷销勢势壓压權权歸归兩两爾尔傳传' +
  '輕轻鬆松聲声陽阳陰阴雙双紅红綠绿藍蓝黃黄燒烧無无獎奖負负貸贷貼贴舊旧裝装樓楼顧顾託托勞劳遊游臨临駕驾壩坝違违規规衝冲擊击歡欢樂乐飲饮職职稅税陸陆豐丰鋪铺閒闲閑闲' +
  '結结評评錄录復复纔才擔担襲袭響响戰战屆届鐘钟鍾钟檢检蓋盖藥药診诊採采購购貿贸擺摆攤摊廁厕廚厨淨净潔洁濟济緊紧較较斷断戲戏劇剧藝艺術术禮礼擁拥漿浆鍋锅爐炉稱称風风' +
  '預预發发劑剂課课樁桩佔占幾几統统邊边經经過过飯饭長长納纳覈核執执決决庫库讀读興兴貧贫報报遠远選选階阶範范樣样還还難难' +
  '溝沟堅坚購购鎖锁觀观療疗質质勵励緣缘範范據据勁劲產产傷伤災灾糧粮肅肃碼码驛驿線线';

/** Character → simplified character (only characters that differ); one character each, so lengths are kept. */
export const HANT_TO_HANS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const chars = [...PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const t = chars[i]!;
    const s = chars[i + 1]!;
    if (t !== s) m.set(t, s);
  }
  return m;
})();

/** Quick test: does the text hold any character the map converts? */
const HAS_HANT = new RegExp(`[${[...HANT_TO_HANS.keys()].join('')}]`);

/** The simplified form of `s` for matching (unknown characters unchanged). Cheap when there is nothing to convert. */
export function toSimplified(s: string): string {
  if (!s || !HAS_HANT.test(s)) return s;
  let out = '';
  for (const ch of s) out += HANT_TO_HANS.get(ch) ?? ch;
  return out;
}

/** Whether the text is written in traditional characters (at least one converted character). */
export function hasTraditional(s: string): boolean {
  return HAS_HANT.test(s);
}
