/** Whether the tab runs inside Teams, and what Teams tells it: theme, locale, page, sign-in. */
import type { PortalViewId } from '../../application/portal/portalContract';
import { themeFromTeams, type ThemeName } from './themes';

interface TeamsHost {
  readonly theme: ThemeName;
  readonly locale: string | undefined;
  /** The view the tab was opened on (its page or a deep link's sub-page), if it says. */
  readonly view: PortalViewId | null;
  getToken(): Promise<string>;
  onThemeChange(handler: (theme: ThemeName) => void): void;
  /** Tells Teams the tab has drawn itself (it hides its loading indicator). */
  loaded(): void;
}

/**
 * Teams answers `initialize` at once, and a frame in some other host never answers, hence the
 * timeout. teams-js is loaded only where Teams could be: it fetches its list of Teams' origins
 * from a CDN as soon as it loads, which a plain browser (or a test without internet) does not need.
 */
export async function connectToTeams(timeoutMs = 3000): Promise<TeamsHost | null> {
  if (!mayBeInTeams()) return null;
  const { app, authentication } = await import('@microsoft/teams-js');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([app.initialize().then(() => 'ready' as const), timeout]);
    if (outcome === 'timeout') return null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
  const context = await app.getContext();
  return {
    theme: themeFromTeams(context.app.theme),
    locale: context.app.locale,
    view: viewOfPage(context.page.subPageId) ?? viewOfPage(context.page.id),
    getToken: () => authentication.getAuthToken(),
    onThemeChange: (handler) =>
      app.registerOnThemeChangeHandler((theme) => handler(themeFromTeams(theme))),
    loaded: () => {
      void app.notifySuccess().catch(() => undefined);
    },
  };
}

/** The personal tabs' entity ids name their views; a channel tab's URL carries its own. */
function viewOfPage(pageId: string | undefined): PortalViewId | null {
  if (!pageId) return null;
  if (pageId === 'mine' || pageId === 'awaiting' || pageId === 'org') return pageId;
  if (/^(team|channel):/.test(pageId)) return pageId;
  return null;
}

/** Where teams-js looks for Teams: a parent frame, the window that opened this one, or the bridge
 * of Teams' mobile clients. Without any of them there is no host to ask. */
function mayBeInTeams(): boolean {
  return window.parent !== window || window.opener !== null || 'nativeInterface' in window;
}
