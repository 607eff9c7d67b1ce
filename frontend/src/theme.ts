import type { GlobalThemeOverrides } from 'naive-ui'

const font =
  '"Inter Variable", Inter, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif'

const shared: GlobalThemeOverrides['common'] = {
  fontFamily: font,
  fontSize: '14px',
  fontSizeMedium: '14px',
  borderRadius: '6px',
  borderRadiusSmall: '4px',
}

export const lightOverrides: GlobalThemeOverrides = {
  common: {
    ...shared,
    primaryColor: '#2B62C9',
    primaryColorHover: '#4277D6',
    primaryColorPressed: '#214FA8',
    primaryColorSuppl: '#4277D6',
    bodyColor: '#F5F6F8',
    textColorBase: '#1F2329',
    textColor1: '#1F2329',
    textColor2: '#333A44',
    textColor3: '#6B7380',
    borderColor: '#E1E4E9',
    dividerColor: '#E8EBEF',
  },
  Card: { borderRadius: '10px', paddingMedium: '20px 24px' },
  DataTable: {
    thColor: '#FAFBFC',
    thColorSorting: '#F4F6F9',
    tdColorSorting: '#FFFFFF',
    thFontWeight: '600',
    tdColorHover: '#F3F6FB',
    thTextColor: '#4A5260',
  },
  Drawer: { bodyPadding: '0' },
  Tag: { borderRadius: '4px' },
}

export const darkOverrides: GlobalThemeOverrides = {
  common: {
    ...shared,
    primaryColor: '#3D74D6',
    primaryColorHover: '#5288E3',
    primaryColorPressed: '#3263BD',
    primaryColorSuppl: '#5288E3',
    bodyColor: '#15171B',
    cardColor: '#1E2127',
    modalColor: '#22252B',
    popoverColor: '#272A31',
  },
  Card: { borderRadius: '10px', paddingMedium: '20px 24px' },
  DataTable: { thFontWeight: '600', tdColorSorting: '#1E2127', thColorSorting: '#262A31', tdColor: '#1E2127', thColor: '#22262C' },
  Drawer: { bodyPadding: '0' },
  Tag: { borderRadius: '4px' },
}
