#!/usr/bin/env bash
# Starts or stops one local AWS server on a free 127.0.0.1 port, for the demo, benchmarks and manual use.
#   server.sh start kinesalite|kinesis-local|moto STATE_DIR   -> prints the endpoint, writes STATE_DIR/NAME.{pid,port,log}
#   server.sh stop NAME STATE_DIR                             -> SIGTERM, then SIGKILL after 5 s
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cmd="${1:?usage: server.sh start|stop NAME STATE_DIR}"; name="${2:?server name}"; state="${3:?state dir}"
mkdir -p "$state"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

case "$cmd" in
start)
  port="$(free_port)"; log="$state/$name.log"
  case "$name" in
  kinesalite)
    "$here/install.sh"
    ( exec node "$here/kinesalite-server.js" "$port" >"$log" 2>&1 ) & pid=$! ;;
  kinesis-local)
    "$here/install.sh"
    tls="$(free_port)"
    (
      export KINESIS_MOCK_CERT_PATH="$here/node_modules/kinesis-local/server.json" \
             KINESIS_MOCK_PLAIN_PORT="$port" KINESIS_MOCK_TLS_PORT="$tls" LOG_LEVEL=WARN SHARD_LIMIT=1000
      for op in CREATE_STREAM DELETE_STREAM MERGE_SHARDS SPLIT_SHARD UPDATE_SHARD_COUNT \
                REGISTER_STREAM_CONSUMER DEREGISTER_STREAM_CONSUMER; do export "${op}_DURATION=50ms"; done
      exec node -r "$here/kinesis-local-preload.js" "$here/node_modules/kinesis-local/main.js" >"$log" 2>&1
    ) & pid=$! ;;
  moto)
    "${PYTHON:-python3}" -c 'import moto.server' 2>/dev/null || {
      echo "moto is not importable by ${PYTHON:-python3}: pip install 'moto[server]==5.2.1'" >&2; exit 1; }
    ( export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
      exec "${PYTHON:-python3}" -m moto.server -H 127.0.0.1 -p "$port" >"$log" 2>&1 ) & pid=$! ;;
  *) echo "unknown server '$name' (kinesalite, kinesis-local, moto)" >&2; exit 2 ;;
  esac
  echo "$pid" >"$state/$name.pid"; echo "$port" >"$state/$name.port"
  for _ in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name died during start-up; its log:" >&2; tail -30 "$log" >&2; exit 1; fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "http://127.0.0.1:$port"; exit 0; fi
    sleep 0.2
  done
  echo "$name did not listen on 127.0.0.1:$port within 60 s; its log:" >&2; tail -30 "$log" >&2
  kill -9 "$pid" 2>/dev/null || true; exit 1 ;;
stop)
  [ -f "$state/$name.pid" ] || exit 0
  pid="$(cat "$state/$name.pid")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$state/$name.pid" "$state/$name.port" ;;
*) echo "usage: server.sh start|stop NAME STATE_DIR" >&2; exit 2 ;;
esac
