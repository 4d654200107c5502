// ParkFinder on Azure: an Azure Functions app on the Flex Consumption plan (FC1) running the .NET
// isolated worker (dotnet-isolated 10.0); its storage (Table + Blob, shared-key access off, reached
// with a user-assigned managed identity, which is also the host's identity-based AzureWebJobsStorage
// and the deployment-container identity); Key Vault for the secrets (app settings are Key Vault
// references); Application Insights. `azd up` provisions this and deploys the service tagged
// azd-service-name 'api' (functions/ParkFinder.Functions, see azure.yaml).
//
// NOT VERIFIED AGAINST AZURE. This template was compiled and linted with the Bicep CLI (0.49.2) only;
// it has never been deployed or run through what-if. In particular, unconfirmed:
// - that dotnet-isolated 10.0 is offered on Flex Consumption in the chosen region (the Flex runtime
//   list for East Asia shows it; Flex is not in every region, and its availability in Azure China
//   (21Vianet) is unknown: check `az functionapp list-flexconsumption-locations` and
//   `az functionapp list-flexconsumption-runtimes` first);
// - that the host runs HTTP and timer triggers with only AzureWebJobsStorage__blobServiceUri and
//   Storage Blob Data Owner (this follows Microsoft's Flex quickstart templates, not a test here);
// - that the Key Vault references resolve at first start: role assignments can take minutes to
//   propagate, so the first start may show unresolved references until a restart;
// - that maximumInstanceCount may not go below 40 (the documented Flex lower bound when written);
// - that `azd deploy` publishes the isolated project to this app (needs a recent azd with Flex support).
targetScope = 'resourceGroup'

@description('Name of the azd environment; used in resource names and tags.')
param environmentName string

@description('Azure region; must offer Flex Consumption with dotnet-isolated 10.0.')
param location string = resourceGroup().location

@description('WeChat mini-program AppID (public).')
param wechatAppId string

@secure()
@description('WeChat mini-program AppSecret: stored in Key Vault, never in app settings.')
param wechatAppSecret string

@description('Subscribe-message template for saved-search alerts (fields thing1, thing2, thing3, time4); empty: alerts are matched but not sent.')
param wechatAlertTemplateId string = ''

@description('Subscribe-message template for "a new consult request" to the park\'s landlords (thing1, thing2, time3); empty: not sent.')
param wechatLeadTemplateId string = ''

@description('Subscribe-message template for "the park answered your request" to the investor (thing1, phrase2, time3); empty: not sent.')
param wechatLeadAnsweredTemplateId string = ''

@secure()
@description('Key that signs ParkFinder session tokens (32+ characters): stored in Key Vault.')
param authSigningKey string

@description('WeChat openids that get the admin role (may be empty).')
param adminOpenIds string[] = []

@description('NCRONTAB schedule of the RecalculateTrends timer (%Jobs:RecalculateTrends:Schedule%).')
param trendSchedule string = '0 0 * * * *'

@description('NCRONTAB schedule of the NotifyAlerts timer (%Jobs:NotifyAlerts:Schedule%).')
param alertSchedule string = '0 */5 * * * *'

@description('NCRONTAB schedule (UTC) of the PurgeLeads timer (%Jobs:PurgeLeads:Schedule%): daily at 03:30 China time.')
param leadPurgeSchedule string = '0 30 19 * * *'

@description('NCRONTAB schedule (UTC) of the RemindStaleAvailability timer (%Jobs:RemindStaleAvailability:Schedule%): daily at 10:00 China time.')
param staleReminderSchedule string = '0 0 2 * * *'

@description('Subscribe-message template for "please confirm your availability" to landlords (thing1, number2, thing3); empty: not sent.')
param wechatStaleReminderTemplateId string = ''

@description('Days a consult request is kept before the PurgeLeads job deletes it.')
@minValue(1)
param leadRetentionDays int = 730

@description('Upper bound on Flex Consumption instances: each instance holds its own park index and reads storage on start.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per Flex Consumption instance (2048 MB = 1 core).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }
var tableNames = ['Parks', 'Units', 'UnitHistory', 'AccessLog', 'Leases', 'LeaseUploads', 'Trends', 'Users', 'Invites', 'Leads', 'InvestorLeads', 'Favorites', 'Alerts', 'AlertEvents', 'Jobs', 'Meta', 'Enterprises', 'LeaseMix', 'ExternalScores', 'Reminders', 'Assessments']
var containerNames = ['lease-files', 'locks', 'index-snapshots', 'ecosystem', 'scorecards']
// Auth:AdminOpenIds is a string[]: one indexed setting per openid (none when the list is empty).
var adminOpenIdSettings = [for (openId, i) in adminOpenIds: { name: 'Auth__AdminOpenIds__${i}', value: openId }]
// Flex Consumption deploys the app package to this blob container (functionAppConfig.deployment).
var deploymentContainerName = 'app-package'
// Built-in role ids: the only roles this template grants.
// Storage Blob Data Owner: the Functions host's blobs (keys, timer schedule status, singleton blob
// leases), the deployment container, and the app's own containers (it includes Blob Data Contributor).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
// Storage Table Data Contributor: the app's own tables (Storage:TableEndpoint); the host needs no table for HTTP + timer triggers.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// No Storage Queue Data Contributor: HTTP and timer triggers use no queues (queue/blob triggers and Durable Functions would).
// Key Vault Secrets User: read secrets, to resolve the Key Vault references below.
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-parkfinder-${token}'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'stpf${token}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [for name in tableNames: {
  parent: tableService
  name: name
}]

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [for name in containerNames: {
  parent: blobService
  name: name
}]

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
}

resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageBlobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageTableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: 'kv-pf-${take(token, 17)}'
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource appSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'WeChatAppSecret'
  properties: { value: wechatAppSecret }
}

resource signingKey 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'AuthSigningKey'
  properties: { value: authSigningKey }
}

// Read-only access to the vault's secrets, for the Key Vault references below.
resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: 'log-pf-${token}'
  location: location
  tags: tags
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-pf-${token}'
  location: location
  tags: tags
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id }
}

// Flex Consumption: one app per plan, Linux only.
resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-pf-${token}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

// On Flex the runtime comes from functionAppConfig.runtime: FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION, linuxFxVersion, ftpsState and WEBSITE_RUN_FROM_PACKAGE are
// deprecated there ("Flex Consumption plan deprecations", Functions app settings reference) and not set.
resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: 'func-pf-${token}'
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: concat([
        // Identity-based host storage. The blob endpoint comes from the account itself rather than
        // AzureWebJobsStorage__accountName, which assumes the public cloud's core.windows.net suffix.
        // Only blobs: HTTP and timer triggers need no host queues or tables.
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'Storage__TableEndpoint', value: storage.properties.primaryEndpoints.table }
        { name: 'Storage__BlobEndpoint', value: storage.properties.primaryEndpoints.blob }
        { name: 'WeChat__AppId', value: wechatAppId }
        { name: 'WeChat__AppSecret', value: '@Microsoft.KeyVault(SecretUri=${appSecret.properties.secretUri})' }
        { name: 'WeChat__AlertTemplateId', value: wechatAlertTemplateId }
        { name: 'WeChat__LeadTemplateId', value: wechatLeadTemplateId }
        { name: 'WeChat__LeadAnsweredTemplateId', value: wechatLeadAnsweredTemplateId }
        { name: 'WeChat__StaleReminderTemplateId', value: wechatStaleReminderTemplateId }
        { name: 'Auth__SigningKey', value: '@Microsoft.KeyVault(SecretUri=${signingKey.properties.secretUri})' }
        // The timer triggers read their schedules from these (%Jobs:...:Schedule%): required.
        { name: 'Jobs__RecalculateTrends__Schedule', value: trendSchedule }
        { name: 'Jobs__NotifyAlerts__Schedule', value: alertSchedule }
        { name: 'Jobs__PurgeLeads__Schedule', value: leadPurgeSchedule }
        { name: 'Jobs__PurgeLeads__RetentionDays', value: string(leadRetentionDays) }
        { name: 'Jobs__RemindStaleAvailability__Schedule', value: staleReminderSchedule }
      ], adminOpenIdSettings)
    }
  }
  dependsOn: [blobRole, tableRole, vaultRole, deploymentContainer]
}

output AZURE_FUNCTION_APP_NAME string = app.name
output AZURE_FUNCTION_APP_URL string = 'https://${app.properties.defaultHostName}'
output AZURE_STORAGE_ACCOUNT string = storage.name
output AZURE_KEY_VAULT_NAME string = vault.name
// azd finds the service's app by its azd-service-name tag; these are the conventional outputs besides.
output SERVICE_API_NAME string = app.name
output AZURE_LOCATION string = location
