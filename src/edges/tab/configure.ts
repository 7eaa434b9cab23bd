/**
 * The channel tab's configuration page. Teams shows it when someone adds the tab to a channel;
 * once they tick the box, Teams' Save button is enabled, and saving points the tab at the view of
 * this channel's notices.
 */
import { app, pages } from '@microsoft/teams-js';

const TAB_NAME = 'No Intent';

async function configure(): Promise<void> {
  const status = document.getElementById('status')!;
  const confirm = document.getElementById('confirm') as HTMLInputElement;
  try {
    await app.initialize();
  } catch {
    status.textContent = 'Open this page from Teams, when adding the No Intent tab to a channel.';
    confirm.disabled = true;
    return;
  }
  const context = await app.getContext();
  document.documentElement.dataset.theme = context.app.theme ?? 'default';
  app.registerOnThemeChangeHandler((theme) => (document.documentElement.dataset.theme = theme));
  const teamId = context.team?.internalId;
  const channelId = context.channel?.id;
  if (!teamId || !channelId) {
    status.textContent =
      'This tab belongs in a team channel: add it from a channel of your account team.';
    confirm.disabled = true;
    return;
  }
  const names = [context.team?.displayName, context.channel?.displayName].filter(Boolean);
  document.getElementById('where')!.textContent = names.length ? names.join(' › ') : 'this channel';
  pages.config.registerOnSaveHandler((saveEvent) => {
    const view = `channel:${teamId}:${channelId}`;
    const contentUrl = new URL('./', location.href);
    contentUrl.search = new URLSearchParams({ view }).toString();
    pages.config
      .setConfig({
        contentUrl: contentUrl.toString(),
        entityId: view,
        suggestedDisplayName: TAB_NAME,
      })
      .then(
        () => saveEvent.notifySuccess(),
        (error: unknown) => saveEvent.notifyFailure(String(error)),
      );
  });
  confirm.addEventListener('change', () => {
    pages.config.setValidityState(confirm.checked);
    status.textContent = confirm.checked
      ? 'Choose Save to add the tab.'
      : 'Tick the box to add the tab.';
  });
  void app.notifySuccess().catch(() => undefined);
}

void configure();
