#!/usr/bin/env bash
# Serve the demo on http://127.0.0.1:$PORT/ (8000 by default) with a Celery worker and beat
# beside it, on the embedded broker unless REDIS_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

"$BIN/celery" -A config worker --beat --loglevel=INFO --concurrency=1 \
    --schedule=var/celerybeat-schedule >var/celery.log 2>&1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo "Celery worker and beat running (log: var/celery.log)"
"$BIN/python" manage.py runserver "127.0.0.1:${PORT:-8000}"
