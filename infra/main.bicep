// MeetingPrep on Azure: the host on App Service (Linux, .NET 10), PostgreSQL flexible server for several instances,
// Key Vault for every secret (read by the app through a user-assigned managed identity and Key Vault references),
// the Azure Bot (single-tenant, Teams channel) pointing at the host's /api/messages, and Application Insights on a
// Log Analytics workspace. Deploy into an existing resource group: see README.md.

targetScope = 'resourceGroup'

@description('Short name used in every resource name (lowercase letters and digits).')
@minLength(3)
@maxLength(12)
param appName string = 'meetingprep'

@description('Region of every resource except the bot (bots are global).')
param location string = resourceGroup().location

@description('The Entra tenant MeetingPrep and its bot are registered in.')
param tenantId string = subscription().tenantId

@description('Client id of MeetingPrep\'s Entra app (Graph access and the add-in API, Graph:ClientId).')
param graphClientId string

@description('Client secret of that app; stored in Key Vault only.')
@secure()
param graphClientSecret string

@description('Microsoft App id of the bot\'s single-tenant Entra app (Bot:AppId); may equal graphClientId.')
param botAppId string

@description('Client secret of the bot\'s Entra app; stored in Key Vault only.')
@secure()
param botAppPassword string

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'meetingprep'

@description('PostgreSQL administrator password; stored in Key Vault (inside the connection string) only.')
@secure()
param postgresAdminPassword string

@description('App Service plan SKU (B1 for a pilot, P0v3 or larger in production).')
param appServiceSku string = 'B1'

@description('PostgreSQL compute SKU and tier.')
param postgresSkuName string = 'Standard_B1ms'
param postgresTier string = 'Burstable'

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Optional OTLP endpoint (an OpenTelemetry collector) for traces and metrics; empty for none.')
param otlpEndpoint string = ''

@description('Object id of a person or group that may manage Key Vault secrets (e.g. whoever deploys); empty for none.')
param keyVaultAdminObjectId string = ''

var suffix = uniqueString(resourceGroup().id, appName)
var webAppName = '${appName}-${suffix}'
var keyVaultName = take('kv${appName}${suffix}', 24)
var postgresName = '${appName}-pg-${suffix}'
var databaseName = 'meetingprep'

// Built-in roles: read secret values; manage secrets.
var keyVaultSecretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
var keyVaultSecretsOfficerRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${appName}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${appName}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// The app's identity: reads Key Vault secrets; nothing else.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${appName}-id-${suffix}'
  location: location
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: keyVaultSecretsUserRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource adminManagesSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(keyVaultAdminObjectId)) {
  name: guid(vault.id, keyVaultAdminObjectId, keyVaultSecretsOfficerRole)
  scope: vault
  properties: {
    roleDefinitionId: keyVaultSecretsOfficerRole
    principalId: keyVaultAdminObjectId
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresName
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 is Azure's convention for "connections from Azure services"; use private networking for stricter setups.
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource storageConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'storage-connection-string'
  properties: {
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Port=5432;Database=${databaseName};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=Require'
  }
}

resource graphSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'graph-client-secret'
  properties: {
    value: graphClientSecret
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-app-password'
  properties: {
    value: botAppPassword
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${appName}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true
  }
}

resource web 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
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
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/health'
      appSettings: [
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
        { name: 'Storage__Provider', value: 'Postgres' }
        { name: 'Storage__ConnectionString', value: '@Microsoft.KeyVault(SecretUri=${storageConnectionSecret.properties.secretUri})' }
        { name: 'Storage__MigrateOnStart', value: 'true' }
        { name: 'Graph__TenantId', value: tenantId }
        { name: 'Graph__ClientId', value: graphClientId }
        { name: 'Graph__ClientSecret', value: '@Microsoft.KeyVault(SecretUri=${graphSecret.properties.secretUri})' }
        { name: 'Bot__AppId', value: botAppId }
        { name: 'Bot__AppPassword', value: '@Microsoft.KeyVault(SecretUri=${botSecret.properties.secretUri})' }
        { name: 'Bot__TenantId', value: tenantId }
        { name: 'Crm__PublicBaseUrl', value: 'https://${webAppName}.azurewebsites.net' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: otlpEndpoint }
        { name: 'OTEL_SERVICE_NAME', value: 'meetingprep' }
      ]
    }
  }
  dependsOn: [
    identityReadsSecrets
  ]
}

// Teams reaches the bot through the Azure Bot Service; new bots are single-tenant.
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${appName}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'MeetingPrep'
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    developerAppInsightsApplicationId: insights.properties.AppId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The host name to use as APP_DOMAIN when packaging the app (manifest/package.sh).')
output appDomain string = web.properties.defaultHostName

@description('The bot\'s messaging endpoint, as registered on the Azure Bot.')
output messagingEndpoint string = bot.properties.endpoint

output webAppName string = web.name
output keyVaultName string = vault.name
output postgresServer string = postgres.properties.fullyQualifiedDomainName
