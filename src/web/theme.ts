import type { ThemeConfig } from 'antd';

/**
 * The app's one font stack; styles.css holds the same as --shezu-font for what antd does not style (print forms).
 */
export const FONT =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * The antd theme, with contrast raised once for every page (issue 22 item 8: WCAG 2.1 AA, 4.5:1 for text).
 * antd's defaults fall short: links #1677ff (4.1:1), secondary text 45 % black (~3.4:1 on the grey page), the
 * status tags' text in the base colour (正常 #52c41a on its light green, ~2.2:1) and preset tags' 7th shade
 * (示范点 gold-7 on gold-1, ~2.8:1). Here links take the primary blue, grey text is 60–65 % black, and tags
 * write in a darker shade of their colour (the 8th or 9th of antd's palette), on the same light background.
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1b5eab',
    colorLink: '#1b5eab',
    colorInfo: '#1b5eab',
    // Danger buttons and error text: #ff4d4f is 3.3:1 on white.
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    fontFamily: FONT,
    borderRadius: 4,
  },
  components: {
    Tag: {
      colorSuccess: '#237804',
      colorWarning: '#ad4e00',
      colorError: '#a8071a',
      colorInfo: '#0b4a8f',
      green7: '#237804',
      gold7: '#874d00',
      orange7: '#ad4e00',
      cyan7: '#006d75',
      volcano7: '#ad2102',
      lime7: '#3f6600',
      yellow7: '#614700',
      blue7: '#0b4a8f',
      geekblue7: '#1d39c4',
      magenta7: '#9e1068',
      purple7: '#391085',
      red7: '#a8071a',
      defaultColor: 'rgba(0, 0, 0, 0.8)',
    },
    Typography: { colorLink: '#1b5eab' },
    Breadcrumb: { linkColor: 'rgba(0, 0, 0, 0.65)', separatorColor: 'rgba(0, 0, 0, 0.6)', itemColor: 'rgba(0, 0, 0, 0.65)', lastItemColor: 'rgba(0, 0, 0, 0.88)' },
  },
};
