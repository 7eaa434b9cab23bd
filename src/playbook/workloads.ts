/**
 * FastTrack workloads an entitlement can be for. Operators may add, rename or retire entries:
 * ids are stored in records, so keep an id once it has been used.
 */

export interface Workload {
  readonly id: string;
  readonly name: string;
}

export const WORKLOADS: readonly Workload[] = [
  { id: 'exchange-online', name: 'Exchange Online' },
  { id: 'sharepoint-online', name: 'SharePoint Online' },
  { id: 'onedrive', name: 'OneDrive' },
  { id: 'microsoft-teams', name: 'Microsoft Teams' },
  { id: 'viva-engage', name: 'Viva Engage (Yammer)' },
  { id: 'skype-for-business', name: 'Skype for Business' },
  { id: 'microsoft-365-apps', name: 'Microsoft 365 Apps (Office ProPlus)' },
  { id: 'outlook-mobile', name: 'Outlook Mobile' },
  { id: 'intune', name: 'Microsoft Intune' },
  { id: 'entra-id', name: 'Microsoft Entra ID' },
];

export function findWorkload(id: string): Workload | undefined {
  return WORKLOADS.find((workload) => workload.id === id);
}
