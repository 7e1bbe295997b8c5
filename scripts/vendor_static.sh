#!/usr/bin/env bash
# Rebuild src/ntm/web/static/vendor/ from npm at pinned versions.
#
# Why: the web app runs on government networks that are often cut off from the internet, so
# every script, stylesheet and font is served by ntm itself (no CDN, ever). Only the files the
# pages load are kept, each library with its licence; source-map comments are removed so that
# no browser asks for a .map file that is not shipped.
set -euo pipefail

BOOTSTRAP=5.3.9
CHARTJS=4.6.1
LEAFLET=1.9.4
FONT=5.3.0   # @fontsource/be-vietnam-pro (SIL OFL 1.1): full Vietnamese coverage

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/ntm/web/static/vendor"
WORK="$(mktemp -d /tmp/ntm-vendor.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

npm install --prefix "$WORK" --no-save --ignore-scripts --no-audit --no-fund \
  "bootstrap@$BOOTSTRAP" "chart.js@$CHARTJS" "leaflet@$LEAFLET" "@fontsource/be-vietnam-pro@$FONT"
NM="$WORK/node_modules"

rm -rf "$DEST"
mkdir -p "$DEST/bootstrap" "$DEST/chartjs" "$DEST/leaflet/images" "$DEST/be-vietnam-pro/files"

cp "$NM/bootstrap/dist/css/bootstrap.min.css" "$NM/bootstrap/dist/js/bootstrap.bundle.min.js" \
   "$NM/bootstrap/LICENSE" "$DEST/bootstrap/"
cp "$NM/chart.js/dist/chart.umd.min.js" "$DEST/chartjs/"
cp "$NM/chart.js/LICENSE.md" "$DEST/chartjs/LICENSE.md"
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$NM/leaflet/LICENSE" "$DEST/leaflet/"
cp "$NM/leaflet/dist/images/"*.png "$DEST/leaflet/images/"

FONTDIR="$NM/@fontsource/be-vietnam-pro"
cp "$FONTDIR/LICENSE" "$DEST/be-vietnam-pro/LICENSE"
: > "$DEST/be-vietnam-pro/be-vietnam-pro.css"
for weight in 400 600 700; do
  for subset in vietnamese latin-ext latin; do
    cp "$FONTDIR/files/be-vietnam-pro-$subset-$weight-normal.woff2" "$DEST/be-vietnam-pro/files/"
  done
  # Keep the unicode-range rules of the upstream file, woff2 only (every supported browser has it).
  sed -E "s#, url\(\./files/[^)]*\.woff\) format\('woff'\)##" "$FONTDIR/$weight.css" \
    >> "$DEST/be-vietnam-pro/be-vietnam-pro.css"
  echo >> "$DEST/be-vietnam-pro/be-vietnam-pro.css"
done

find "$DEST" \( -name '*.js' -o -name '*.css' \) -exec sed -i -E '/^\/[\/*]# sourceMappingURL=.*$/d; s#/[/*]\# sourceMappingURL=[^ *]*( \*/)?##' {} +

cat > "$DEST/VERSIONS.txt" <<VERSIONS
bootstrap $BOOTSTRAP (MIT)
chart.js $CHARTJS (MIT)
leaflet $LEAFLET (BSD-2-Clause)
@fontsource/be-vietnam-pro $FONT (SIL OFL 1.1)
htmx: the copy django-htmx ships (static/django_htmx/htmx-2.min.js)
VERSIONS
echo "vendored into $DEST"
