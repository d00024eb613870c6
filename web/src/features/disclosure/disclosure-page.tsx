/** 政务公开 */
import { Result } from 'antd';

export default function DisclosurePage(_props: { programmeId: string | null }) {
  return <Result status="info" title="政务公开" subTitle="建设中" />;
}
