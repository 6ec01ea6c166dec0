# Sourced by the other scripts. Needs only python3 (3.10 or later) and pip.
#   ensure_venv DIR PYTHON EXTRAS  make the virtual environment DIR with PYTHON (once) and install
#                                  the package with EXTRAS ("" for the runtime package alone),
#                                  again whenever pyproject.toml changes; pip's output goes to
#                                  DIR/pip-install.log and is shown only on failure.
#   find_python VERSION            the newest CPython VERSION (3.10) under ~/.pyenv/versions, else
#                                  pythonVERSION on PATH if it runs; prints nothing when absent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

ensure_venv() {
  local dir="$1" python="$2" extras="$3"
  if [ ! -x "$dir/bin/python" ]; then
    "$python" -m venv "$dir"
  fi
  local stamp
  stamp="$dir/.installed-$(cksum < pyproject.toml | cut -d' ' -f1)-${extras:-runtime}"
  if [ ! -f "$stamp" ]; then
    local spec="."
    if [ -n "$extras" ]; then spec=".[$extras]"; fi
    echo "Installing send-timescales${extras:+[$extras]} into $dir ..." >&2
    local log="$dir/pip-install.log"
    if ! { "$dir/bin/python" -m pip install --disable-pip-version-check --upgrade pip \
           && "$dir/bin/python" -m pip install --disable-pip-version-check -e "$spec"; } \
         >"$log" 2>&1; then
      cat "$log" >&2
      echo "Installing into $dir failed; the log above is also in $log." >&2
      exit 1
    fi
    rm -f "$dir"/.installed-*
    touch "$stamp"
  fi
}

find_python() {
  local version="$1" candidate found=""
  for candidate in "$HOME"/.pyenv/versions/"$version".*/bin/python; do
    if [ -x "$candidate" ]; then found="$candidate"; fi
  done
  if [ -z "$found" ] && command -v "python$version" >/dev/null 2>&1 \
     && "python$version" -c "" >/dev/null 2>&1; then
    found="$(command -v "python$version")"
  fi
  if [ -n "$found" ]; then echo "$found"; fi
}
