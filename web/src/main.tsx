import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app';
import './styles.css';

dayjs.locale('zh-cn');

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      theme={{
        token: {
          colorPrimary: '#1f4e8c',
          colorLink: '#1f4e8c',
          borderRadius: 4,
          fontFamily:
            '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif',
        },
        components: {
          Layout: { headerBg: '#9e1b1b', headerHeight: 56, headerPadding: '0 24px', siderBg: '#ffffff' },
          Table: { headerBg: '#f3f5f8', cellPaddingBlockSM: 6 },
        },
      }}
    >
      <AntApp>
        <AppRoot />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
