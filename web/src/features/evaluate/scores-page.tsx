/** 考核评分 */
import { Result } from 'antd';

export default function ScoresPage(_props: { programmeId: string | null }) {
  return <Result status="info" title="考核评分" subTitle="建设中" />;
}
