"""``ikz staff add|remove|list NAME``: manage staff accounts (password hashes in a file)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from cli.common import fail
from index.home import data_home
from webui.accounts import AccountError, add_account, load_accounts, remove_account


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("staff", help="Mitarbeiter-Konten verwalten", description="Manage staff accounts.")
    parser.add_argument("--file", type=Path, default=None,
                        help="accounts file (default: $IKZ_STAFF_FILE, else staff.json in $IKZ_HOME)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add an account or set its password")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    remove = actions.add_parser("remove", help="remove an account")
    remove.add_argument("name")
    actions.add_parser("list", help="list account names")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = args.file or Path(os.environ.get("IKZ_STAFF_FILE") or data_home() / "staff.json")
    try:
        if args.action == "add":
            password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Passwort: ")
            add_account(path, args.name, password)
            print(f"account {args.name!r} saved in {path}", file=sys.stderr)
        elif args.action == "remove":
            remove_account(path, args.name)
            print(f"account {args.name!r} removed", file=sys.stderr)
        else:
            for name in sorted(load_accounts(path)):
                print(name)
    except (AccountError, ValueError) as error:
        return fail(str(error))
    return 0
