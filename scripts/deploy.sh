#!/usr/bin/env bash
# Run by `azd up` after provisioning: builds the package and zip-deploys it (needs the az CLI, signed in).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/package.sh artifacts/functionapp
app=${AZURE_FUNCTION_APP_NAME:?run through azd, which sets AZURE_FUNCTION_APP_NAME}
az functionapp deployment source config-zip --resource-group "${AZURE_RESOURCE_GROUP:?}" --name "$app" --src artifacts/functionapp.zip
echo "Deployed to ${AZURE_FUNCTION_APP_URL:-https://$app.azurewebsites.net}/api/health"
