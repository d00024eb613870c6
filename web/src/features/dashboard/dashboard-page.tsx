/** 领导总览 */
import { Result } from 'antd';

export default function DashboardPage(_props: { programmeId: string | null }) {
  return <Result status="info" title="领导总览" subTitle="建设中" />;
}
