/**
 * Teams-like Adaptive Cards host configs for the light, dark and high-contrast themes, with the
 * page CSS the `adaptivecards` renderer leaves to its host (buttons, input boxes, error text).
 *
 * The colours are Fluent 2's Teams themes, which the Teams client draws with: teamsLightTheme,
 * teamsDarkTheme and teamsHighContrastTheme of @fluentui/tokens (1.0.0-alpha.24). Each value
 * names its token; status text uses the tokens Fluent's Field gives its validation messages.
 * Teams' own host config is not published, so this is the closest public
 * description of what a reader sees.
 */

export type TeamsThemeName = 'light' | 'dark' | 'high-contrast';

interface Palette {
  /** Background of each container style. */
  readonly backgrounds: Record<
    'default' | 'emphasis' | 'accent' | 'good' | 'attention' | 'warning',
    string
  >;
  /** Text colours, each with its subtle variant, the same in every container style. */
  readonly text: Record<
    'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention',
    { readonly default: string; readonly subtle: string }
  >;
  readonly separator: string;
  readonly button: { readonly background: string; readonly text: string; readonly border: string };
  readonly primaryButton: { readonly background: string; readonly text: string };
  readonly input: { readonly background: string; readonly text: string; readonly border: string };
  readonly focus: string;
}

const LIGHT: Palette = {
  backgrounds: {
    default: '#FFFFFF', // colorNeutralBackground1
    emphasis: '#F5F5F5', // colorNeutralBackground3
    accent: '#E8EBFA', // colorBrandBackground2
    good: '#F1FAF1', // colorStatusSuccessBackground1
    attention: '#FDF3F4', // colorStatusDangerBackground1
    warning: '#FFF9F5', // colorStatusWarningBackground1
  },
  text: {
    default: { default: '#242424', subtle: '#616161' }, // colorNeutralForeground1, 3
    dark: { default: '#242424', subtle: '#424242' }, // colorNeutralForeground1, 2
    light: { default: '#FFFFFF', subtle: '#FFFFFF' }, // colorNeutralForegroundInverted
    accent: { default: '#5B5FC7', subtle: '#4F52B2' }, // colorBrandForeground1, ForegroundLink
    good: { default: '#0E700E', subtle: '#0E700E' }, // colorPaletteGreenForeground1
    warning: { default: '#C43501', subtle: '#C43501' }, // colorPaletteDarkOrangeForeground1
    attention: { default: '#BC2F32', subtle: '#BC2F32' }, // colorPaletteRedForeground1
  },
  separator: '#D1D1D1', // colorNeutralStroke1
  button: { background: '#FFFFFF', text: '#242424', border: '#D1D1D1' },
  primaryButton: { background: '#5B5FC7', text: '#FFFFFF' }, // colorBrandBackground, OnBrand
  input: { background: '#FFFFFF', text: '#242424', border: '#616161' }, // StrokeAccessible
  focus: '#000000', // colorStrokeFocus2
};

const DARK: Palette = {
  backgrounds: {
    default: '#292929', // colorNeutralBackground1
    emphasis: '#1F1F1F', // colorNeutralBackground3
    accent: '#2F2F4A', // colorBrandBackground2
    good: '#052505', // colorStatusSuccessBackground1
    attention: '#3B0509', // colorStatusDangerBackground1
    warning: '#4A1E04', // colorStatusWarningBackground1
  },
  text: {
    default: { default: '#FFFFFF', subtle: '#ADADAD' }, // colorNeutralForeground1, 3
    dark: { default: '#242424', subtle: '#242424' }, // colorNeutralForegroundInverted
    light: { default: '#FFFFFF', subtle: '#D6D6D6' }, // colorNeutralForeground1, 2
    accent: { default: '#7F85F5', subtle: '#7F85F5' }, // colorBrandForeground1
    good: { default: '#54B054', subtle: '#54B054' }, // colorPaletteGreenForeground1
    warning: { default: '#E9835E', subtle: '#E9835E' }, // colorPaletteDarkOrangeForeground1
    attention: { default: '#E37D80', subtle: '#E37D80' }, // colorPaletteRedForeground1
  },
  separator: '#666666', // colorNeutralStroke1
  button: { background: '#292929', text: '#FFFFFF', border: '#666666' },
  primaryButton: { background: '#4F52B2', text: '#FFFFFF' }, // colorBrandBackground, OnBrand
  input: { background: '#1F1F1F', text: '#FFFFFF', border: '#ADADAD' }, // StrokeAccessible
  focus: '#FFFFFF', // colorStrokeFocus2
};

// High contrast has no tints: every surface is black, text white, links yellow, focus cyan.
const HIGH_CONTRAST: Palette = {
  backgrounds: {
    default: '#000000',
    emphasis: '#000000',
    accent: '#000000',
    good: '#000000',
    attention: '#000000',
    warning: '#000000',
  },
  text: {
    default: { default: '#FFFFFF', subtle: '#FFFFFF' }, // colorNeutralForeground1, 3
    dark: { default: '#FFFFFF', subtle: '#FFFFFF' },
    light: { default: '#FFFFFF', subtle: '#FFFFFF' },
    accent: { default: '#FFFF00', subtle: '#FFFF00' }, // colorBrandForegroundLink
    good: { default: '#FFFFFF', subtle: '#FFFFFF' }, // colorPaletteGreenForeground1
    warning: { default: '#FFFFFF', subtle: '#FFFFFF' }, // colorPaletteDarkOrangeForeground1
    attention: { default: '#FFFFFF', subtle: '#FFFFFF' }, // colorPaletteRedForeground1
  },
  separator: '#FFFFFF', // colorNeutralStroke1
  button: { background: '#000000', text: '#FFFFFF', border: '#FFFFFF' },
  primaryButton: { background: '#FFFFFF', text: '#000000' }, // colorBrandBackground, OnBrand
  input: { background: '#000000', text: '#FFFFFF', border: '#FFFFFF' },
  focus: '#1AEBFF', // colorStrokeFocus2
};

function hostConfig(palette: Palette): object {
  const foregroundColors = palette.text;
  const containerStyles = Object.fromEntries(
    Object.entries(palette.backgrounds).map(([style, backgroundColor]) => [
      style,
      { backgroundColor, foregroundColors },
    ]),
  );
  return {
    supportsInteractivity: true,
    fontFamily: "'Segoe UI', system-ui, sans-serif",
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: palette.separator },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 200, default: 400, bolder: 600 },
    containerStyles,
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      allowTitleToWrap: true,
    },
    inputs: {
      label: {
        inputSpacing: 'small',
        requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
        optionalInputs: { weight: 'bolder' },
      },
      errorMessage: { color: 'attention' },
    },
  };
}

function pageCss(palette: Palette): string {
  const { button, primaryButton, input } = palette;
  return `
    body { margin: 0; padding: 16px; background: ${palette.backgrounds.default}; }
    .ac-adaptiveCard { border: 1px solid ${palette.separator}; border-radius: 4px; }
    .ac-pushButton {
      font: 600 14px 'Segoe UI', system-ui, sans-serif; padding: 5px 12px; border-radius: 4px;
      background: ${button.background}; color: ${button.text}; border: 1px solid ${button.border};
    }
    .ac-pushButton.style-positive, .ac-pushButton[aria-expanded='true'] {
      background: ${primaryButton.background}; color: ${primaryButton.text};
      border-color: ${primaryButton.background};
    }
    .ac-input, .ac-input select, input.ac-input, textarea.ac-input {
      font: 14px 'Segoe UI', system-ui, sans-serif; background: ${input.background};
      color: ${input.text}; border: 1px solid ${input.border}; border-radius: 4px;
    }
    /* Fluent draws each choice as a 32px row; the renderer sets margin: 0 inline. */
    input[type='radio'], input[type='checkbox'] {
      width: 16px; height: 16px; margin: 8px 0 !important; accent-color: ${primaryButton.background};
    }
    :focus-visible { outline: 2px solid ${palette.focus}; outline-offset: 1px; }
  `;
}

export interface TeamsTheme {
  readonly name: TeamsThemeName;
  readonly hostConfig: object;
  readonly css: string;
}

export const TEAMS_THEMES: readonly TeamsTheme[] = (
  [
    ['light', LIGHT],
    ['dark', DARK],
    ['high-contrast', HIGH_CONTRAST],
  ] as const
).map(([name, palette]) => ({ name, hostConfig: hostConfig(palette), css: pageCss(palette) }));

export function teamsTheme(name: TeamsThemeName): TeamsTheme {
  return TEAMS_THEMES.find((theme) => theme.name === name)!;
}
