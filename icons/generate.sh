#!/usr/bin/env bash
# Regenerate every app icon from icons/source.svg with ImageMagick.
# usage: icons/generate.sh        (needs `convert`: apt-get install imagemagick)
set -euo pipefail
cd "$(dirname "$0")"
src=source.svg
command -v convert >/dev/null || { echo "generate.sh: ImageMagick's convert is missing" >&2; exit 1; }

# Render once, large and with a transparent background, then scale down from that.
master=$(mktemp --suffix=.png)
trap 'rm -f "$master"' EXIT
convert -background none -density 384 "$src" -resize 1024x1024 "$master"

png() { # png SIZE OUT: an 8-bit RGBA PNG (Tauri requires RGBA icons)
  convert "$master" -filter Lanczos -resize "$1x$1" -strip -define png:color-type=6 "PNG32:$2"
}

png 32 32x32.png
png 128 128x128.png
png 256 128x128@2x.png
png 512 icon.png

# Windows icon: the usual sizes in one .ico.
convert "$master" -filter Lanczos -depth 8 -define icon:auto-resize=256,128,64,48,32,24,16 icon.ico

echo "icons: 32x32.png 128x128.png 128x128@2x.png icon.png icon.ico from $src"
