#!/usr/bin/env bash
# The main job: installs what is missing, builds Kendali in release mode and runs it on the
# bundled dataset.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product kendali
bin="$(swift build -c release --show-bin-path)/kendali"
"$bin" selfcheck
