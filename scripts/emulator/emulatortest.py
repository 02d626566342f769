"""An emulator (launch.py, so with the patches) on a free loopback port, for
the boto3 tests of the patches: start() before the tests, stop() after."""
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Emulator:
    def __init__(self, name):
        self.log = os.path.join(tempfile.gettempdir(), f"{name}_emulator.log")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def start(self):
        """Starts the emulator and returns its URL once it answers."""
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "launch.py"), str(self.port)],
                                         stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 180  # the import of moto alone can take a while on a busy host
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1)
                return self.url
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("emulator exited: " + open(self.log).read())
                time.sleep(0.1)
        raise RuntimeError("emulator did not start")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        print(f"emulator log: {self.log}", file=sys.stderr)

    def reset(self):
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/reset", method="POST"), timeout=30)
