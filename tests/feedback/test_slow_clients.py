"""A client that sends its request slowly, or never finishes it, cannot hold the service's
connections: the whole request must arrive within the request timeout, an idle keep-alive
connection is closed, and past the connection limit new requests get 503 at once.

The bounds asserted are generous correctness bounds (closed at all, well after the timeout),
not speed claims: the machine is shared and loaded."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.feedback import ServiceProcess, make_site

REQUEST_TIMEOUT = 2
GENEROUS = 15.0
"""Seconds within which a connection the service should drop must be gone."""


@pytest.fixture
def service(tmp_path: Path) -> Iterator[ServiceProcess]:
    server = ServiceProcess(make_site(tmp_path / "site"), tmp_path / "feedback.sqlite3",
                            "--request-timeout", str(REQUEST_TIMEOUT), "--max-connections", "8")
    server.start()
    yield server
    server.stop()


def connect(service: ServiceProcess) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", service.port), timeout=GENEROUS)
    return sock


def closed_within(sock: socket.socket, seconds: float) -> float | None:
    """Seconds until the server closed the connection, or None if it was still open."""
    start = time.monotonic()
    sock.settimeout(0.25)
    while time.monotonic() - start < seconds:
        try:
            data = sock.recv(4096)
        except TimeoutError:
            continue
        except ConnectionResetError:
            return time.monotonic() - start
        if data == b"":
            return time.monotonic() - start
    return None


def get(service: ServiceProcess, path: str = "/no-such-page/") -> bytes:
    with connect(service) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_a_connection_that_sends_half_a_request_line_is_closed(service: ServiceProcess) -> None:
    with connect(service) as sock:
        sock.sendall(b"GET /ind")
        assert closed_within(sock, GENEROUS) is not None


def test_a_connection_that_sends_nothing_is_closed(service: ServiceProcess) -> None:
    with connect(service) as sock:
        assert closed_within(sock, GENEROUS) is not None


def test_a_request_dribbled_byte_by_byte_is_cut_off_however_steady(
        service: ServiceProcess) -> None:
    request = b"GET /no-such-page/ HTTP/1.1\r\nHost: x\r\n" + b"X-Padding: " + b"a" * 200
    with connect(service) as sock:
        start = time.monotonic()
        try:
            for byte in request:  # one byte every 0.2 s: never idle long, never finished
                sock.sendall(bytes([byte]))
                time.sleep(0.2)
                if time.monotonic() - start > GENEROUS:
                    break
        except (BrokenPipeError, ConnectionResetError):
            pass
        assert closed_within(sock, 1.0) is not None
        assert time.monotonic() - start < GENEROUS


def test_a_vote_whose_body_never_arrives_is_cut_off(service: ServiceProcess) -> None:
    with connect(service) as sock:
        sock.sendall(b"POST /api/feedback HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 300\r\n\r\n{\"id\":")
        assert closed_within(sock, GENEROUS) is not None


def test_an_idle_keep_alive_connection_is_closed(service: ServiceProcess) -> None:
    with connect(service) as sock:
        sock.sendall(b"GET /no-such-page/ HTTP/1.1\r\nHost: x\r\n\r\n")
        assert b"404" in sock.recv(65536).split(b"\r\n")[0]
        assert closed_within(sock, GENEROUS) is not None


def test_a_reader_on_a_slow_network_still_gets_the_page(service: ServiceProcess) -> None:
    with connect(service) as sock:
        sock.sendall(b"GET /no-such-page/ HT")
        time.sleep(0.5)
        sock.sendall(b"TP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.1 404")


def test_past_the_connection_limit_requests_get_503_until_slow_clients_are_dropped(
        service: ServiceProcess) -> None:
    hogs = [connect(service) for _ in range(8)]
    try:
        for sock in hogs:
            sock.sendall(b"GET /ind")
        time.sleep(0.3)
        assert get(service).startswith(b"HTTP/1.1 503")
        for sock in hogs:
            assert closed_within(sock, GENEROUS) is not None
        assert get(service).startswith(b"HTTP/1.1 404")
    finally:
        for sock in hogs:
            sock.close()
