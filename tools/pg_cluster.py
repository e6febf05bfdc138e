"""Throwaway local PostgreSQL clusters for tests, `make eval` and benchmarks.

``LocalCluster`` runs Debian's binaries (``/usr/lib/postgresql/15/bin``): ``initdb`` into
a new directory, ``pg_ctl start`` on a free loopback port, and a streaming replica made
with ``pg_basebackup -R``. As root, every server command runs as the ``postgres`` user
(PostgreSQL refuses to run as root). Durability is traded for speed (``fsync=off``): the
data is thrown away with the directory.

    with LocalCluster.start() as primary:
        url = primary.url            # postgresql://postgres@127.0.0.1:PORT/postgres
        replica = primary.replica()  # a hot standby following the primary
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

BIN = Path(os.environ.get("IKZ_PG_BIN", "/usr/lib/postgresql/15/bin"))
SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "256MB",
    "work_mem": "32MB",
    "max_connections": "200",
    "wal_level": "replica",
    "max_wal_senders": "5",
    "hot_standby": "on",
    "hot_standby_feedback": "on",
    "wal_receiver_status_interval": "1s",
    "jit": "off",
    "log_min_messages": "warning",
}


class ClusterError(RuntimeError):
    """A server command failed; the message holds its output."""


def available() -> bool:
    """Whether the PostgreSQL server binaries are installed."""
    return (BIN / "initdb").exists() and (BIN / "pg_ctl").exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _run(*command: str) -> None:
    done = subprocess.run([*_as_server_user(), *command], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ClusterError(f"{' '.join(command)} failed: {done.stdout}{done.stderr}")


class LocalCluster:
    """One running server (primary or replica) in its own directory."""

    def __init__(self, directory: Path, port: int, *, owned_root: Path | None = None) -> None:
        self.directory = directory
        self.port = port
        self._owned_root = owned_root
        self._replicas: list[LocalCluster] = []

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @classmethod
    def start(cls, root: Path | None = None) -> LocalCluster:
        """``initdb`` and start a new primary. Raises ClusterError."""
        if not available():
            raise ClusterError(f"PostgreSQL server binaries not found in {BIN} (apt-get install postgresql)")
        owned = root is None
        root = Path(tempfile.mkdtemp(prefix="ikz-pg-", dir="/tmp")) if root is None else root
        _give_to_server_user(root)
        data = root / "primary"
        _run(str(BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
             "--locale=C.UTF-8", "--no-sync")
        cluster = cls(data, _free_port(), owned_root=root if owned else None)
        cluster._configure()
        cluster._start()
        return cluster

    def replica(self) -> LocalCluster:
        """A streaming hot standby of this primary (``pg_basebackup -R``). Raises ClusterError."""
        data = self.directory.parent / f"replica{len(self._replicas) + 1}"
        _run(str(BIN / "pg_basebackup"), "-D", str(data), "-h", "127.0.0.1", "-p", str(self.port),
             "-U", "postgres", "-R", "-X", "stream", "-c", "fast", "--no-sync")
        replica = LocalCluster(data, _free_port())
        replica._configure()
        replica._start()
        self._replicas.append(replica)
        return replica

    def _configure(self) -> None:
        settings = {**SETTINGS, "port": str(self.port), "listen_addresses": "'127.0.0.1'",
                    "unix_socket_directories": f"'{self.directory}'"}
        lines = "".join(f"{key} = {value}\n" for key, value in settings.items())
        conf = self.directory / "postgresql.auto.conf"
        existing = conf.read_text() if conf.exists() else ""
        conf.write_text(existing + lines)
        _give_to_server_user(self.directory)

    def _start(self) -> None:
        _run(str(BIN / "pg_ctl"), "-D", str(self.directory), "-l", str(self.directory / "server.log"),
             "-w", "-t", "60", "start")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise ClusterError(f"server in {self.directory} did not accept connections")

    def stop(self) -> None:
        """Stop this server and its replicas; remove the directory if this object made it."""
        for replica in self._replicas:
            replica.stop()
        self._replicas.clear()
        if (self.directory / "postmaster.pid").exists():
            _run(str(BIN / "pg_ctl"), "-D", str(self.directory), "-m", "immediate", "-w", "stop")
        if self._owned_root is not None:
            shutil.rmtree(self._owned_root, ignore_errors=True)

    def __enter__(self) -> LocalCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _give_to_server_user(path: Path) -> None:
    if os.geteuid() != 0:
        return
    user = pwd.getpwnam("postgres")
    for current, _dirs, files in os.walk(path):
        os.chown(current, user.pw_uid, user.pw_gid)
        for name in files:
            os.chown(os.path.join(current, name), user.pw_uid, user.pw_gid)
    os.chmod(path, 0o700)


def main(argv: list[str]) -> int:
    """``pg_cluster.py``: start a cluster, print its URL, stop on Ctrl-C.
    ``pg_cluster.py -- COMMAND …``: run COMMAND with ``IKZ_DATABASE_URL`` pointing at a
    throwaway cluster, then stop it; exits with COMMAND's status."""
    with LocalCluster.start() as cluster:
        if argv[:1] == ["--"] and len(argv) > 1:
            return subprocess.run(argv[1:], env={**os.environ, "IKZ_DATABASE_URL": cluster.url}, check=False).returncode
        print(cluster.url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
