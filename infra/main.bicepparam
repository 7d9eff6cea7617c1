// Example parameters for main.bicep. Non-secret values are written here; secrets are read from environment variables
// at deploy time so they never land in a file:
//   export GRAPH_CLIENT_SECRET=... BOT_APP_PASSWORD=... POSTGRES_ADMIN_PASSWORD=...
//   az deployment group create -g <group> --template-file infra/main.bicep --parameters infra/main.bicepparam
using 'main.bicep'

param appName = 'meetingprep'
param graphClientId = '00000000-0000-0000-0000-000000000000' // MeetingPrep's Entra app (client) id
param graphClientSecret = readEnvironmentVariable('GRAPH_CLIENT_SECRET')
param botAppId = '00000000-0000-0000-0000-000000000000' // the bot's Entra app (client) id
param botAppPassword = readEnvironmentVariable('BOT_APP_PASSWORD')
param postgresAdminPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')
param appServiceSku = 'B1'
param botSku = 'F0'
