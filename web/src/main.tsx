import { App as AntApp } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app';
import { installA11yFixes } from './components/a11y-fixes';
import { ThemeRoot } from './theme';
import './styles.css';

dayjs.locale('zh-cn');
installA11yFixes();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

createRoot(root).render(
  <StrictMode>
    <ThemeRoot>
      <AntApp>
        <AppRoot />
      </AntApp>
    </ThemeRoot>
  </StrictMode>,
);
