/** 人大监督 */
import { Result } from 'antd';

export default function OversightPage() {
  return <Result status="info" title="人大监督" subTitle="建设中" />;
}
