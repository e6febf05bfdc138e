"""`ikz serve`: what it starts and says (gunicorn itself is not started here)."""

from __future__ import annotations

import pytest

from cli.main import main


@pytest.mark.parametrize(("workers", "threads", "said"), [("1", "1", "1 worker × 1 thread)"),
                                                          ("2", "4", "2 workers × 4 threads)")])
def test_serve_says_how_many_workers(index_dir, monkeypatch, capsys, workers, threads, said):
    from gunicorn.app.base import BaseApplication

    started = []
    monkeypatch.setattr(BaseApplication, "run", lambda self: started.append(self.cfg.workers))
    monkeypatch.setenv("IKZ_INDEX", "")  # serve sets these for create_app; restored afterwards
    monkeypatch.setenv("IKZ_BACKEND", "whoosh")
    assert main(["serve", "--index", str(index_dir), "--workers", workers, "--threads", threads]) == 0
    assert said in capsys.readouterr().out and started == [int(workers)]
