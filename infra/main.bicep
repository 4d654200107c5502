// ParkFinder on Azure: a Linux function app running the custom handler, its storage (Table + Blob,
// shared-key access off, reached with a user-assigned managed identity), Key Vault for secrets
// (app settings are Key Vault references), Application Insights.
// Plan: custom handlers are not offered on Flex Consumption, so this uses the Linux Consumption
// plan (Y1), the closest serverless plan that runs them.
targetScope = 'resourceGroup'

@description('Name of the azd environment; used in resource names and tags.')
param environmentName string

@description('Azure region. In Azure China (21Vianet), e.g. chinanorth3 or chinaeast2, with the AzureChinaCloud cloud selected.')
param location string = resourceGroup().location

@description('WeChat mini-program AppID (public).')
param wechatAppId string

@secure()
@description('WeChat mini-program AppSecret: stored in Key Vault, never in app settings.')
param wechatAppSecret string

@description('Subscribe-message template for saved-search alerts (fields thing1, thing2, thing3, time4); empty: alerts are matched but not sent.')
param wechatAlertTemplateId string = ''

@secure()
@description('Key that signs ParkFinder session tokens (32+ characters): stored in Key Vault.')
param authSigningKey string

@description('WeChat openids that get the admin role.')
param adminOpenIds array = []

@description('NCRONTAB schedule of the RecalculateTrends timer.')
param trendSchedule string = '0 0 * * * *'

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }
var tableNames = ['Parks', 'Units', 'Leases', 'LeaseUploads', 'Trends', 'Users', 'Invites', 'Leads', 'Favorites', 'Alerts', 'AlertEvents', 'Jobs', 'Meta']
var containerNames = ['lease-files', 'locks', 'index-snapshots']
// Built-in role ids: the only roles this template grants.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-parkfinder-${token}'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stpf${token}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for name in tableNames: {
  parent: tableService
  name: name
}]

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for name in containerNames: {
  parent: blobService
  name: name
}]

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageTableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageBlobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
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

resource appSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'WeChatAppSecret'
  properties: { value: wechatAppSecret }
}

resource signingKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
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

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
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

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-pf-${token}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'Y1', tier: 'Dynamic' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
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
    siteConfig: {
      linuxFxVersion: ''
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat([
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'Storage__TableEndpoint', value: storage.properties.primaryEndpoints.table }
        { name: 'Storage__BlobEndpoint', value: storage.properties.primaryEndpoints.blob }
        { name: 'WeChat__AppId', value: wechatAppId }
        { name: 'WeChat__AppSecret', value: '@Microsoft.KeyVault(SecretUri=${appSecret.properties.secretUri})' }
        { name: 'WeChat__AlertTemplateId', value: wechatAlertTemplateId }
        { name: 'Auth__SigningKey', value: '@Microsoft.KeyVault(SecretUri=${signingKey.properties.secretUri})' }
        { name: 'Jobs__RecalculateTrends__Schedule', value: trendSchedule }
      ], [for (openId, i) in adminOpenIds: { name: 'Auth__AdminOpenIds__${i}', value: openId }])
    }
  }
  dependsOn: [tableRole, blobRole, vaultRole]
}

output AZURE_FUNCTION_APP_NAME string = app.name
output AZURE_FUNCTION_APP_URL string = 'https://${app.properties.defaultHostName}'
output AZURE_STORAGE_ACCOUNT string = storage.name
output AZURE_KEY_VAULT_NAME string = vault.name
