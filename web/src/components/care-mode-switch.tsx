/** The header's 关怀模式 switch: a toggle button (aria-pressed), keyboard operable, remembered per browser. */
import { EyeOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useCareMode } from '../theme';

export function CareModeSwitch({ compact }: { compact?: boolean }) {
  const { care, setCare } = useCareMode();
  return (
    <Button
      size="small"
      ghost
      icon={<EyeOutlined aria-hidden />}
      className={care ? 'care-switch care-switch-on' : 'care-switch'}
      aria-pressed={care}
      aria-label={care ? '关怀模式（已开启），点击关闭' : '关怀模式（已关闭），点击开启'}
      title={care ? '关闭关怀模式' : '开启关怀模式：更大的字体、更高的对比度'}
      onClick={() => setCare(!care)}
      data-testid="care-mode"
    >
      {compact ? '关怀' : '关怀模式'}
    </Button>
  );
}
