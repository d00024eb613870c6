/**
 * The look of the app: Ant Design theme tokens chosen for WCAG 2.1 AA contrast, and 关怀模式 (care mode) — larger type
 * and spacing, stronger colours — switched in the header and remembered per browser (localStorage).
 */
import { ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

const FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

/** The browser's memory of the switch. */
export const CARE_MODE_KEY = 'shishi.careMode';

/**
 * Normal mode. Secondary and tertiary text are darker than Ant Design's defaults (0.45 alpha is 3.4:1 on white, below
 * AA's 4.5:1); the placeholder stays readable (0.55 ≈ 4.6:1).
 */
const normal: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e8c',
    colorLink: '#1f4e8c',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorWarningText: '#ad4e00',
    colorSuccessText: '#237804',
    colorErrorText: '#a8071a',
    // Danger buttons and links: Ant Design's #ff4d4f is 3.3:1 on white.
    colorError: '#cf1322',
    borderRadius: 4,
    fontFamily: FONT,
  },
  components: {
    Layout: { headerBg: '#9e1b1b', headerHeight: 56, headerPadding: '0 24px', siderBg: '#ffffff' },
    Table: { headerBg: '#f3f5f8', cellPaddingBlockSM: 6 },
  },
};

/** 关怀模式: 18 px type, taller controls, black text, stronger primary and borders. */
const care: ThemeConfig = {
  token: {
    ...normal.token,
    fontSize: 18,
    fontSizeSM: 16,
    fontSizeLG: 20,
    fontSizeHeading3: 26,
    fontSizeHeading4: 22,
    controlHeight: 44,
    controlHeightSM: 34,
    controlHeightLG: 52,
    lineHeight: 1.7,
    colorPrimary: '#0b3a75',
    colorLink: '#0b3a75',
    colorText: '#000000',
    colorTextHeading: '#000000',
    colorTextSecondary: '#262626',
    colorTextTertiary: '#303030',
    colorTextDescription: '#262626',
    colorTextPlaceholder: '#4d4d4d',
    colorBorder: '#595959',
    colorBorderSecondary: '#8c8c8c',
    padding: 20,
    margin: 20,
  },
  components: {
    Layout: { headerBg: '#7a0f0f', headerHeight: 64, headerPadding: '0 24px', siderBg: '#ffffff' },
    Table: { headerBg: '#e6e9ef', cellPaddingBlockSM: 10, cellPaddingBlock: 16 },
    Menu: { itemHeight: 52 },
  },
};

type CareMode = { care: boolean; setCare: (on: boolean) => void };

const CareContext = createContext<CareMode>({ care: false, setCare: () => undefined });

/** Whether 关怀模式 is on, and the switch. */
export const useCareMode = () => useContext(CareContext);

function readCare(): boolean {
  try {
    return localStorage.getItem(CARE_MODE_KEY) === '1';
  } catch {
    return false;
  }
}

/** The user asked the system for less motion: no animations (WCAG 2.3.3). */
function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** ConfigProvider with the current theme; the <html> element carries class care-mode for the CSS of styles.css. */
export function ThemeRoot({ children }: { children: ReactNode }) {
  const [on, setOn] = useState(readCare);
  const setCare = useCallback((v: boolean) => {
    setOn(v);
    try {
      localStorage.setItem(CARE_MODE_KEY, v ? '1' : '0');
    } catch {
      // Private mode without storage: the switch still works until the page is closed.
    }
  }, []);
  useEffect(() => {
    document.documentElement.classList.toggle('care-mode', on);
  }, [on]);
  const value = useMemo(() => ({ care: on, setCare }), [on, setCare]);
  const theme = useMemo<ThemeConfig>(() => {
    const t = on ? care : normal;
    return reducedMotion() ? { ...t, token: { ...t.token, motion: false } } : t;
  }, [on]);
  return (
    <CareContext.Provider value={value}>
      <ConfigProvider locale={zhCN} theme={theme}>
        {children}
      </ConfigProvider>
    </CareContext.Provider>
  );
}
