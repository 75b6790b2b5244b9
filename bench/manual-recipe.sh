#!/usr/bin/env bash
# The manual recipe, as tight as a careful engineer writes it: start the app,
# poll /health until it answers, open the stream for a second and drop it,
# probe /health with the timeout, and dump the stacks if it hangs. It prints
# "verdict: hung" or "verdict: healthy" when it knows, then stops the app.
#
# Usage: bench/manual-recipe.sh <app-dir> <port> <stream-path> <timeout-seconds>
set -u
cd "$1"
base="http://127.0.0.1:$2"
uvicorn app.main:app --host 127.0.0.1 --port "$2" >/dev/null 2>&1 &
app=$!
trap 'kill -9 "$app" 2>/dev/null' EXIT
until curl -sf -o /dev/null "$base/health"; do sleep 0.02; done
curl -sN -m 1 -o /dev/null "$base$3"
if curl -sf -o /dev/null -m "$4" "$base/health"; then
  echo "verdict: healthy"
else
  py-spy dump --pid "$app" >/dev/null
  echo "verdict: hung"
fi
