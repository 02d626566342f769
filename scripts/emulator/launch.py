"""Start moto_server in-process, after patching the emulator gaps listed in
patches.py, on 127.0.0.1:<port>. Test tooling only: nothing here is used by
the library, and the installed moto package is never modified on disk."""
import os
import signal
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# AWS managed policies (for example service-role/AmazonRDSEnhancedMonitoringRole)
# exist in every real account; moto knows them but loads them only when asked.
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

import patches  # noqa: E402  (must run before the server imports backends)
from moto.server import ThreadedMotoServer  # noqa: E402


def main() -> None:
    port = int(sys.argv[1])
    patches.apply()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(f"emulator listening on http://127.0.0.1:{port}", flush=True)
    stop.wait()
    server.stop()


if __name__ == "__main__":
    main()
