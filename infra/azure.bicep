// Azure resources for the No Intent bot: an App Service (Linux, Node 20) running the bot under a
// user-assigned managed identity, which is also the bot's identity (no secret); an Azure Bot
// registration with the Teams channel; and a serverless Azure Cosmos DB for NoSQL account with the
// bot's database and containers. The identity gets Cosmos DB's built-in data-plane role, and key
// access is switched off, so production runs without Cosmos keys. The portal tab's Entra app is
// made by the Agents Toolkit (aadApp/create, aad.manifest.json); its id and secret come in here.

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name.')
param resourceBaseName string

@description('Name shown for the bot in Teams.')
param botDisplayName string = 'No Intent'

@description('App Service plan size.')
param webAppSku string = 'B1'

@description('Entra object ids of the managers who may confirm or reject, comma-separated.')
param managerAadObjectIds string = ''

@description('Client id of the portal tab\'s Microsoft Entra app (aadApp/create makes it).')
param tabAppId string

@secure()
@description('A client secret of that app: the bot reads channel messages from Microsoft Graph as it.')
param tabAppSecret string

param location string = resourceGroup().location
param databaseName string = 'no-intent-bot'

var cosmosAccountName = toLower('${resourceBaseName}-cosmos')
// Cosmos DB Built-in Data Contributor (data plane: read and write items, read metadata).
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'
// As src/edges/cosmos/cosmosContainers.ts lays them out (a test compares the two).
var containers = [
  { name: 'ledger', partitionKey: '/tenantId' }
  { name: 'teams', partitionKey: '/orgTenantId' }
  { name: 'people', partitionKey: '/aadObjectId' }
  { name: 'portal', partitionKey: '/orgTenantId' }
  { name: 'botState', partitionKey: '/id' }
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: resourceBaseName
  location: location
}

resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: cosmosAccountName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
      }
    ]
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for c in containers: {
    parent: database
    name: c.name
    properties: {
      resource: {
        id: c.name
        partitionKey: {
          paths: [
            c.partitionKey
          ]
          kind: 'Hash'
        }
      }
    }
  }
]

resource cosmosDataAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm start'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      healthCheckPath: '/readyz'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'MICROSOFT_APP_ID', value: identity.properties.clientId }
        { name: 'MICROSOFT_APP_TYPE', value: 'UserAssignedMSI' }
        { name: 'MICROSOFT_APP_TENANT_ID', value: identity.properties.tenantId }
        // DefaultAzureCredential picks the user-assigned identity by this client id.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'COSMOS_DATABASE', value: databaseName }
        { name: 'MANAGER_AAD_OBJECT_IDS', value: managerAadObjectIds }
        // The portal tab: Teams single sign-on tokens are issued for this app and URI.
        { name: 'TAB_APP_ID', value: tabAppId }
        { name: 'TAB_APP_ID_URI', value: 'api://${resourceBaseName}.azurewebsites.net/${tabAppId}' }
        { name: 'TAB_APP_PASSWORD', value: tabAppSecret }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// The Agents Toolkit writes these outputs to env/.env.<env>.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output COSMOS_ENDPOINT string = cosmos.properties.documentEndpoint
