"""Profile files on disk: encodings, broken files, duplicates, directory walks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus import ProfileParseError, load_profiles, read_profile
from corpus.files import MAX_PROFILE_BYTES, decode_profile_bytes

GOOD = "Gemeinsamer Bauhof\n\nErwitte, Anröchte\n\nStichworte:\n\nBauhof, Winterdienst\n"


def test_id_is_the_file_stem(tmp_path):
    path = tmp_path / "042_bauhof-erwitte.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert read_profile(path).id == "042_bauhof-erwitte"


def test_windows_1252_is_decoded(tmp_path):
    path = tmp_path / "cp.txt"
    path.write_bytes(GOOD.replace("Bauhof", "Bauhöfe – Straße").encode("cp1252"))
    profile = read_profile(path)
    assert profile.title == "Gemeinsamer Bauhöfe – Straße"
    assert profile.participants == ("Erwitte", "Anröchte")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Münster\n".encode(), "Münster\n"),
        (b"\xef\xbb\xbfM\xc3\xbcnster\r\n", "Münster\r\n"),
        ("Münster – Straße\n".encode("cp1252"), "Münster – Straße\n"),
        # one stray Windows-1252 byte: only its line is read as Windows-1252
        (b"M\xc3\xbcnster\nStra\xdfe\nK\xc3\xb6ln", "Münster\nStraße\nKöln"),
        (b"\xef\xbb\xbfM\xc3\xbcnster\r\nStra\xdfe\r\n", "Münster\r\nStraße\r\n"),
        # UTF-16 and UTF-32 with a byte order mark
        ("\ufeffMünster\r\nKöln\r\n".encode("utf-16-le"), "Münster\r\nKöln\r\n"),
        ("\ufeffMünster\nKöln\n".encode("utf-16-be"), "Münster\nKöln\n"),
        ("Münster\n".encode("utf-16"), "Münster\n"),
        ("Münster\n".encode("utf-32"), "Münster\n"),
    ],
)
def test_decoding(data, text):
    assert decode_profile_bytes(data, "x.txt") == text


def test_mostly_utf8_file_with_a_stray_byte(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(GOOD.replace("Bauhof", "Bauhof Münster").encode()
                     + "Kontakt:\n\nKämmerei – Straße 1\n".encode("cp1252"))
    profile = read_profile(path)
    assert profile.title == "Gemeinsamer Bauhof Münster" and profile.contact == "Kämmerei – Straße 1"


def test_utf16_file_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(GOOD.replace("Bauhof", "Bauhöfe").encode("utf-16"))
    profile = read_profile(path)
    assert profile.title == "Gemeinsamer Bauhöfe" and profile.participants == ("Erwitte", "Anröchte")


def test_utf16_without_byte_order_mark_is_binary():
    with pytest.raises(ProfileParseError, match="binary"):
        decode_profile_bytes(GOOD.encode("utf-16-le"), "x.txt")


def test_undefined_cp1252_bytes_do_not_crash():
    assert decode_profile_bytes(b"Titel \x81\x8d\xe4", "x.txt") == "Titel \ufffd\ufffdä"


def test_binary_file_names_file_and_line(tmp_path):
    path = tmp_path / "bin.txt"
    path.write_bytes(b"Titel\nzweite\n\x00\x01\x02\xff")
    with pytest.raises(ProfileParseError, match=r"bin\.txt:3: binary"):
        read_profile(path)


def test_too_large_file_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Titel\n\nStichworte:\n\n" + "x" * (MAX_PROFILE_BYTES + 1), encoding="utf-8")
    with pytest.raises(ProfileParseError, match="larger than"):
        read_profile(path)


def test_a_broken_corpus_loses_no_good_profile(tmp_path):
    (tmp_path / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "d_notitle.txt").write_text("Stichworte:\n\nIT\n", encoding="utf-8")
    (tmp_path / "e_cp1252.txt").write_bytes(GOOD.replace("Bauhof", "Müllabfuhr").encode("cp1252"))
    (tmp_path / "x.txt").mkdir()  # a directory that looks like a profile
    (tmp_path / "notes.md").write_text("not a profile", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "f_good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(tmp_path, sub / "loop")  # a symlink loop must not hang the walk
    result = load_profiles([tmp_path])
    assert [p.id for p in result.profiles] == ["a_good", "e_cp1252", "f_good"]
    assert sorted(os.path.basename(e.source) for e in result.errors) == ["b_empty.txt", "c_binary.txt", "d_notitle.txt"]
    assert all(str(e).startswith(f"{e.source}:{e.line}: ") for e in result.errors)


def test_duplicate_ids_are_an_error_naming_both_files(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "007_x.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "two" / "007_x.txt").write_text(GOOD.replace("Bauhof", "Friedhof"), encoding="utf-8")
    result = load_profiles([tmp_path])
    assert [p.title for p in result.profiles] == ["Gemeinsamer Bauhof"]
    (error,) = result.errors
    assert "duplicate profile id '007_x'" in error.message
    assert str(tmp_path / "one" / "007_x.txt") in error.message and error.source.endswith("two/007_x.txt")


def test_a_missing_file_is_reported_without_a_line(tmp_path):
    result = load_profiles([tmp_path / "missing.txt"])
    (error,) = result.errors
    assert result.profiles == [] and error.line is None
    assert str(error) == f"{tmp_path / 'missing.txt'}: no such file or directory"


def test_a_fifo_is_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (error,) = load_profiles([tmp_path / "pipe.txt"]).errors
    assert str(error) == f"{tmp_path / 'pipe.txt'}: not a regular file"


@pytest.mark.parametrize(
    "given",
    [
        lambda d: [d, d / "a.txt"],  # the directory and one of its files
        lambda d: [d / "a.txt", d],
        lambda d: [d, d],
        lambda d: [d / "sub", d],  # a sub-directory and its parent
        lambda d: [d, d / "sub" / ".." / "a.txt", d / "sub" / "b.txt"],
        lambda d: [d / "link", d],  # a symlink to the directory
    ],
)
def test_a_file_given_twice_is_read_once(tmp_path, given):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "sub" / "b.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(corpus, corpus / "link")
    result = load_profiles(given(corpus))
    assert [str(e) for e in result.errors] == []
    assert sorted(p.id for p in result.profiles) == ["a", "b"]


def test_a_file_given_relative_and_absolute_is_read_once(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = load_profiles([Path("a.txt"), tmp_path / "a.txt", Path(".")])
    assert [p.id for p in result.profiles] == ["a"] and result.errors == []


def test_parsing_processes_give_exactly_what_one_process_gives(tmp_path, monkeypatch, gazetteer):
    import shutil

    import corpus.files
    from tests.corpus.test_bundled_corpus import PROFILES

    shutil.copytree(PROFILES, tmp_path / "corpus")
    (tmp_path / "corpus" / "zz_binary.txt").write_bytes(b"Titel\n\x00")
    (tmp_path / "corpus" / "zz_empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "again").mkdir()
    first = sorted((tmp_path / "corpus").glob("*.txt"))[0]
    shutil.copy(first, tmp_path / "again" / first.name)  # the same id twice
    one = load_profiles([tmp_path], gazetteer, processes=1)
    monkeypatch.setattr(corpus.files, "PARALLEL_FROM", 2)
    two = load_profiles([tmp_path], gazetteer, processes=2)
    assert two.profiles == one.profiles and len(one.profiles) >= 300
    assert [str(e) for e in two.errors] == [str(e) for e in one.errors]
    assert len(one.errors) == 3 and any("duplicate profile id" in e.message for e in one.errors)
