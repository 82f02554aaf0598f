#!/usr/bin/env bash
# Renders a generated report (.docx) to PDF with LibreOffice and to one PNG per page with
# pdftoppm, to look at the layout (covers, header block, tables, landscape pages). Not run in
# CI: it needs `libreoffice` (or `soffice`) and `pdftoppm` (poppler-utils) on the machine.
#
#   scripts/render-report-pdf.sh REPORT.docx [OUT_DIR] [DPI]
#
# Without a report, make one from the demo school first (from a source checkout):
#   export TRUONG_CHUAN_FROM_SOURCE=1
#   npx truong-chuan demo seed --data-dir /tmp/tc-demo
#   id=$(npx truong-chuan --data-dir /tmp/tc-demo assessment list --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].id))')
#   npx truong-chuan --data-dir /tmp/tc-demo report build --assessment "$id" --kind bieu1 --page-numbers --out /tmp/bieu1.docx
#   scripts/render-report-pdf.sh /tmp/bieu1.docx /tmp/bieu1-pages
#
# LibreOffice does not refresh the table of contents on load; with --page-numbers the TOC's
# page numbers are written into the file, so they show here too (Word refreshes them anyway).
set -euo pipefail

if [[ $# -lt 1 ]]; then
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

input="$1"
out="${2:-$(dirname "$input")/$(basename "${input%.*}")-pages}"
dpi="${3:-80}"

if [[ ! -f "$input" ]]; then
  echo "Không có tệp: $input" >&2
  exit 1
fi
office="$(command -v libreoffice || command -v soffice || true)"
if [[ -z "$office" ]]; then
  echo "Cần LibreOffice (libreoffice hoặc soffice) để chuyển sang PDF; máy này chưa cài." >&2
  exit 3
fi
if ! command -v pdftoppm >/dev/null; then
  echo "Cần pdftoppm (gói poppler-utils) để tách trang thành ảnh PNG." >&2
  exit 3
fi

mkdir -p "$out"
# A private profile: does not touch (or wait for) a LibreOffice the user has open.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$office" -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$input" >/dev/null
pdf="$out/$(basename "${input%.*}").pdf"
if [[ ! -f "$pdf" ]]; then
  echo "LibreOffice không tạo được PDF từ $input" >&2
  exit 1
fi
pdftoppm -png -r "$dpi" "$pdf" "$out/trang"
pages="$(ls "$out"/trang-*.png | wc -l | tr -d ' ')"
echo "PDF: $pdf"
echo "Ảnh: $pages trang trong $out (trang-01.png …)"
