"""``ikz serve``: the web UI and API with gunicorn, a production WSGI server.

``--workers N`` pre-forked processes (each opens the index and keeps its caches) with
``--threads`` threads each; a rebuilt index is picked up by every worker on its next
request, without a restart.
"""

from __future__ import annotations

import argparse
import os

from cli.common import add_index_option, index_target
from index.home import data_home


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("serve", help="Web-Oberfläche starten", description="Serve the web UI and API.")
    add_index_option(parser)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from gunicorn.app.base import BaseApplication

    from webui import create_app

    target = index_target(args)
    data_home()  # the workers' secret key, staff file and instance folder: fail here, not in each worker
    os.environ["IKZ_INDEX"] = target.location  # create_app reads IKZ_-prefixed settings
    os.environ["IKZ_BACKEND"] = target.backend

    class Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{args.host}:{args.port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("timeout", 30)
            self.cfg.set("accesslog", None)
            self.cfg.set("proc_name", "ikz-suche")

        def load(self):  # noqa: ANN202 - a WSGI application
            return create_app()

    workers, threads = max(1, args.workers), max(1, args.threads)
    print(f"IKZ-Suche on http://{args.host}:{args.port}/ ({target.describe()}, "
          f"{workers} worker{'s' if workers != 1 else ''} × {threads} thread{'s' if threads != 1 else ''})",
          flush=True)
    Server().run()
    return 0
