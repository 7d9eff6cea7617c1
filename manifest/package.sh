#!/usr/bin/env bash
# Builds the Teams / Microsoft 365 app package (bot + Outlook add-in): replaces every ${{NAME}} in manifest.json with
# the environment variable NAME, validates the result offline (schema and icons), and zips manifest.json, color.png
# and outline.png into <out>/appPackage.zip (default manifest/build/, which git ignores).
# Usage: TEAMS_APP_ID=... BOT_ID=... AAD_APP_CLIENT_ID=... APP_DOMAIN=... PRIVACY_URL=... TERMS_URL=... manifest/package.sh [out]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/build}"
tools="${MEETINGPREP_TOOLS:-$here/../tests/tools}"

content="$(<"$here/manifest.json")"
missing=()
for token in $(grep -o '\${{[A-Za-z0-9_]*}}' "$here/manifest.json" | sort -u); do
  name="${token:3:${#token}-5}"
  value="${!name:-}"
  if [ -z "$value" ]; then
    missing+=("$name")
    continue
  fi
  # Values go into JSON strings as they are; a quote, backslash or control character would change the document.
  if [[ "$value" == *[\"\\]* ]] || [[ "$value" =~ [[:cntrl:]] ]]; then
    echo "package.sh: $name must not contain quotes, backslashes or control characters." >&2
    exit 2
  fi
  content="${content//"$token"/"$value"}"
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "package.sh: set these environment variables (see manifest/README.md): ${missing[*]}" >&2
  exit 2
fi

stage="$out/stage"
rm -rf "$stage"
mkdir -p "$stage"
printf '%s\n' "$content" > "$stage/manifest.json"
cp "$here/color.png" "$here/outline.png" "$stage/"

if ! node "$here/validate.js" "$stage" --tools "$tools"; then
  echo "package.sh: the manifest is not valid; nothing was packaged." >&2
  exit 1
fi

zip_file="$out/appPackage.zip"
rm -f "$zip_file"
if command -v zip >/dev/null; then
  (cd "$stage" && zip -q -X "$zip_file" manifest.json color.png outline.png)
elif command -v python3 >/dev/null; then
  (cd "$stage" && python3 -m zipfile -c "$zip_file" manifest.json color.png outline.png)
else
  echo "package.sh: needs zip (apt-get install zip) or python3 to write the package." >&2
  exit 2
fi
rm -rf "$stage"
echo "$zip_file"
