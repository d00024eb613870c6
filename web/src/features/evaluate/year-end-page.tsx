/** 年终总结 */
import { Result } from 'antd';

export default function YearEndPage(_props: { programmeId: string | null }) {
  return <Result status="info" title="年终总结" subTitle="建设中" />;
}
