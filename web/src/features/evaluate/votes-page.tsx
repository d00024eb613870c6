/** 满意度测评 */
import { Result } from 'antd';

export default function VotesPage(_props: { voteId: string | null }) {
  return <Result status="info" title="满意度测评" subTitle="建设中" />;
}
