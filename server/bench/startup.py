#!/usr/bin/env python3
"""Start-up time of `dvhc serve`: from exec to the first answered GET /healthz.

usage: startup.py path/to/dvhc [runs]    (prints the median and the range, in ms)

Polls the port with raw sockets every 0.2 ms, so the figure includes no client
start-up; the server is stopped with SIGTERM after each run.
"""
import signal
import socket
import statistics
import subprocess
import sys
import time

binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


times = []
for _ in range(runs):
    port = free_port()
    t0 = time.perf_counter()
    p = subprocess.Popen(
        [binary, "serve", "--addr", f"127.0.0.1:{port}", "--threads", "1"],
        stderr=subprocess.DEVNULL,
    )
    while True:
        try:
            c = socket.create_connection(("127.0.0.1", port), timeout=1)
            c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            if c.recv(12) == b"HTTP/1.1 200":
                break
        except OSError:
            time.sleep(0.0002)
    times.append((time.perf_counter() - t0) * 1000)
    p.send_signal(signal.SIGTERM)
    p.wait()
print(
    f"start-up to first /healthz answer: median {statistics.median(times):.1f} ms "
    f"(min {min(times):.1f}, max {max(times):.1f}, {runs} runs)"
)
