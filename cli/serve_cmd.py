"""``ikz serve``: the web UI and API with waitress, a production WSGI server."""

from __future__ import annotations

import argparse
import os

from cli.common import add_index_option, index_dir


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("serve", help="Web-Oberfläche starten", description="Serve the web UI and API.")
    add_index_option(parser)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=4, help="worker threads (default 4)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import waitress

    from webui import create_app

    os.environ["IKZ_INDEX"] = str(index_dir(args))  # create_app reads IKZ_-prefixed settings
    app = create_app()
    print(f"IKZ-Suche on http://{args.host}:{args.port}/ (index {app.config['INDEX']})", flush=True)
    waitress.serve(app, host=args.host, port=args.port, threads=args.workers, ident="ikz-suche")
    return 0
