/** The three Teams themes and the Fluent UI themes that draw them. */
import {
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';

export type ThemeName = 'light' | 'dark' | 'contrast';

export function fluentTheme(name: ThemeName): Theme {
  if (name === 'dark') return webDarkTheme;
  if (name === 'contrast') return teamsHighContrastTheme;
  return webLightTheme;
}

/** Teams names its themes "default", "dark" and "contrast". */
export function themeFromTeams(teamsTheme: string | undefined): ThemeName {
  if (teamsTheme === 'dark') return 'dark';
  if (teamsTheme === 'contrast') return 'contrast';
  return 'light';
}

/** `?theme=dark|contrast|light` outside Teams; anything else is the light theme. */
export function themeFromUrl(search: string): ThemeName {
  const asked = new URLSearchParams(search).get('theme');
  return asked === 'dark' || asked === 'contrast' ? asked : 'light';
}
