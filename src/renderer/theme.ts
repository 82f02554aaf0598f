import type { ThemeConfig } from 'antd';

/**
 * Fonts installed on school PCs that carry full Vietnamese diacritics; nothing is fetched
 * from the internet (many schools have slow or no connection).
 */
export const FONT_STACK = '"Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Times New Roman", Tahoma, sans-serif';

/** A calm, administrative look: deep blue, neutral greys, no decoration. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4f91',
    colorInfo: '#1d4f91',
    // Derived from the deep blue, antd's info background comes out grey and reads as disabled.
    colorInfoBg: '#eef4fb',
    colorInfoBorder: '#c6d8ef',
    colorLink: '#1d4f91',
    borderRadius: 6,
    fontFamily: FONT_STACK,
    fontSize: 14,
    colorBgLayout: '#f2f4f8',
  },
  components: {
    Layout: { siderBg: '#10294b', headerBg: '#ffffff', headerPadding: '0 24px', triggerBg: '#0b1e38' },
    Menu: { darkItemBg: '#10294b', darkSubMenuItemBg: '#0b1e38', darkItemSelectedBg: '#1d4f91' },
  },
};
