/** 多政府汇总 */
import { Result } from 'antd';

export default function RollupPage() {
  return <Result status="info" title="多政府汇总" subTitle="建设中" />;
}
